"""An opened spreadsheet (:class:`Table`): where its header is, which columns it has, its rows.

The file kinds (CSV, XLSX) and :func:`open_table` are in :mod:`.reading`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, overload

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parindex.common.tabular.columns import Column, _header_lookup, normalize_header


class TableError(Exception):
    """The file as a whole cannot be imported: unreadable, wrong type, or no header row.

    Its text is translated into the language active when it was raised.
    """


class Table:
    """An opened spreadsheet: where its header is, which columns it has, and its rows.

    Built by :func:`open_table`. ``rows()`` streams the data rows and may be called again for
    another pass (e.g. check everything, then write). Use it as a context manager, or call
    :meth:`close`, to release an ``.xlsx`` file.

    Attributes:
        header_row: 1-based row number of the header.
        columns: key → header text as found in the file, for the known columns present.
        raw_header: every header cell in file order (``""`` for empty ones).
        warnings: messages about the file as a whole (e.g. the unknown columns, listed once),
            translated into the language active when the file was opened.
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
        from parindex.common.tabular import limits  # it raises TableError, defined here

        caps = limits.current()
        last_row = header_row + caps.max_rows
        for row_number, cells in self._records(start=header_row + 1):
            if row_number <= header_row:
                continue
            if row_number > last_row:
                raise limits.too_many_rows(caps)
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
        self._header_problem = _no_header_message(max_title_rows + 1, required, best)
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
                duplicates.append(
                    _("%(column)s (same as %(first)s)") % {"column": text, "first": columns[key]}
                )
            else:
                columns[key] = text
                index.append((key, position))
        self.columns = columns
        self._index = tuple(index)
        if unknown:
            self.warnings.append(
                _("unknown columns ignored: %(columns)s") % {"columns": ", ".join(unknown)}
            )
        if duplicates:
            self.warnings.append(
                _("repeated columns ignored, the first one is used: %(columns)s")
                % {"columns": ", ".join(duplicates)}
            )


def _no_header_message(
    searched: int, required: list[Column], best: tuple[int, int, list[Column]] | None
) -> str:
    """Why no header row was found in the first ``searched`` rows, as one whole sentence."""
    if not required:
        return ngettext(
            "no header row found in the first %(count)d row",
            "no header row found in the first %(count)d rows",
            searched,
        ) % {"count": searched}
    names = "; ".join(column.describe() for column in required)
    if best is None:
        return ngettext(
            "no header row found in the first %(count)d row: "
            "it must contain the columns %(columns)s",
            "no header row found in the first %(count)d rows: "
            "it must contain the columns %(columns)s",
            searched,
        ) % {"count": searched, "columns": names}
    return ngettext(
        "no header row found in the first %(count)d row: it must contain the columns "
        "%(columns)s (row %(row)d comes closest but lacks %(missing)s)",
        "no header row found in the first %(count)d rows: it must contain the columns "
        "%(columns)s (row %(row)d comes closest but lacks %(missing)s)",
        searched,
    ) % {
        "count": searched,
        "columns": names,
        "row": best[1],
        "missing": "; ".join(column.label for column in best[2]),
    }
