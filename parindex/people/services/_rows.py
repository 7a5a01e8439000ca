"""What the people imports share: the look-ups of their code and unit cells, setting the invalid
rows aside (or refusing the file), and writing the valid ones through the audited services.

Each import declares its columns in a :class:`tabular.RowSchema` (docs/architecture.md,
"Imports"); what is here is what the schema cannot know alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from parindex.common import tabular
from parindex.org.models import Unit
from parindex.org.selectors import UnitFinder

Source = str | Path | IO[bytes]
Lookup = Callable[[tabular.RowReader, str], Any]


def code_cell(empty: str, taken: dict[Any, tuple[int, Any]] | None = None) -> Lookup:
    """A code cell's look-up: required (`empty` says so), at most 40 characters and, with
    `taken` (the valid rows so far by code), not a repeat of an earlier row."""

    def read(row: tabular.RowReader, key: str) -> str:
        code = tabular.parse_text(row.values.get(key)) or ""
        if not code:
            row.error(key, empty)
        elif len(code) > 40:
            row.error(key, _("a code has at most 40 characters"))
        elif taken is not None and code in taken:
            row.error(
                key,
                _("code %(code)s repeats row %(row)s") % {"code": code, "row": taken[code][0]},
            )
        return code

    return read


def unit_cell(units: UnitFinder) -> Lookup:
    """A unit cell's look-up (code or exact name of a unit of the agency)."""

    def read(row: tabular.RowReader, key: str) -> Unit | None:
        if not tabular.parse_text(row.values.get(key)):
            row.error(key, _("the unit is empty"))
            return None
        return units.cell(row, key)

    return read


class _Outcome:
    """A file's result so far and the rows it set aside."""

    def __init__(self, table: tabular.Table) -> None:
        self.result = tabular.ImportResult(warnings=list(table.warnings))
        self.rejected: list[tuple[list[object], str]] = []

    def keep(self, row: tabular.RowReader, raw: list[object]) -> bool:
        """Whether the row is valid; its errors are the file's otherwise."""
        if row.errors:
            self.result.errors.extend(row.errors)
            self.rejected.append((raw, "; ".join(e.message for e in row.errors)))
            return False
        return True


def _close(outcome: _Outcome, skip_invalid: bool) -> None:
    if outcome.result.errors and not skip_invalid:
        raise tabular.ImportRefused(outcome.result.errors, outcome.result.warnings)


def _finish(outcome: _Outcome, source: Source, raw_header: list[object]) -> tabular.ImportResult:
    result = outcome.result
    result.note_rejected(outcome.rejected, source, raw_header)
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
    outcome: _Outcome,
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
            _count(outcome.result, None)
        else:
            _count(outcome.result, update(obj, {k: v for k, v in data.items() if k in fields}))
