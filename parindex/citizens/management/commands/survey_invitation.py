from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from parindex.citizens.qr import public_url
from parindex.citizens.services.invitations import invitation_create
from parindex.citizens.services.surveys import get_survey
from parindex.common.commands import ImportCommand
from parindex.common.errors import DomainError
from parindex.dossiers.models import Dossier


class Command(BaseCommand):
    help = "Make the survey invitation of a dossier's receipt and print its one-time link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--survey", required=True)
        parser.add_argument("--dossier", required=True, help="dossier code")
        parser.add_argument("--user", help="user name recorded as the actor")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = ImportCommand.actor(self, options)
        try:
            survey = get_survey(options["agency"], options["survey"])
            dossier = Dossier.objects.filter(agency=survey.agency, code=options["dossier"]).first()
            if dossier is None:
                raise CommandError(f"no dossier {options['dossier']!r}")
            token = invitation_create(actor=actor, survey=survey, dossier=dossier)
        except (DomainError, PermissionDenied) as exc:
            raise CommandError(str(exc) or "permission denied") from None
        self.stdout.write(public_url(reverse("citizens:public_token", args=[token])))
