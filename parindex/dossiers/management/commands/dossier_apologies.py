from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import print_json
from parindex.dossiers.management.commands._base import get_agency, parse_day
from parindex.dossiers.measures import apology_figures


class Command(BaseCommand):
    help = (
        "Dossiers resolved late or pending and overdue, with and without an apology slip "
        "(form 04; docs/dossiers.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=("json",), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = get_agency(options["agency"])
        d1, d2 = parse_day(options["date_from"]), parse_day(options["date_to"])
        if d2 < d1:
            raise CommandError("--to is before --from")
        print_json(self, apology_figures(agency, d1, d2))
