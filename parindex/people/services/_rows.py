"""What the people imports share: reading a file's rows with their errors, refusing or
keeping the invalid ones, and writing the valid ones through the audited services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from parindex.common import tabular
from parindex.org.models import Unit
from parindex.org.selectors import UnitFinder

Source = str | Path | IO[bytes]


def _code(value: object) -> str:
    return (tabular.parse_text(value) or "").strip()


def _optional_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return tabular.parse_date(value)


class _Rows:
    """Collects a file's valid rows and its errors, row by row."""

    def __init__(self, table: tabular.Table) -> None:
        self.table = table
        self.result = tabular.ImportResult(warnings=list(table.warnings))
        self.rejected: list[tuple[list[object], str]] = []
        self.errors: list[tabular.RowError] = []
        self.number = 0

    def start(self, number: int) -> None:
        self.number = number
        self.errors = []

    def error(self, key: str, message: str) -> None:
        self.errors.append(tabular.RowError(self.number, self.table.header_for(key), message))

    def code(
        self, key: str, values: dict[str, Any], empty: str, taken: dict[Any, Any] | None = None
    ) -> str:
        """The code a cell holds: required (`empty` says so), at most 40 characters and, with
        `taken` (the valid rows so far by code), not a repeat of an earlier row."""
        code = _code(values.get(key))
        if not code:
            self.error(key, empty)
        elif len(code) > 40:
            self.error(key, _("a code has at most 40 characters"))
        elif taken is not None and code in taken:
            self.error(
                key,
                _("code %(code)s repeats row %(row)s") % {"code": code, "row": taken[code][0]},
            )
        return code

    def unit(self, key: str, values: dict[str, Any], units: UnitFinder) -> Unit | None:
        """The unit a cell names (code or exact name), else an error on that cell."""
        text = _code(values.get(key))
        unit = units.find(text) if text else None
        if not text:
            self.error(key, _("the unit is empty"))
        elif unit is None:
            self.error(
                key,
                _("no unit %(unit)s in agency %(agency)s")
                % {"unit": text, "agency": units.agency.code},
            )
        return unit

    def finish(self, raw: list[object]) -> bool:
        if self.errors:
            self.result.errors.extend(self.errors)
            self.rejected.append((raw, "; ".join(e.message for e in self.errors)))
            return False
        return True


def _close(rows: _Rows, source: Source, raw_header: list[object], skip_invalid: bool) -> None:
    if rows.result.errors and not skip_invalid:
        raise tabular.ImportRefused(rows.result.errors, rows.result.warnings)


def _finish(rows: _Rows, source: Source, raw_header: list[object]) -> tabular.ImportResult:
    result = rows.result
    result.note_rejected(rows.rejected, source, raw_header)
    return result


def _count(result: tabular.ImportResult, changed: bool | None) -> None:
    """Count a row as created (None), updated (True) or unchanged (False)."""
    if changed is None:
        result.created += 1
    elif changed:
        result.updated += 1
    else:
        result.unchanged += 1


def _upsert(
    rows: _Rows,
    valid: dict[Any, tuple[int, dict[str, Any]]],
    existing: dict[Any, Any],
    fields: Sequence[str],
    create: Callable[[Any, dict[str, Any]], Any],
    update: Callable[[Any, dict[str, Any]], bool],
) -> None:
    """Create the rows that are new and update the others (their `fields` only) through the
    audited services, counting what each did."""
    for key, (_number, data) in valid.items():
        obj = existing.get(key)
        if obj is None:
            create(key, data)
            _count(rows.result, None)
        else:
            _count(rows.result, update(obj, {k: v for k, v in data.items() if k in fields}))
