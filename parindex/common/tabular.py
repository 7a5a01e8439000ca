"""Read users' spreadsheets (``.xlsx`` / ``.csv``) for every import, by the public rules.

This module implements the "General rules for every import" of ``FORMATS.md``; the per-import
column lists and business checks live with each importer. It needs neither Django settings nor
models, so it can be imported and tested anywhere. Messages are plain English: callers translate
them (or show them as they are) and turn parser ``ValueError``s into :class:`RowError`s.

Typical use::

    COLUMNS = [
        Column("code", "Mã đơn vị", ("Mã", "code"), required=True),
        Column("name", "Tên đơn vị", ("Tên", "Đơn vị"), required=True),
    ]
    with open_table(path, COLUMNS) as table:
        for row_number, values, raw in table.rows(with_raw=True):
            try:
                fee = parse_whole(values.get("fee"))
            except ValueError as exc:
                errors.append(RowError(row_number, table.header_for("fee"), str(exc)))

What the rules mean here:

* Files: ``.xlsx`` (first sheet or a named one, read streaming) and ``.csv`` (UTF-8 with or
  without BOM, UTF-16 as Excel's "Unicode text" writes it; ``,`` ``;`` or tab separated, chosen
  by which one makes the header row appear).
* The header is the first row among the first ``max_title_rows + 1`` that holds every required
  column; names compare with :func:`normalize_header`. Unknown columns are ignored and listed in
  one warning.
* Row numbers are those the user sees in Excel: 1-based, title rows and the header counted.
* Numbers (:func:`parse_decimal`, :func:`parse_whole`) take Vietnamese and English forms; dates
  (:func:`parse_datetime`, :func:`parse_date`) take ``dd/mm/yyyy[ HH:MM[:SS]]``, ISO 8601 and
  Excel dates, local to Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import calendar
import codecs
import csv
import io
import math
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Literal, TypeVar, overload
from zoneinfo import ZoneInfo

__all__ = [
    "LOCAL_TZ",
    "REASON_HEADER",
    "Column",
    "ImportRefused",
    "ImportResult",
    "RowError",
    "Table",
    "TableError",
    "format_errors",
    "match_choice",
    "normalize_header",
    "open_table",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "parse_text",
    "parse_whole",
    "write_rejected",
]

T = TypeVar("T")

#: Time zone of every date in an import file (FORMATS.md: "times are local").
LOCAL_TZ = "Asia/Ho_Chi_Minh"
#: Header of the column :func:`write_rejected` adds to explain each rejected row.
REASON_HEADER = "Lý do"

# CSV separators tried, in order of preference when more than one would work. The contract names
# "," and ";"; tab is what Excel's "Unicode text (UTF-16)" export uses, so it is accepted too.
_DELIMITERS = (",", ";", "\t")
# How much of a CSV file is read to find the separator and the header row.
_SNIFF_MAX_LINES = 500
_SNIFF_MAX_CHARS = 1 << 20
# Uploads that cannot seek are copied to a temporary file (in memory below this size) so every
# pass over the rows can start again from the top.
_SPOOL_MAX_MEMORY = 16 << 20


# --------------------------------------------------------------------------------------------
# Columns and header names
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column an importer understands.

    ``key`` is the name the importer uses, ``label`` the canonical Vietnamese header of the
    contract and ``aliases`` the other headers accepted for it. ``required`` columns must be
    present in the header row (whether each cell must be filled is the importer's business).
    """

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def __post_init__(self) -> None:
        # A lone string would otherwise be taken as a tuple of one-letter aliases.
        aliases = (self.aliases,) if isinstance(self.aliases, str) else tuple(self.aliases)
        object.__setattr__(self, "aliases", aliases)

    @property
    def names(self) -> tuple[str, ...]:
        """The label followed by the aliases."""
        return (self.label, *self.aliases)

    def describe(self) -> str:
        """``Label (or: alias, alias)`` for messages telling the user what to write."""
        if not self.aliases:
            return self.label
        return f"{self.label} (or: {', '.join(self.aliases)})"


# Separators people put inside or around header words; dropping them makes "Mã hồ sơ",
# "ma_ho_so", "MA-HO-SO" and "mahoso" equal. Zero-width spaces and BOMs sneak in from copy-paste.
_HEADER_NOISE = re.compile(r"[\s_\-\u2010-\u2015\u00ad\u200b-\u200d\u2060\ufeff]+")


