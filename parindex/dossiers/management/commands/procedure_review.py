from typing import Any

from django.core.management.base import CommandError, CommandParser

from parindex.common.commands import print_json
from parindex.dossiers.figures import procedure_review
from parindex.dossiers.management.commands._base import AgencyPeriodCommand


class Command(AgencyPeriodCommand):
    help = (
        "High-volume procedures and online procedures without online dossiers (docs/formats.md §6)."
    )

    def add_options(self, parser: CommandParser) -> None:
        parser.add_argument("--top", type=int, default=10)

    def handle(self, *args: Any, **options: Any) -> None:
        agency, d1, d2 = self.period(options)
        if options["top"] < 0:
            raise CommandError("--top must not be negative")
        print_json(self, procedure_review(agency, d1, d2, top=options["top"]))
