from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from parindex.common.commands import ImportCommand
from parindex.people.services import find_agency, import_quotas


class Command(ImportCommand):
    help = "Import the yearly staffing quotas (biên chế) of the units of an agency from XLSX/CSV (docs/people.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="agency code, e.g. SKHCN")

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        return import_quotas(
            path,
            agency=find_agency(options["agency"]),
            actor=actor,
            sheet=options.get("sheet"),
            skip_invalid=options["skip_invalid"],
        )
