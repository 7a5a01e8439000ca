from pathlib import Path
from typing import Any

from parindex.common.commands import ImportCommand
from parindex.dossiers.services import import_calendar


class Command(ImportCommand):
    help = (
        "Import the days of a yearly working-calendar notice: columns Ngày, Loại "
        "(nghỉ / làm việc), Ghi chú."
    )

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        return import_calendar(
            path, actor=actor, sheet=options.get("sheet"), skip_invalid=options["skip_invalid"]
        )
