"""Opening an import file: :func:`open_table` and the CSV reader (workbooks: spreadsheet.py)."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from parindex.common.exports import restore
from parindex.common.tabular import limits
from parindex.common.tabular.columns import Column
from parindex.common.tabular.spreadsheet import WORKBOOK_SUFFIXES, WorkbookTable
from parindex.common.tabular.table import Table, TableError

# CSV separators tried, in order of preference when more than one would work. The contract names
# "," and ";"; tab is what Excel's "Unicode text (UTF-16)" export uses, so it is accepted too.
_DELIMITERS = (",", ";", "\t")
# How much of a CSV file is read to find the separator and the header row.
_SNIFF_MAX_LINES = 500
_SNIFF_MAX_CHARS = 1 << 20
# Uploads that cannot seek are copied to a temporary file (in memory below this size) so every
# pass over the rows can start again from the top.
_SPOOL_MAX_MEMORY = 16 << 20


def open_table(
    source: str | os.PathLike[str] | IO[bytes] | bytes,
    columns: Sequence[Column],
    *,
    filename: str | None = None,
    sheet: str | None = None,
    max_title_rows: int = 20,
) -> Table:
    """Open an import file and locate its header row.

    ``source`` is a path or a binary file-like object (e.g. a Django upload, whose ``name`` or
    ``filename`` gives the type: ``.xlsx``/``.xlsm``, ``.xls``, ``.xlsb``, ``.ods`` or ``.csv``;
    with no extension at all the content decides). ``sheet`` picks a workbook's sheet by name
    (exact, else accent- and case-insensitive); the first sheet otherwise. The header is the first row within
    ``max_title_rows + 1`` rows containing every required column.

    Raises :class:`TableError` for a whole-file problem.
    """
    name = filename
    if name is None:
        name = os.fspath(source) if isinstance(source, str | os.PathLike) else None
        name = name or getattr(source, "name", None)
    suffix = Path(str(name)).suffix.lower() if name else ""
    data = _Source(source)
    caps = limits.current()
    try:
        limits.check_file_size(data.size(), caps)
        kind = _kind_for(suffix, data)
        if kind in _ZIPPED_KINDS:
            # Before calamine sees it: a small workbook may unpack to gigabytes.
            if data.path is not None:
                with data.open() as stream:
                    limits.check_zip(stream, caps)
            else:
                limits.check_zip(data.rewound(), caps)
    except TableError:
        data.close()
        raise
    if kind != "csv":
        workbook = WorkbookTable(data, columns, kind)
        workbook._load(sheet, max_title_rows)
        return workbook
    table = _CsvTable(data, columns)
    try:
        table._detect(max_title_rows)
    except BaseException:
        table.close()
        raise
    if sheet is not None:
        table.warnings.append(
            _("a CSV file has no sheets; sheet %(sheet)s ignored") % {"sheet": repr(sheet)}
        )
    return table


def _kind_for(suffix: str, data: _Source) -> str:
    if suffix in WORKBOOK_SUFFIXES:
        return WORKBOOK_SUFFIXES[suffix]
    if suffix == ".csv":
        return "csv"
    if suffix:
        raise TableError(
            _("unsupported file type %(suffix)s: use .xlsx, .xls, .xlsb, .ods or .csv")
            % {"suffix": repr(suffix)}
        )
    # No name to go by (e.g. a stream): .xlsx, .xlsb and .ods files are zip archives, .xls
    # files OLE2 compound documents; calamine tells them apart by their content.
    head = data.head(8)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head == _OLE2_MAGIC:
        return "xls"
    return "csv"


_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Workbook kinds stored as zip archives (.xls is an OLE2 file, capped by its size alone).
_ZIPPED_KINDS = {"xlsx", "xlsb", "ods"}


# --------------------------------------------------------------------------------------------
# The bytes of the file
# --------------------------------------------------------------------------------------------


class _Source:
    """The bytes of the file, readable from the top as many times as needed.

    A path is opened afresh for each pass; a file-like object is rewound to where it was
    handed over, or copied to a temporary file first if it cannot seek.
    """

    def __init__(self, source: object) -> None:
        self.path: Path | None = None
        self.stream: IO[bytes] | None = None
        self._owned: IO[bytes] | None = None
        self.start = 0
        if isinstance(source, bytes | bytearray | memoryview):
            source = io.BytesIO(bytes(source))
        if isinstance(source, str | os.PathLike):
            self.path = Path(source)
            if not self.path.is_file():
                raise TableError(_("file not found: %(path)s") % {"path": self.path})
            return
        if not hasattr(source, "read"):
            raise TypeError(f"expected a path or a binary file, got {type(source).__name__}")
        if _is_seekable(source):
            self.stream = source  # type: ignore[assignment]
            self.start = source.tell()  # type: ignore[attr-defined]
        else:
            spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_MAX_MEMORY)  # noqa: SIM115
            while chunk := source.read(1 << 20):  # type: ignore[attr-defined]
                spool.write(chunk)
            spool.seek(0)
            self.stream = self._owned = spool  # type: ignore[assignment]

    def open(self) -> IO[bytes]:
        """A buffered binary reader at the top of the file; closing it leaves callers' files."""
        if self.path is not None:
            try:
                return self.path.open("rb")
            except OSError as exc:
                raise TableError(
                    _("cannot open %(path)s: %(reason)s")
                    % {"path": self.path, "reason": exc.strerror or exc}
                ) from exc
        return io.BufferedReader(_Borrowed(self.rewound()), buffer_size=1 << 16)

    def rewound(self) -> IO[bytes]:
        """The caller's (or spooled) stream itself, back at its start; for ``zipfile``."""
        if self.stream is None:
            raise TypeError("a path source has no stream")
        self.stream.seek(self.start)
        return self.stream

    def size(self) -> int:
        """The file's size in bytes."""
        if self.path is not None:
            return self.path.stat().st_size
        stream = self.rewound()
        end = stream.seek(0, os.SEEK_END)
        stream.seek(self.start)
        return end - self.start

    def head(self, size: int) -> bytes:
        with self.open() as stream:
            return stream.read(size)

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()


