from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from parindex.common.commands import ImportCommand
from parindex.scorecards.services import import_framework


class Command(ImportCommand):
    help = "Import the PAR Index framework of a year from XLSX/CSV (docs/formats.md §1)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, required=True, help="the framework's year")
        parser.add_argument("--name", help="the framework's name")
        parser.add_argument(
            "--agency", help="agency code: also read its lead and cooperating units"
        )
        parser.add_argument(
            "--announcement",
            help="what changes and why: required to change a framework in use past the "
            "self-assessment (every agency using it sees it in its audit trail)",
        )

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        return import_framework(
            path,
            year=options["year"],
            name=options.get("name"),
            agency_code=options.get("agency"),
            actor=actor,
            sheet=options.get("sheet"),
            skip_invalid=options["skip_invalid"],
            announcement=options.get("announcement"),
        )
