"""Caps on what an import file may hold, checked before the file is parsed (issue 12, item 7).

A 1 MB ``.xlsx`` can hold gigabytes of XML (a "zip bomb"), and a parser given it holds the lot
in memory. So before a workbook is handed to calamine, the zip archive's parts are counted: the
sizes they declare, then the bytes they really inflate to (read in chunks, never held whole).
Rows and cell lengths are capped while reading. Each cap is a setting:

* ``PARINDEX_IMPORT_MAX_BYTES`` — the file as uploaded (default 50 MB);
* ``PARINDEX_IMPORT_MAX_UNZIPPED_BYTES`` — all parts of an ``.xlsx``/``.ods`` inflated
  (default 300 MB);
* ``PARINDEX_IMPORT_MAX_ROWS`` — data rows (default 1 000 000);
* ``PARINDEX_IMPORT_MAX_CELL_CHARS`` — characters in one cell (default 32 767, Excel's own).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from parindex.common.tabular.table import TableError

DEFAULTS = {
    "PARINDEX_IMPORT_MAX_BYTES": 50 * 1024 * 1024,
    "PARINDEX_IMPORT_MAX_UNZIPPED_BYTES": 300 * 1024 * 1024,
    "PARINDEX_IMPORT_MAX_ROWS": 1_000_000,
    "PARINDEX_IMPORT_MAX_CELL_CHARS": 32_767,
}
# An .xlsx has a dozen parts; thousands are a crafted file (each costs a header to read).
_MAX_PARTS = 10_000
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_unzipped_bytes: int
    max_rows: int
    max_cell_chars: int


def current() -> Limits:
    """The caps in force (Django settings, else the defaults)."""
    try:
        from django.conf import settings

        values = {key: getattr(settings, key, default) for key, default in DEFAULTS.items()}
    except Exception:  # noqa: BLE001 - settings not configured: the package works without them
        values = dict(DEFAULTS)
    return Limits(
        max_bytes=int(values["PARINDEX_IMPORT_MAX_BYTES"]),
        max_unzipped_bytes=int(values["PARINDEX_IMPORT_MAX_UNZIPPED_BYTES"]),
        max_rows=int(values["PARINDEX_IMPORT_MAX_ROWS"]),
        max_cell_chars=int(values["PARINDEX_IMPORT_MAX_CELL_CHARS"]),
    )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def check_file_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise TableError(
            _("the file is larger than %(mb)s MB; split it into smaller files")
            % {"mb": _mb(limits.max_bytes)}
        )


def check_zip(stream: IO[bytes], limits: Limits) -> None:
    """Refuse a zip-based workbook whose parts inflate past the cap, before any parsing.

    The declared sizes are checked first (instant); then each part is inflated in chunks and
    counted, so a part that declares less than it holds is caught too. ``stream`` is read from
    where it is; the caller rewinds it."""
    too_big = TableError(
        _(
            "the workbook unpacks to more than %(mb)s MB (a compressed file this large cannot be "
            "imported); save it again from Excel or split it"
        )
        % {"mb": _mb(limits.max_unzipped_bytes)}
    )
    try:
        with zipfile.ZipFile(stream) as archive:
            parts = archive.infolist()
            if len(parts) > _MAX_PARTS:
                raise too_big
            if sum(part.file_size for part in parts) > limits.max_unzipped_bytes:
                raise too_big
            total = 0
            for part in parts:
                with archive.open(part) as data:
                    while chunk := data.read(_CHUNK):
                        total += len(chunk)
                        if total > limits.max_unzipped_bytes:
                            raise too_big
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise TableError(_("cannot read the Excel file: %(error)s") % {"error": exc}) from exc


def too_many_rows(limits: Limits) -> TableError:
    return TableError(
        _("the file has more than %(rows)s data rows; split it into smaller files")
        % {"rows": f"{limits.max_rows:,}".replace(",", ".")}
    )


def cell_too_long(row: int, column: str | None, limits: Limits) -> TableError:
    if column is None:
        return TableError(
            _("row %(row)d: a cell has more than %(chars)s characters")
            % {"row": row, "chars": limits.max_cell_chars}
        )
    return TableError(
        _("row %(row)d, column %(column)s: the cell has more than %(chars)s characters")
        % {"row": row, "column": column, "chars": limits.max_cell_chars}
    )


def nul_in_cell(row: int, column: str) -> TableError:
    """A NUL character: no text column can store it (a damaged or binary file)."""
    return TableError(
        _("row %(row)d, column %(column)s: the cell contains a NUL character (damaged file?)")
        % {"row": row, "column": column}
    )
