from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import print_json
from parindex.dossiers.figures import procedure_review
from parindex.dossiers.management.commands._base import get_agency, parse_day


class Command(BaseCommand):
    help = (
        "High-volume procedures and online procedures without online dossiers (docs/formats.md §6)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--format", choices=("json",), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = get_agency(options["agency"])
        d1, d2 = parse_day(options["date_from"]), parse_day(options["date_to"])
        if d2 < d1:
            raise CommandError("--to is before --from")
        if options["top"] < 0:
            raise CommandError("--top must not be negative")
        print_json(self, procedure_review(agency, d1, d2, top=options["top"]))
