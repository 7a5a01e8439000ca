from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from parindex.citizens.services.survey_imports import import_survey
from parindex.common.commands import ImportCommand


class Command(ImportCommand):
    help = "Import a satisfaction survey's questions from XLSX/CSV (docs/formats.md §10)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="agency code, e.g. SKHCN")
        parser.add_argument("--code", required=True, help="survey code, e.g. KS2026")
        parser.add_argument("--year", required=True, type=int, help="the survey's year")
        parser.add_argument("--name", help="title of the survey when it is created")

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        return import_survey(
            path,
            agency_code=options["agency"],
            code=options["code"],
            year=options["year"],
            title=options.get("name"),
            actor=actor,
            sheet=options.get("sheet"),
            skip_invalid=options["skip_invalid"],
        )
