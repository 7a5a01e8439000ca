from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from parindex.common.commands import ImportCommand
from parindex.dossiers.choices import ImportKind
from parindex.dossiers.management.commands._base import ProgressBar, recorded
from parindex.dossiers.services import import_dossiers
from parindex.dossiers.services.runs import estimate_rows


class Command(ImportCommand):
    help = "Import dossiers from a one-stop system's XLSX/CSV export (docs/formats.md §5)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="agency code, e.g. SKHCN")
        parser.add_argument(
            "--create-procedures",
            action="store_true",
            help="create unknown procedure codes instead of refusing their rows",
        )

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        bar = ProgressBar(None)
        if bar.enabled:
            bar.total = estimate_rows(path)
        try:
            return recorded(
                ImportKind.DOSSIERS,
                options["agency"],
                path,
                actor,
                lambda: import_dossiers(
                    path,
                    agency_code=options["agency"],
                    actor=actor,
                    sheet=options.get("sheet"),
                    skip_invalid=options["skip_invalid"],
                    create_procedures=options["create_procedures"],
                    progress=bar if bar.enabled else None,
                ),
            )
        finally:
            bar.close()