def normalize_header(text: object) -> str:
    """Return ``text`` folded for comparison: case, accents, spaces, ``_`` and ``-`` ignored.

    ``đ``/``Đ`` become ``d`` (they carry no combining accent to strip), and the "required" marks
    of many templates (a trailing ``*``, ``(*)`` or ``:``) are dropped. ``None`` gives ``""``.
    Also used for choice values (:func:`match_choice`, :func:`parse_bool`).
    """
    if text is None:
        return ""
    return _normalize(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=16384)
def _normalize(text: str) -> str:
    # Cached: choice columns repeat a handful of values over millions of rows.
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _HEADER_NOISE.sub("", bare.casefold())
    return folded.replace("(*)", "").strip("*:")


# --------------------------------------------------------------------------------------------
# Errors and outcomes
# --------------------------------------------------------------------------------------------


class TableError(Exception):
    """The file as a whole cannot be imported: unreadable, wrong type, or no header row."""


@dataclass(frozen=True)
class RowError:
    """A problem with one row, located as the user sees it in the spreadsheet.

    ``row`` is 1-based and counts title rows and the header; ``column`` is the header as written
    in the file (``Table.header_for(key)`` gives it), ``""`` when the whole row is at fault.
    """

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        # The contract's format ("row N, column C: message"); a whole-row problem has no column
        # to name, so it reads "row N: message" rather than "column : message".
        if not self.column:
            return f"row {self.row}: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


def format_errors(errors: Iterable[RowError], limit: int = 50) -> list[str]:
    """The first ``limit`` errors as ``row N, column C: message``, then ``… and N more``."""
    errors = list(errors)
    lines = [str(error) for error in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"… and {len(errors) - limit} more")
    return lines


@dataclass
class ImportResult:
    """Counts and messages of one import, as every command reports them."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected_file: Path | None = None

    def summary(self) -> str:
        """The contract's summary line."""
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {self.rejected}"
        )

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view (numbers stay numbers, the path becomes a string)."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": [error.as_dict() for error in self.errors],
            "warnings": list(self.warnings),
            "rejected_file": str(self.rejected_file) if self.rejected_file else None,
        }


class ImportRefused(Exception):
    """An all-or-nothing import found invalid rows and wrote nothing.

    ``errors`` holds every :class:`RowError` found, ``warnings`` the file's warnings;
    ``lines()`` gives what the command prints.
    """

    def __init__(self, errors: Iterable[RowError], warnings: Iterable[str] = ()) -> None:
        self.errors = list(errors)
        self.warnings = list(warnings)
        super().__init__(f"{len(self.errors)} problem(s) found; nothing was imported")

    def lines(self, limit: int = 50) -> list[str]:
        return format_errors(self.errors, limit)


def write_rejected(
    source_path: str | os.PathLike[str],
    header: Sequence[object],
    rows: Iterable[tuple[Sequence[object], str]],
) -> Path:
    """Write the rejected rows to ``<input stem>.rejected.csv`` next to the input; return it.

    ``header`` is the file's header row (``Table.raw_header``) and each row is ``(raw values,
    reason)`` (the raw list of ``Table.rows(with_raw=True)``). The output is UTF-8 with a BOM,
    so Excel shows Vietnamese correctly, comma-separated, with a last column "Lý do" — so the
    user can fix the rows and import that file again. Dates are written ``dd/mm/yyyy[ HH:MM:SS]``
    so they read back the same. A file that already ends with a "Lý do" column (a rejected file
    imported again) has that column replaced, not repeated.
    """
    source = Path(source_path)
    target = source.with_name(f"{source.stem}.rejected.csv")
    header = [_format_cell(cell) for cell in header]
    drop_reason = bool(header) and normalize_header(header[-1]) == normalize_header(REASON_HEADER)
    if drop_reason:
        header.pop()
    lines = []
    for values, reason in rows:
        cells = [_format_cell(cell) for cell in values]
        lines.append((cells[: len(header)] if drop_reason else cells, reason))
    # Cells beyond the header (data under no heading) are kept, so the reason column must
    # come after the longest row to stay the last column everywhere.
    width = max([len(header), *(len(cells) for cells, _ in lines)])
    header.extend([""] * (width - len(header)))
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([*header, REASON_HEADER])
        for cells, reason in lines:
            writer.writerow([*cells, *[""] * (width - len(cells)), reason])
    return target


