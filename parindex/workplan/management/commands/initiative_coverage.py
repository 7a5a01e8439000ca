from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import print_json
from parindex.org.models import Agency
from parindex.workplan.models import today as local_today
from parindex.workplan.selectors import initiative_coverage


class Command(BaseCommand):
    help = "Units with a registered initiative ÷ units that must register, and those missing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--year", type=int, help="year (default: this year)")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"no agency {options['agency']!r}")
        coverage = initiative_coverage(agency, options.get("year") or local_today().year)
        data = {"agency": agency.code, **coverage.as_dict()}
        if options["format"] == "json":
            print_json(self, data)
            return
        rate = "—" if data["rate"] is None else f"{data['rate']:.0%}"
        self.stdout.write(
            f"{agency.code} {data['year']}: {data['registered']}/{data['required']}"
            f" units registered ({rate})"
        )
        for unit in data["missing"]:
            self.stdout.write(f"  missing: {unit['code']} {unit['name']}")
