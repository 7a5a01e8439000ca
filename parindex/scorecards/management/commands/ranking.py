from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from parindex.common.commands import print_json
from parindex.scorecards import exports
from parindex.scorecards.selectors import ranking


class Command(BaseCommand):
    help = "Agencies ranked by their PAR Index of a year (docs/formats.md §3)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", "-o", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        rows = ranking(options["year"])
        if options["format"] == "json":
            print_json(
                self,
                [
                    {
                        "agency": r["agency"],
                        "index": None if r["index"] is None else float(r["index"]),
                        "rank": r["rank"],
                    }
                    for r in rows
                ],
            )
            return
        path = options.get("output") or Path(f"ranking-{options['year']}.xlsx")
        path.write_bytes(exports.ranking_xlsx(options["year"], rows))
        self.stdout.write(str(path))
