"""Shared bits of the registers' commands: the agency, the year, the day read at, the output."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import AgencyImportCommand, date_option, write_bytes, write_json
from parindex.org.models import Agency
from parindex.registers.figures import default_as_of, figures_xlsx


def get_agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=(code or "").strip().upper()).first()
    if agency is None:
        agency = Agency.objects.filter(code=(code or "").strip()).first()
    if agency is None:
        raise CommandError(f"no agency {code!r}")
    return agency


class RegisterImportCommand(AgencyImportCommand):
    """`parindex import_… FILE --agency CODE` of this app."""

    find_agency = staticmethod(get_agency)


class FiguresCommand(BaseCommand):
    """`parindex …_figures --agency CODE --year YYYY [--as-of D] --format json|xlsx`."""

    keys: tuple[str, ...] = ()

    def compute(self, agency: Agency, year: int, as_of: Any) -> dict[str, Any]:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument(
            "--as-of", dest="as_of", help="day the figures are read at (default today, or 31/12)"
        )
        parser.add_argument("--format", choices=("json", "xlsx"), default="json")
        parser.add_argument("--output", help="file to write (xlsx: default stdout as bytes)")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = get_agency(options["agency"])
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be between 2000 and 2100")
        as_of = date_option(options, "as_of") if options.get("as_of") else default_as_of(year)
        data = self.compute(agency, year, as_of)
        if options["format"] == "json":
            write_json(self, data, options.get("output"))
            return
        content = figures_xlsx(data, self.keys)
        write_bytes(content, options.get("output"))
