from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from parindex.common.commands import ImportCommand
from parindex.dossiers.choices import ImportKind
from parindex.dossiers.management.commands._base import recorded
from parindex.dossiers.services import import_procedures


class Command(ImportCommand):
    help = "Import an agency's procedure catalogue (TTHC) from XLSX/CSV (docs/formats.md §4)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="agency code, e.g. SKHCN")

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        return recorded(
            ImportKind.PROCEDURES,
            options["agency"],
            path,
            actor,
            lambda: import_procedures(
                path,
                agency_code=options["agency"],
                actor=actor,
                sheet=options.get("sheet"),
                skip_invalid=options["skip_invalid"],
            ),
        )
