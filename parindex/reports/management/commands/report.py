"""`parindex report --type KEY --agency CODE --period P --format docx|xlsx|json [--output FILE]`.

Builds the report from the data as it is now (a transient draft; nothing is saved unless
`--save`, which stores it as a draft run). `--format json` prints exactly one JSON document.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import command_actor, print_json
from parindex.common.errors import DomainError
from parindex.org.models import Agency
from parindex.reports import documents, periods, services
from parindex.reports.registry import all_types


class Command(BaseCommand):
    help = "Generate a report (Decree 30 DOCX, XLSX companion or JSON) for an agency and period."

    def add_arguments(self, parser: CommandParser) -> None:
        keys = [t.key for t in all_types()]
        parser.add_argument("--type", required=True, choices=keys, help="report type")
        parser.add_argument("--agency", required=True, help="agency code, e.g. SKHCN")
        parser.add_argument(
            "--period",
            required=True,
            help="2026 | 2026-H1 | 2026-Q1 | 2026-03 | 2026-01-01..2026-03-15",
        )
        parser.add_argument("--format", choices=["docx", "xlsx", "json"], default="docx")
        parser.add_argument(
            "--output", type=Path, help="file to write (docx/xlsx; default a name in the cwd)"
        )
        parser.add_argument("--save", action="store_true", help="also store it as a draft run")
        parser.add_argument("--user", help="user name recorded as the author with --save")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            agency = Agency.objects.get(code=options["agency"])
        except Agency.DoesNotExist:
            raise CommandError(f"no agency {options['agency']!r}") from None
        actor = command_actor(options)
        try:
            period = periods.parse(options["period"])
            if options["save"]:
                run = services.run_create(
                    actor=actor, agency=agency, type_key=options["type"], period=period
                )
            else:
                run = services.build_run(agency=agency, type_key=options["type"], period=period)
        except (DomainError, PermissionDenied) as exc:
            raise CommandError(str(exc) or "permission denied") from None
        fmt = options["format"]
        if fmt == "json":
            print_json(self, documents.json_document(run))
            return
        data = documents.docx_bytes(run) if fmt == "docx" else documents.xlsx_bytes(run)
        output: Path | None = options.get("output")
        if output is not None and str(output) == "-":
            sys.stdout.buffer.write(data)
            return
        output = output or Path(documents.filename(run, fmt))
        output.write_bytes(data)
        self.stdout.write(str(output))
