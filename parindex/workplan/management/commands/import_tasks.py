from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from parindex.common.commands import ImportCommand
from parindex.common.errors import DomainError
from parindex.workplan.services import import_tasks
from parindex.workplan.services.imports import find_plan


class Command(ImportCommand):
    help = (
        "Import a plan's tasks from XLSX/CSV: Nội dung, Đơn vị chủ trì, Đơn vị phối hợp, "
        "Thời hạn, Sản phẩm (docs/workplan.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--plan", required=True, help="the plan's id or code, e.g. KH-CCHC-2026"
        )
        parser.add_argument("--agency", help="agency code, when several agencies use the plan code")

    def run_import(self, path: Path, options: dict[str, Any], actor: Any):
        try:
            plan = find_plan(options["plan"], options.get("agency"))
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        return import_tasks(
            path,
            plan=plan,
            actor=actor,
            sheet=options.get("sheet"),
            skip_invalid=options["skip_invalid"],
        )
