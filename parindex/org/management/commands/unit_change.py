from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import command_actor, date_option
from parindex.common.errors import DomainError
from parindex.org import changes
from parindex.org.models import Agency, Unit


class Command(BaseCommand):
    help = (
        "Record a reorganisation with its effective date: merge units (--units A,B --into C "
        "[--name N]), split a unit (--unit A --into B:Name,C:Name) or rename it (--unit A "
        "--name N). Past figures stay with the units as they were (docs/people.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=("merge", "split", "rename"))
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--on", required=True, help="effective date (dd/mm/yyyy or ISO)")
        parser.add_argument("--units", help="merge: the merging unit codes, comma-separated")
        parser.add_argument("--unit", help="split, rename: the unit's code")
        parser.add_argument("--into", help="merge: the successor's code; split: CODE:Name,…")
        parser.add_argument("--name", default="", help="merge: a new successor's name; rename")
        parser.add_argument("--decision", default="", help="the decision, e.g. 12/QĐ-UBND")
        parser.add_argument("--user", help="user name recorded as the actor")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"].strip().upper()).first()
        if agency is None:
            raise CommandError(f"no agency {options['agency']!r}")
        effective_on = date_option(options, "on")
        actor = command_actor(options)

        def unit(code: str) -> Unit:
            found = Unit.objects.filter(agency=agency, code=code.strip().upper()).first()
            if found is None:
                raise CommandError(f"no unit {code!r} in {agency.code}")
            return found

        common = {"effective_on": effective_on, "decision": options["decision"]}
        try:
            if options["kind"] == "merge":
                if not options.get("units") or not options.get("into"):
                    raise CommandError("merge needs --units and --into")
                change = changes.unit_merge(
                    actor=actor,
                    agency=agency,
                    predecessors=[unit(c) for c in options["units"].split(",") if c.strip()],
                    successor_code=options["into"],
                    successor_name=options["name"],
                    **common,
                )
            elif options["kind"] == "split":
                if not options.get("unit") or not options.get("into"):
                    raise CommandError("split needs --unit and --into CODE:Name,…")
                parts = [p.split(":", 1) for p in options["into"].split(",") if p.strip()]
                change = changes.unit_split(
                    actor=actor,
                    agency=agency,
                    predecessor=unit(options["unit"]),
                    successors=[(p[0], p[1] if len(p) > 1 else p[0]) for p in parts],
                    **common,
                )
            else:
                if not options.get("unit") or not options["name"]:
                    raise CommandError("rename needs --unit and --name")
                change = changes.unit_rename(
                    actor=actor, unit=unit(options["unit"]), name=options["name"], **common
                )
        except (DomainError, PermissionDenied) as exc:
            raise CommandError(str(exc) or "permission denied") from None
        links = ", ".join(f"{link.code_before} → {link.successor.code}"
                          for link in change.unit_links.select_related("successor"))  # fmt: skip
        self.stdout.write(f"{change.kind} on {change.effective_on.isoformat()}: {links}")
