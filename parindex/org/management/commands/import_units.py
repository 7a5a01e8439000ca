from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from parindex.common.commands import ImportCommand
from parindex.org.imports import import_units


class Command(ImportCommand):
    help = "Import an agency's units from XLSX/CSV (docs/formats.md §0)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="agency code, e.g. SKHCN")
        parser.add_argument("--agency-name", help="name for the agency when it is created")

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        return import_units(
            path,
            agency_code=options["agency"],
            agency_name=options.get("agency_name"),
            actor=actor,
            sheet=options.get("sheet"),
            skip_invalid=options["skip_invalid"],
        )