def _format_cell(value: object) -> str:
    """A cell value as text that the parsers of this module read back to the same value."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_zone(LOCAL_TZ))
        if value.time() == time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


class Table:
    """An opened spreadsheet: where its header is, which columns it has, and its rows.

    Built by :func:`open_table`. ``rows()`` streams the data rows and may be called again for
    another pass (e.g. check everything, then write). Use it as a context manager, or call
    :meth:`close`, to release an ``.xlsx`` file.

    Attributes:
        header_row: 1-based row number of the header.
        columns: key → header text as found in the file, for the known columns present.
        raw_header: every header cell in file order (``""`` for empty ones).
        warnings: messages about the file as a whole (e.g. the unknown columns, listed once).
        kind: ``"xlsx"`` or ``"csv"``; ``sheet`` the sheet read; ``delimiter`` and ``encoding``
            those detected for a CSV file.
    """

    kind: str
    sheet: str | None = None
    delimiter: str | None = None
    encoding: str | None = None

    def __init__(self, column_defs: Sequence[Column]) -> None:
        self.column_defs: dict[str, Column] = {column.key: column for column in column_defs}
        self.header_row = 0
        self.columns: dict[str, str] = {}
        self.raw_header: list[str] = []
        self.warnings: list[str] = []
        # (key, position) pairs computed once, so each row costs one dict comprehension.
        self._index: tuple[tuple[str, int], ...] = ()
        # Why the header was not found, and how close the best row came (for the CSV separator
        # choice); set by _find_header.
        self._header_problem = ""
        self._header_score = 0

    # -- public surface ------------------------------------------------------------------------

    def header_for(self, key: str) -> str:
        """The header of ``key`` as written in the file, else its label (for error messages)."""
        if key in self.columns:
            return self.columns[key]
        return self.column_defs[key].label

    @overload
    def rows(self, with_raw: Literal[False] = ...) -> Iterator[tuple[int, dict[str, Any]]]: ...

    @overload
    def rows(self, with_raw: Literal[True]) -> Iterator[tuple[int, dict[str, Any], list[Any]]]: ...

    def rows(self, with_raw: bool = False) -> Iterator[tuple[Any, ...]]:
        """Yield ``(row_number, values)`` — or ``(row_number, values, raw)`` — for each data row.

        ``values`` maps the key of every known column present in the file (see ``columns``) to
        its cell: strings stripped, empty cells ``None``; ``.xlsx`` cells keep their type (int,
        float, datetime, bool). Columns absent from the file are absent from ``values``, so use
        ``values.get(key)``. ``raw`` is every cell of the row in file order, cleaned the same
        way and at least as long as ``raw_header``. Rows with every cell empty are skipped.

        Raises :class:`TableError` if the file turns out unreadable further down.
        """
        index = self._index
        width = len(self.raw_header)
        header_row = self.header_row
        for row_number, cells in self._records(start=header_row + 1):
            if row_number <= header_row:
                continue
            size = len(cells)
            if cells.count(None) == size:
                continue
            if size < width:
                cells.extend([None] * (width - size))
            elif size > width and cells[-1] is None:
                # Styled-but-empty cells right of the header carry nothing worth keeping.
                while len(cells) > width and cells[-1] is None:
                    cells.pop()
            values = {key: cells[position] for key, position in index}
            if with_raw:
                yield row_number, values, cells
            else:
                yield row_number, values

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return self.rows()

    def close(self) -> None:
        """Release the file; the table cannot be read afterwards."""

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- for the file kinds --------------------------------------------------------------------

    def _records(self, start: int = 1) -> Iterator[tuple[int, list[Any]]]:
        """Yield ``(row_number, cleaned cells)`` for every row of the file, empty ones included.

        Rows before ``start`` may be skipped without being yielded (a CSV file only counts
        them); callers must ignore any that are.
        """
        raise NotImplementedError

    def _find_header(self, records: Iterable[tuple[int, list[Any]]], max_title_rows: int) -> bool:
        """Locate the header among the first rows; set the column mapping; False if not found.

        On failure ``self._header_problem`` explains what the closest row lacked.
        """
        lookup = _header_lookup(self.column_defs.values())
        required = [c for c in self.column_defs.values() if c.required]
        best: tuple[int, int, list[Column]] | None = None  # (matched, row, missing)
        for row_number, cells in records:
            if row_number > max_title_rows + 1:
                break
            found = {lookup[n] for n in map(normalize_header, cells) if n in lookup}
            if not found:
                continue
            missing = [c for c in required if c.key not in found]
            if not missing:
                self._set_header(row_number, cells, lookup)
                return True
            if best is None or len(found) > best[0]:
                best = (len(found), row_number, missing)
        names = "; ".join(column.describe() for column in required)
        problem = f"no header row found in the first {max_title_rows + 1} rows"
        if required:
            problem += f": it must contain the columns {names}"
        if best is not None:
            lacking = "; ".join(column.label for column in best[2])
            problem += f" (row {best[1]} comes closest but lacks {lacking})"
        self._header_problem = problem
        self._header_score = best[0] if best else 0
        return False

    def _set_header(self, row_number: int, cells: list[Any], lookup: dict[str, str]) -> None:
        self.header_row = row_number
        self.raw_header = ["" if cell is None else str(cell) for cell in cells]
        # Drop trailing empty header cells: styled-but-empty columns would widen every row.
        while self.raw_header and not self.raw_header[-1]:
            self.raw_header.pop()
        columns: dict[str, str] = {}
        index: list[tuple[str, int]] = []
        unknown: list[str] = []
        duplicates: list[str] = []
        for position, text in enumerate(self.raw_header):
            if not text:
                continue
            key = lookup.get(normalize_header(text))
            if key is None:
                unknown.append(text)
            elif key in columns:
                # The first column wins; a second one is most likely a leftover copy.
                duplicates.append(f"{text} (same as {columns[key]})")
            else:
                columns[key] = text
                index.append((key, position))
        self.columns = columns
        self._index = tuple(index)
        if unknown:
            self.warnings.append("unknown columns ignored: " + ", ".join(unknown))
        if duplicates:
            self.warnings.append(
                "repeated columns ignored, the first one is used: " + ", ".join(duplicates)
            )


def _header_lookup(columns: Iterable[Column]) -> dict[str, str]:
    """Normalized header name → column key. Labels win over aliases, earlier over later."""
    columns = list(columns)
    lookup: dict[str, str] = {}
    for column in columns:
        lookup.setdefault(normalize_header(column.label), column.key)
    for column in columns:
        for alias in column.aliases:
            lookup.setdefault(normalize_header(alias), column.key)
    lookup.pop("", None)
    return lookup


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
                raise TableError(f"file not found: {self.path}")
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
                raise TableError(f"cannot open {self.path}: {exc.strerror or exc}") from exc
        return io.BufferedReader(_Borrowed(self.rewound()), buffer_size=1 << 16)

    def rewound(self) -> IO[bytes]:
        """The caller's (or spooled) stream itself, back at its start; for ``zipfile``."""
        if self.stream is None:
            raise TypeError("a path source has no stream")
        self.stream.seek(self.start)
        return self.stream

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
            raise TableError("the file is empty")
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
        with self._text() as text:
            try:
                for _ in range(self._skip_lines):
                    text.readline()
                reader = csv.reader(text, delimiter=self.delimiter or ",")
                # The rows above ``start`` (titles, header) were read at detection: just count.
                if start > 1:
                    for _raw in reader:
                        row_number += 1
                        if row_number >= start - 1:
                            break
                for raw in reader:
                    row_number += 1
                    yield row_number, [cell.strip() or None for cell in raw]
            except UnicodeDecodeError as exc:
                raise TableError(f"row {row_number + 1}: {_not_unicode_message()}") from exc
            except csv.Error as exc:
                raise TableError(f"row {row_number + 1}: unreadable CSV ({exc})") from exc

    def close(self) -> None:
        self._source.close()


