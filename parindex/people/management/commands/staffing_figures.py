import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common import tabular
from parindex.common.commands import print_json
from parindex.org.models import Agency
from parindex.people.figures import KEYS, staffing_figures


def _date(text: str) -> dt.date:
    try:
        return tabular.parse_date(text)
    except ValueError as exc:
        raise CommandError(f"--as-of: {exc}") from None


class Command(BaseCommand):
    help = "Staffing figures of an agency for a year, by unit (docs/people.md, Figures)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--year", type=int, required=True, help="YYYY")
        parser.add_argument("--as-of", help="the day the figures are read at (default today)")
        parser.add_argument(
            "--rotation-years", type=int, help="rotation period in years (default 3)"
        )
        parser.add_argument("--format", choices=("json", "text"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"].strip().upper()).first()
        if agency is None:
            raise CommandError(f"no agency {options['agency']!r}")
        year = options["year"]
        if not 1900 <= year <= 2200:
            raise CommandError("--year must be a year like 2026")
        years = options.get("rotation_years")
        if years is not None and not 1 <= years <= 50:
            raise CommandError("--rotation-years must be a whole number from 1 to 50")
        as_of = _date(options["as_of"]) if options.get("as_of") else None
        data = staffing_figures(agency, year, as_of=as_of, rotation_years=years)
        if options["format"] == "json":
            print_json(self, data)
            return
        self.stdout.write(f"{data['agency']} {data['year']} as of {data['as_of']}")
        self.stdout.write("unit      " + " ".join(f"{k[:10]:>10}" for k in KEYS))
        for row in [*data["groups"], {"key": "TOTAL", **data["total"]}]:
            cells = []
            for key in KEYS:
                value = row[key]
                cells.append(
                    f"{'-':>10}"
                    if value is None
                    else f"{value:>10.2%}"
                    if isinstance(value, float)
                    else f"{value:>10}"
                )
            self.stdout.write(f"{row['key']:<10}" + " ".join(cells))
