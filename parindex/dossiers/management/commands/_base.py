"""Shared bits of this app's commands: period options, history recording, progress bar."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common import tabular
from parindex.dossiers.services.runs import import_run_record
from parindex.org.models import Agency


def parse_day(text: str) -> dt.date:
    try:
        return tabular.parse_date(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def get_agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=(code or "").strip().upper()).first()
    if agency is None:
        raise CommandError(f"no agency {code!r}")
    return agency


class AgencyPeriodCommand(BaseCommand):
    """A figures command of one agency over a period: --agency, --from, --to and --format.

    Subclasses add their own options in ``add_options`` and read the checked period with
    ``period``; ``formats`` lists the output formats they offer (JSON first, the default)."""

    formats: tuple[str, ...] = ("json",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        self.add_options(parser)
        parser.add_argument("--format", choices=self.formats, default=self.formats[0])

    def add_options(self, parser: CommandParser) -> None:
        """The command's own options (none by default)."""

    def period(self, options: dict[str, Any]) -> tuple[Agency, dt.date, dt.date]:
        agency = get_agency(options["agency"])
        d1, d2 = parse_day(options["date_from"]), parse_day(options["date_to"])
        if d2 < d1:
            raise CommandError("--to is before --from")
        return agency, d1, d2


def recorded(kind: str, agency_code: str, path: Path, actor: Any, run: Any) -> tabular.ImportResult:
    """Run ``run()`` and keep the outcome in the import history (refusals included)."""
    agency = Agency.objects.filter(code=(agency_code or "").strip().upper()).first()

    def record(**outcome: Any) -> None:
        if agency is not None:
            import_run_record(
                actor=actor, agency=agency, kind=kind, file_name=path.name, path=path, **outcome
            )

    try:
        result = run()
    except tabular.ImportRefused as exc:
        record(result=None, refused=exc)
        raise
    record(result=result)
    return result


class ProgressBar:
    """A one-line progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int | None, stream: Any = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        if self.total:
            share = min(1.0, done / self.total)
            bar = "#" * int(share * 30)
            self.stream.write(f"\r[{bar:<30}] {share:6.1%} {done:,} rows")
        else:
            self.stream.write(f"\r{done:,} rows")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