def _csv_records(reader: Iterable[list[str]]) -> Iterator[tuple[int, list[Any]]]:
    """Number and clean the records of a CSV sample (for header detection)."""
    try:
        for row_number, raw in enumerate(reader, start=1):
            yield row_number, [cell.strip() or None for cell in raw]
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


def _not_unicode_message() -> str:
    return (
        "the CSV file is neither UTF-8 nor UTF-16; in Excel choose "
        "Save As > 'CSV UTF-8 (Comma delimited)'"
    )


class _XlsxTable(Table):
    kind = "xlsx"

    def __init__(self, source: _Source, column_defs: Sequence[Column]) -> None:
        super().__init__(column_defs)
        self._source = source
        self._file: IO[bytes] | None = None
        self._workbook: Any = None
        self._worksheet: Any = None

    def _load(self, sheet: str | None, max_title_rows: int) -> None:
        from openpyxl import load_workbook  # imported here: only Excel imports pay for it

        # A file object rather than a path: openpyxl refuses paths without an Excel extension.
        # A caller's stream is used as it is (zipfile must seek) and is left open by close().
        if self._source.path is not None:
            self._file = stream = self._source.open()
        else:
            stream = self._source.rewound()
        try:
            self._workbook = load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
            # SyntaxError covers the XML parsers' ParseError on damaged parts.
            self.close()
            raise TableError(f"cannot read the Excel file: {exc}") from exc
        worksheets = self._workbook.worksheets
        if not worksheets:
            self.close()
            raise TableError("the workbook has no sheet")
        if sheet is None:
            worksheet = worksheets[0]
        else:
            worksheet = _find_sheet(worksheets, sheet)
            if worksheet is None:
                names = ", ".join(ws.title for ws in worksheets)
                self.close()
                raise TableError(f"no sheet named {sheet!r}; the workbook has: {names}")
        # The stored dimension is often wrong in files written by other tools; without it
        # openpyxl reads each row as far as it goes instead of cutting rows short.
        worksheet.reset_dimensions()
        self._worksheet = worksheet
        self.sheet = worksheet.title
        if not self._find_header(self._records(), max_title_rows):
            self.close()
            raise TableError(self._header_problem)

    def _records(self, start: int = 1) -> Iterator[tuple[int, list[Any]]]:
        if self._worksheet is None:
            raise TableError("the table is closed")
        row_number = 0
        try:
            for row in self._worksheet.iter_rows(values_only=True):
                row_number += 1
                yield (
                    row_number,
                    [(cell.strip() or None) if cell.__class__ is str else cell for cell in row],
                )
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
            # SyntaxError covers the XML parser's ParseError on a damaged sheet.
            raise TableError(f"row {row_number + 1}: cannot read the Excel file: {exc}") from exc

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None
        self._worksheet = None
        if self._file is not None:
            self._file.close()
            self._file = None
        self._source.close()


