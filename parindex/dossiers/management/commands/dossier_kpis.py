import io
from typing import Any

from django.core.management.base import CommandParser

from parindex.common.commands import write_bytes, write_json
from parindex.common.exports import csv_writer
from parindex.dossiers.exports import figures_table, figures_xlsx
from parindex.dossiers.figures import GROUPINGS, dossier_figures
from parindex.dossiers.management.commands._base import AgencyPeriodCommand


class Command(AgencyPeriodCommand):
    help = "Dossier figures of an agency for a period (docs/formats.md §6)."

    formats = ("json", "csv", "xlsx")

    def add_options(self, parser: CommandParser) -> None:
        parser.add_argument("--by", choices=GROUPINGS)
        parser.add_argument("--output", help="file to write (xlsx: default stdout as bytes)")

    def handle(self, *args: Any, **options: Any) -> None:
        agency, d1, d2 = self.period(options)
        data = dossier_figures(agency, d1, d2, by=options["by"])
        fmt = options["format"]
        if fmt == "json":
            write_json(self, data, options.get("output"))
            return
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv_writer(buffer)
            for row in figures_table(data):
                writer.writerow(["" if v is None else v for v in row])
            if options.get("output"):
                with open(options["output"], "w", encoding="utf-8-sig", newline="") as out:
                    out.write(buffer.getvalue())
            else:
                self.stdout.write(buffer.getvalue(), ending="")
            return
        content = figures_xlsx(data)
        write_bytes(content, options.get("output"))