def _is_seekable(stream: object) -> bool:
    try:
        seekable = stream.seekable  # type: ignore[attr-defined]
    except AttributeError:
        return hasattr(stream, "seek") and hasattr(stream, "tell")
    try:
        return bool(seekable())
    except (OSError, ValueError):
        return False


class _Borrowed(io.RawIOBase):
    """Raw reader over a caller's file (e.g. a Django upload); closing it leaves that file open.

    Lets the standard buffered and text layers work over any object with ``read``.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        return size


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


class _CsvTable(Table):
    kind = "csv"

    def __init__(self, source: _Source, column_defs: Sequence[Column]) -> None:
        super().__init__(column_defs)
        self._source = source
        self._skip_lines = 0

    def _detect(self, max_title_rows: int) -> None:
        """Choose encoding and separator, then find the header row."""
        self.encoding = _detect_encoding(self._source.head(4096))
        lines = self._sample_lines()
        if not any(line.strip() for line in lines):
            raise TableError(_("the file is empty"))
        candidates = _DELIMITERS
        hint = re.fullmatch(r'"?sep=(.)"?\r?\n?', lines[0], flags=re.IGNORECASE)
        if hint:
            # Excel's "sep=;" first line names the separator and is not shown as a row.
            candidates = (hint.group(1),)
            self._skip_lines = 1
            lines = lines[1:]
        failures: list[tuple[int, str]] = []
        for delimiter in candidates:
            records = _csv_records(csv.reader(lines, delimiter=delimiter))
            if self._find_header(records, max_title_rows):
                self.delimiter = delimiter
                return
            failures.append((self._header_score, self._header_problem))
        # Report the separator that came closest: its message names the missing columns.
        failures.sort(key=lambda failure: -failure[0])
        raise TableError(failures[0][1])

    def _sample_lines(self) -> list[str]:
        lines: list[str] = []
        size = 0
        with self._text() as text:
            try:
                for line in text:
                    lines.append(line)
                    size += len(line)
                    if len(lines) >= _SNIFF_MAX_LINES or size >= _SNIFF_MAX_CHARS:
                        break
            except UnicodeDecodeError as exc:
                raise TableError(_not_unicode_message()) from exc
        return lines or [""]

    def _text(self) -> io.TextIOWrapper:
        # newline="" lets the csv module see line breaks inside quoted cells as they are.
        return io.TextIOWrapper(self._source.open(), encoding=self.encoding, newline="")

    def _records(self, start: int = 1) -> Iterator[tuple[int, list[Any]]]:
        row_number = 0
        caps = limits.current()
        with self._text() as text:
            try:
                for _line in range(self._skip_lines):
                    text.readline()
                # A cell past the cap stops the reader (csv's own limit, set to ours).
                csv.field_size_limit(caps.max_cell_chars)
                reader = csv.reader(text, delimiter=self.delimiter or ",")
                # The rows above ``start`` (titles, header) were read at detection: just count.
                if start > 1:
                    for _raw in reader:
                        row_number += 1
                        if row_number >= start - 1:
                            break
                for raw in reader:
                    row_number += 1
                    cells = [_clean(cell) for cell in raw]
                    for position, value in enumerate(cells):
                        if value is not None and "\x00" in value:
                            raise limits.nul_in_cell(row_number, str(position + 1))
                    yield row_number, cells
            except UnicodeDecodeError as exc:
                raise TableError(_not_unicode_message(row_number + 1)) from exc
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise limits.cell_too_long(row_number + 1, None, caps) from exc
                raise TableError(
                    _("row %(row)d: unreadable CSV (%(error)s)")
                    % {"row": row_number + 1, "error": exc}
                ) from exc

    def close(self) -> None:
        self._source.close()


def _clean(cell: str) -> str | None:
    """A CSV cell stripped, ``None`` if empty, an exported formula guard (``'=``) undone."""
    cell = cell.strip()
    if cell[:1] == "'":
        cell = restore(cell)
    return cell or None


def _csv_records(reader: Iterable[list[str]]) -> Iterator[tuple[int, list[Any]]]:
    """Number and clean the records of a CSV sample (for header detection)."""
    try:
        for row_number, raw in enumerate(reader, start=1):
            yield row_number, [_clean(cell) for cell in raw]
    except csv.Error:
        # A sample cut in the middle of a quoted cell; the header, if any, came before.
        return


def _detect_encoding(head: bytes) -> str:
    """UTF-8 (BOM optional) unless a UTF-16 BOM or the NUL bytes of UTF-16 text show."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    sample = head[:1024]
    if len(sample) >= 4 and b"\x00" in sample:
        # UTF-16 without BOM: ASCII characters leave a NUL in every other byte.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return "utf-16-le"
        if even > len(sample) // 4 and odd == 0:
            return "utf-16-be"
    return "utf-8-sig"


def _not_unicode_message(row: int | None = None) -> str:
    """The CSV file is in a legacy code page; ``row`` is where that showed, if past the top."""
    if row is None:
        return _(
            "the CSV file is neither UTF-8 nor UTF-16; in Excel choose "
            "Save As > 'CSV UTF-8 (Comma delimited)'"
        )
    return _(
        "row %(row)d: the CSV file is neither UTF-8 nor UTF-16; in Excel choose "
        "Save As > 'CSV UTF-8 (Comma delimited)'"
    ) % {"row": row}