def _find_sheet(worksheets: Sequence[Any], name: str) -> Any:
    for worksheet in worksheets:
        if worksheet.title == name:
            return worksheet
    wanted = normalize_header(name)
    for worksheet in worksheets:
        if normalize_header(worksheet.title) == wanted:
            return worksheet
    return None


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
    ``filename`` gives the type: ``.xlsx``/``.xlsm`` or ``.csv``; with no extension at all the
    content decides). ``sheet`` picks an ``.xlsx`` sheet by name (exact, else accent- and
    case-insensitive); the first sheet otherwise. The header is the first row within
    ``max_title_rows + 1`` rows containing every required column.

    Raises :class:`TableError` for a whole-file problem.
    """
    name = filename
    if name is None:
        name = os.fspath(source) if isinstance(source, str | os.PathLike) else None
        name = name or getattr(source, "name", None)
    suffix = Path(str(name)).suffix.lower() if name else ""
    data = _Source(source)
    try:
        kind = _kind_for(suffix, data)
    except TableError:
        data.close()
        raise
    if kind == "xlsx":
        xlsx = _XlsxTable(data, columns)
        xlsx._load(sheet, max_title_rows)
        return xlsx
    table = _CsvTable(data, columns)
    try:
        table._detect(max_title_rows)
    except BaseException:
        table.close()
        raise
    if sheet is not None:
        table.warnings.append(f"a CSV file has no sheets; sheet {sheet!r} ignored")
    return table


def _kind_for(suffix: str, data: _Source) -> str:
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    if suffix == ".xls":
        raise TableError(
            "old Excel .xls files are not supported; save the file as .xlsx or CSV UTF-8"
        )
    if suffix:
        raise TableError(f"unsupported file type {suffix!r}: use .xlsx or .csv")
    # No name to go by (e.g. a stream): an .xlsx file is a zip archive.
    return "xlsx" if data.head(4) == b"PK\x03\x04" else "csv"


# --------------------------------------------------------------------------------------------
# Value parsers: each raises ValueError with a short message for a RowError
# --------------------------------------------------------------------------------------------


def _show(value: object) -> str:
    """A value quoted for a message, cut short if long."""
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "…"
    return repr(text)


def parse_text(value: object) -> str | None:
    """A cell as text, ``None`` if empty: for codes and names an ``.xlsx`` cell may hold as a
    number or date (``3.0`` → ``"3"``, ``1.25`` → ``"1.25"``, a date → ``dd/mm/yyyy``).

    Excel cannot give back what it already changed (``1.10`` typed as a number is ``1.1``);
    callers of dotted codes should tell users to format such columns as text.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return _format_cell(value) or None


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_GROUPED_BY_SPACES = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
_NUMBER = re.compile(r"([+-]?)([0-9.,]*[0-9][0-9.,]*)")
_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)


