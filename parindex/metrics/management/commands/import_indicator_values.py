from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from parindex.common import tabular
from parindex.common.commands import ImportCommand
from parindex.metrics.services import import_indicator_values
from parindex.org.models import Agency


class Command(ImportCommand):
    help = (
        "Import the values of an agency's indicators (other targets) from XLSX/CSV: columns "
        "Mã chỉ tiêu, Kỳ (the period's last day), Giá trị, Ghi chú. All or nothing by default."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="agency code")

    def run_import(self, path: Path, options: dict[str, Any], actor: Any) -> tabular.ImportResult:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"no agency {options['agency']!r}")
        return import_indicator_values(
            path,
            agency=agency,
            actor=actor,
            skip_invalid=options["skip_invalid"],
            sheet=options.get("sheet"),
        )
