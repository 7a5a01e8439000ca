from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from parindex.common.commands import ImportCommand
from parindex.scorecards.services import import_scores


class Command(ImportCommand):
    help = "Import self-assessed or appraised points of an agency's leaves (docs/formats.md §2)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="agency code, e.g. SKHCN")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--stage", required=True, choices=["self", "appraisal"])

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        return import_scores(
            path,
            agency_code=options["agency"],
            year=options["year"],
            stage=options["stage"],
            actor=actor,
            sheet=options.get("sheet"),
            skip_invalid=options["skip_invalid"],
        )