def _number_parts(value: str, *, whole: bool) -> tuple[str, str, str]:
    """Split number text into (sign, integer digits, fraction digits) by the contract's rules.

    Both "." and "," present: the last is the decimal separator, the other groups thousands.
    One of them alone: for whole numbers it groups thousands when it can (``150.000``), for
    decimals it is the decimal separator (``2,75``) unless it repeats (``1.234.567``).
    """
    text = value.strip().replace("\u2212", "-")
    if _SPACES.search(text):
        # Spaces may only group thousands ("1 234 567,5"), never glue two numbers together.
        spaced = _SPACES.sub(" ", text)
        if not _GROUPED_BY_SPACES.fullmatch(spaced):
            raise ValueError(f"not a number: {_show(value)}")
        text = spaced.replace(" ", "")
    match = _NUMBER.fullmatch(text)
    if not match:
        raise ValueError(f"not a number: {_show(value)}")
    sign, body = match.groups()
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal_sep = "." if body.rfind(".") > body.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        integer, _, fraction = body.rpartition(decimal_sep)
        if decimal_sep in integer or group_sep in fraction or not _grouped(integer, group_sep):
            raise ValueError(f"misplaced separators in number {_show(value)}")
        return sign, integer.replace(group_sep, ""), fraction
    if dots or commas:
        sep = "." if dots else ","
        if (whole or dots + commas > 1) and _grouped(body, sep):
            return sign, body.replace(sep, ""), ""
        if dots + commas > 1:
            raise ValueError(f"misplaced separators in number {_show(value)}")
        integer, _, fraction = body.partition(sep)
        if not fraction:
            raise ValueError(f"not a number: {_show(value)}")
        return sign, integer, fraction
    return sign, body, ""


def _grouped(text: str, sep: str) -> bool:
    """Whether ``text`` is digits grouped by threes with ``sep`` (``1.234.567``)."""
    first, *rest = text.split(sep)
    return 1 <= len(first) <= 3 and bool(rest) and all(len(part) == 3 for part in rest)


