"""Spreadsheet-safe cells for every CSV and XLSX the application writes (CSV/formula injection).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel or LibreOffice as a formula (``=HYPERLINK(...)``, ``=cmd|...``), so a name or a reason typed
by one user would run in the spreadsheet of another. As OWASP recommends, such a cell is written
with a leading apostrophe, which the spreadsheet shows as text. Numbers, dates and booleans are
values, not text, and are written as they are.

Every export goes through `neutralise` (via `safe_row`, `csv_writer` or `append_row`); the
importers undo it with `restore`, so a file exported and imported again round-trips.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

#: The first characters that make a spreadsheet cell a formula (OWASP "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value to write in a cell: text that would start a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The text a neutralised cell held before export (the importers' inverse of `neutralise`)."""
    if text[:1] == "'" and text[1:2] in FORMULA_TRIGGERS and len(text) > 1:
        return text[1:]
    return text


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in values]


class _SafeWriter:
    """`csv.writer` that neutralises every cell it writes."""

    def __init__(self, out: Any, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any, **options: Any) -> _SafeWriter:
    """A CSV writer for exports (the same options as `csv.writer`)."""
    return _SafeWriter(out, **options)


def append_row(sheet: Any, row: Iterable[Any]) -> None:
    """`sheet.append(row)` for an openpyxl worksheet, with every cell neutralised."""
    sheet.append(safe_row(row))
