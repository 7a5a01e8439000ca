from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import command_actor
from parindex.org import services


class Command(BaseCommand):
    help = (
        "Unlock a user name locked out after too many wrong passwords (docs/security.md). "
        "The unlock is written to the audit trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the locked user name")
        parser.add_argument("--user", help="user name recorded as the actor (default: system)")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects
        person = users.filter(username=options["username"]).first()
        if person is None:
            raise CommandError(f"no user {options['username']!r}")
        actor = command_actor(options)
        try:
            cleared = services.person_unlock(actor=actor, user=person)
        except PermissionDenied:
            raise CommandError(f"{options['user']} may not unlock {person.username}") from None
        self.stdout.write(f"{person.username}: unlocked ({cleared} failed-login records cleared)")
