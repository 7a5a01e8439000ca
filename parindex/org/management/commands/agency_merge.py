from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import command_actor, date_option
from parindex.common.errors import DomainError
from parindex.org import changes
from parindex.org.models import Agency


class Command(BaseCommand):
    help = (
        "Record agencies merged into another from a date (e.g. the 2025 mergers): --agencies A,B "
        "--into C --on dd/mm/yyyy. The merged agencies become inactive; their history stays "
        "theirs and the successor lists them (docs/people.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agencies", required=True, help="the merging agency codes, A,B")
        parser.add_argument("--into", required=True, help="the continuing agency's code")
        parser.add_argument("--on", required=True, help="effective date (dd/mm/yyyy or ISO)")
        parser.add_argument("--decision", default="", help="the decision, e.g. 1678/QĐ-UBND")
        parser.add_argument("--user", help="user name recorded as the actor (an administrator)")

    def handle(self, *args: Any, **options: Any) -> None:
        def agency(code: str) -> Agency:
            found = Agency.objects.filter(code=code.strip().upper()).first()
            if found is None:
                raise CommandError(f"no agency {code!r}")
            return found

        effective_on = date_option(options, "on")
        actor = command_actor(options)
        predecessors = [agency(c) for c in options["agencies"].split(",") if c.strip()]
        try:
            change = changes.agency_merge(
                actor=actor,
                predecessors=predecessors,
                successor=agency(options["into"]),
                effective_on=effective_on,
                decision=options["decision"],
            )
        except (DomainError, PermissionDenied) as exc:
            raise CommandError(str(exc) or "permission denied") from None
        merged = ", ".join(
            link.predecessor.code for link in change.agency_links.select_related("predecessor")
        )
        self.stdout.write(
            f"merge on {change.effective_on.isoformat()}: {merged} → {change.agency.code}"
        )