def parse_decimal(value: object) -> Decimal:
    """A decimal number (points): ``12,5`` ``12.5`` ``1.234,5`` ``1,234.5`` ``2,75``.

    Where both ``.`` and ``,`` appear the last is the decimal separator; one alone is the
    decimal separator (repeated, it groups thousands: ``1.234.567``). Numeric cells are
    accepted; floats go through their shortest decimal form, rounded to 10 places so that
    Excel's binary noise (``0.30000000000000004``) disappears.
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not a number: {_show(value)}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a number: {_show(value)}")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a number: {_show(value)}")
        return Decimal(repr(round(value, 10)))
    if not isinstance(value, str) or len(value) > 64:
        raise ValueError(f"not a number: {_show(value)}")
    sign, integer, fraction = _number_parts(value, whole=False)
    text = f"{sign}{integer or '0'}" + (f".{fraction}" if fraction else "")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise ValueError(f"not a number: {_show(value)}") from exc


def parse_whole(value: object) -> int:
    """A whole number (fees in đồng, counts, days): ``150.000`` = ``150,000`` = 150000.

    A separator alone groups thousands; with both, the last is the decimal separator and the
    fraction must be zero (``1.234,00``). Text that cannot be thousands (``3.0``, ``1,5``) is
    read as a decimal and refused unless whole. A trailing ``đ``/``đồng``/``VNĐ`` is allowed.
    Numeric cells must hold a whole value (``3.0`` → 3, ``1.5`` is an error).
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not a whole number: {_show(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a whole number: {_show(value)}")
        nearest = round(value)
        # Tolerate the binary noise of Excel formulas, not a real fraction.
        if abs(value - nearest) > 1e-6:
            raise ValueError(f"not a whole number: {_show(value)}")
        return int(nearest)
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueError(f"not a whole number: {_show(value)}")
        return int(value)
    if not isinstance(value, str) or len(value) > 64:
        raise ValueError(f"not a whole number: {_show(value)}")
    text = _CURRENCY.sub("", value.strip())
    try:
        sign, integer, fraction = _number_parts(text, whole=True)
    except ValueError:
        raise ValueError(f"not a whole number: {_show(value)}") from None
    if fraction.strip("0"):
        raise ValueError(f"not a whole number: {_show(value)}")
    return int(f"{sign}{integer or '0'}")


_TRUE_WORDS = frozenset(map(normalize_header, ("có", "yes", "true", "x", "1", "y", "đúng")))
_FALSE_WORDS = frozenset(map(normalize_header, ("không", "no", "false", "0", "", "n", "sai")))


def parse_bool(value: object) -> bool:
    """Yes/no: ``có co yes true x 1`` → True, ``không khong no false 0`` or empty → False."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float | Decimal) and value in (0, 1):
        return bool(value)
    word = normalize_header(value)
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ValueError(f"expected yes or no (có/không, 1/0), not {_show(value)}")


def match_choice(value: object, mapping: Mapping[str, T]) -> T:
    """The value of ``mapping`` whose key matches ``value`` accent-, case- and space-insensitively.

    Keys may be written naturally (``{"trực tiếp": 1, "1": 1}``); they are compared through
    :func:`normalize_header`. A whole number cell (``2`` or ``2.0``) matches the key ``"2"``,
    an empty cell the key ``""`` if there is one. Raises ``ValueError`` listing the keys.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    wanted = normalize_header(value)
    if wanted in mapping:
        return mapping[wanted]
    for key, result in mapping.items():
        if normalize_header(key) == wanted:
            return result
    accepted = ", ".join(key for key in mapping if key)
    if value is None or wanted == "":
        raise ValueError(f"a value is required; accepted: {accepted}")
    raise ValueError(f"unknown value {_show(value)}; accepted: {accepted}")


# -- dates ----------------------------------------------------------------------------------

_DATE = (
    r"(?:(?P<d>\d{1,2})(?P<s1>[/.-])(?P<m>\d{1,2})(?P=s1)(?P<y>\d{4})"
    r"|(?P<Y>\d{4})(?P<s2>[/-])(?P<M>\d{1,2})(?P=s2)(?P<D>\d{1,2}))"
)
_TIME = r"(?P<H>\d{1,2}):(?P<Mi>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<F>\d+))?)?"
_OFFSET = r"(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)"
# Date first ("05/03/2026 08:30", ISO "2026-03-05T08:30:00+07:00") or, as some portals
# export, time first ("08:30 05/03/2026").
_DATE_TIME = re.compile(rf"{_DATE}(?:(?:T|\s+){_TIME}\s*{_OFFSET}?)?", re.IGNORECASE)
_TIME_DATE = re.compile(rf"{_TIME}\s+{_DATE}")
# Excel's day 0 of the 1900 date system (serial 60 is Excel's phantom 29/02/1900).
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_MIN_SERIAL = 61  # 01/03/1900: earlier serials would need Excel's leap-year bug
_EXCEL_MAX_SERIAL = 2958466  # 01/01/10000
_END_OF_DAY = time(23, 59, 59)
_DATE_FORMS = "dd/mm/yyyy, dd/mm/yyyy HH:MM[:SS] or yyyy-mm-dd[THH:MM[:SS]]"


@lru_cache(maxsize=32)
def _zone(tz: str) -> ZoneInfo:
    return ZoneInfo(tz)


def _as_zone(tz: str | tzinfo) -> tzinfo:
    return _zone(tz) if isinstance(tz, str) else tz


def _parse_parts(value: object) -> tuple[date, time | None, tzinfo | None]:
    """Split a date cell into (date, time or None when the cell has no time, offset or None).

    An Excel date or datetime cell at exactly 00:00:00 counts as a date without a time: Excel
    stores a plain date that way, and once read the two cannot be told apart.
    """
    if isinstance(value, datetime):
        moment = value.time()
        if value.tzinfo is None and moment == time(0):
            return value.date(), None, None
        return value.date(), moment, value.tzinfo
    if isinstance(value, date):
        return value, None, None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _from_excel_serial(value)
    if isinstance(value, str):
        return _parse_date_text(value)
    raise ValueError(f"not a date: {_show(value)} (expected {_DATE_FORMS})")


def _from_excel_serial(value: float | int | Decimal) -> tuple[date, time | None, None]:
    """An Excel serial day number (``46000.5`` = 09/12/2025 12:00), to the nearest second."""
    number = float(value)
    if not math.isfinite(number) or not _EXCEL_MIN_SERIAL <= number < _EXCEL_MAX_SERIAL:
        raise ValueError(f"not a date: {_show(value)} (expected {_DATE_FORMS})")
    days, seconds = divmod(round(number * 86400), 86400)
    day = _EXCEL_EPOCH + timedelta(days=days)
    if not seconds:
        return day, None, None
    return day, time(seconds // 3600, seconds // 60 % 60, seconds % 60), None


def _parse_date_text(value: str) -> tuple[date, time | None, tzinfo | None]:
    text = value.strip()
    match = _DATE_TIME.fullmatch(text) or _TIME_DATE.fullmatch(text)
    if not match:
        raise ValueError(f"not a date: {_show(value)} (expected {_DATE_FORMS})")
    parts = match.groupdict()
    if parts["y"] is not None:
        year, month, day = int(parts["y"]), int(parts["m"]), int(parts["d"])
    else:
        year, month, day = int(parts["Y"]), int(parts["M"]), int(parts["D"])
    try:
        the_date = date(year, month, day)
    except ValueError:
        raise ValueError(
            f"impossible date: {_show(value)} ({_why_impossible(year, month)})"
        ) from None
    if parts["H"] is None:
        return the_date, None, None
    fraction = (parts["F"] or "")[:6].ljust(6, "0")
    try:
        the_time = time(int(parts["H"]), int(parts["Mi"]), int(parts["S"] or 0), int(fraction))
    except ValueError:
        raise ValueError(f"impossible time: {_show(value)}") from None
    offset = parts.get("tz")
    return the_date, the_time, _parse_offset(offset) if offset else None


def _why_impossible(year: int, month: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if not 1 <= year <= 9999:
        return f"there is no year {year}"
    return f"{month:02d}/{year} has {calendar.monthrange(year, month)[1]} days"


def _parse_offset(text: str) -> tzinfo:
    if text.upper() == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"impossible time zone offset: {_show(text)}")
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if text[0] == "-" else delta)


def parse_datetime(value: object, *, due: bool = False, tz: str | tzinfo = LOCAL_TZ) -> datetime:
    """A timezone-aware moment in ``tz`` (Asia/Ho_Chi_Minh) from a date cell.

    Accepts ``dd/mm/yyyy``, ``dd/mm/yyyy HH:MM[:SS]`` (also with ``-`` or ``.``, one-digit day
    and month), ISO 8601 (an offset or ``Z`` is converted to local time), Excel date cells and
    Excel serial numbers (numeric cells only). A date without a time is 00:00, or 23:59:59 of
    that day when ``due`` is true (a due date). An Excel cell at exactly 00:00 counts as a
    date without a time.
    """
    zone = _as_zone(tz)
    if value is None or value == "":
        raise ValueError("a date is required")
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(zone)
    the_date, the_time, offset = _parse_parts(value)
    if the_time is None:
        the_time = _END_OF_DAY if due else time(0)
    if offset is not None:
        return datetime.combine(the_date, the_time, tzinfo=offset).astimezone(zone)
    return datetime.combine(the_date, the_time, tzinfo=zone)


def parse_date(value: object, *, tz: str | tzinfo = LOCAL_TZ) -> date:
    """A calendar date from the same forms as :func:`parse_datetime`; a time is dropped, after
    converting a moment with an offset to local time."""
    if value is None or value == "":
        raise ValueError("a date is required")
    the_date, the_time, offset = _parse_parts(value)
    if offset is not None and the_time is not None:
        moment = datetime.combine(the_date, the_time, tzinfo=offset)
        return moment.astimezone(_as_zone(tz)).date()
    return the_date
