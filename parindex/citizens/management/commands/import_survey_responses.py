from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from parindex.citizens.services.survey_imports import import_survey_responses
from parindex.common.commands import ImportCommand


class Command(ImportCommand):
    help = "Import returned survey forms (web, paper, phone) from XLSX/CSV (docs/formats.md §10)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="agency code, e.g. SKHCN")
        parser.add_argument("--survey", required=True, help="survey code")

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        return import_survey_responses(
            path,
            agency_code=options["agency"],
            survey_code=options["survey"],
            actor=actor,
            sheet=options.get("sheet"),
            skip_invalid=options["skip_invalid"],
        )
