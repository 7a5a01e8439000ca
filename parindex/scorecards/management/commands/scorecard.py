from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import print_json
from parindex.org.models import Agency
from parindex.scorecards import exports
from parindex.scorecards.models import Framework
from parindex.scorecards.selectors import scorecard_document


class Command(BaseCommand):
    help = "An agency's scorecard for a year (docs/formats.md §3) as JSON, XLSX or DOCX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "xlsx", "docx"], default="json")
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="file to write (xlsx/docx); default scorecard-AGENCY-YEAR.EXT here",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"].strip().upper()).first()
        if agency is None:
            raise CommandError(f"no agency {options['agency']!r}")
        framework = Framework.objects.filter(year=options["year"]).first()
        if framework is None:
            raise CommandError(f"no framework for {options['year']}")
        fmt = options["format"]
        if fmt == "json":
            print_json(self, scorecard_document(agency, framework))
            return
        data = (exports.scorecard_xlsx if fmt == "xlsx" else exports.scorecard_docx)(
            agency, framework
        )
        path = options.get("output") or Path(f"scorecard-{agency.code}-{framework.year}.{fmt}")
        path.write_bytes(data)
        self.stdout.write(str(path))
