"""Read users' spreadsheets (``.xlsx`` ``.xls`` ``.xlsb`` ``.ods`` / ``.csv``) for every import,
by the public rules.

This package implements the "General rules for every import" of ``docs/formats.md``; the per-import
column lists and business checks live with each importer. It needs no models and can be
imported without Django settings. Its user-facing messages (``TableError`` texts, the parsers'
``ValueError`` texts, ``Table.warnings``) have English msgids and are translated with Django's
``gettext`` when they are produced, into the active language (Vietnamese by default), so
producing one needs configured settings. Callers show them as they are and turn a parser's
``ValueError`` into a :class:`RowError`. The contract's fixed formats stay English in every
language: ``row N, column C: message`` (only the message is translated) and the summary line.

Import everything from here; the modules are an implementation detail:

* :mod:`.columns` — :class:`Column`, :func:`normalize_header`;
* :mod:`.table` — :class:`Table`, :class:`TableError`, header detection;
* :mod:`.reading` — :func:`open_table` and the CSV reader;
* :mod:`.spreadsheet` — the workbook reader (python-calamine, every Excel and ODS format);
* :mod:`.values` — the cell parsers and :data:`LOCAL_TZ`;
* :mod:`.schema` — :class:`Field`, :class:`RowSchema`, :class:`RowReader`: an import's columns
  declared once with how each cell is read (the registers' imports use it);
* :mod:`.outcomes` — :class:`RowError`, :class:`ImportResult`, :class:`ImportRefused`,
  :func:`format_errors`, :func:`write_rejected`, :data:`REASON_HEADER`.

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

* Files: ``.xlsx``/``.xlsm``, ``.xls``, ``.xlsb`` and ``.ods`` (first sheet or a named one,
  read by python-calamine) and ``.csv`` (UTF-8 with or
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

from parindex.common.tabular.columns import Column, normalize_header
from parindex.common.tabular.outcomes import (
    REASON_HEADER,
    ImportRefused,
    ImportResult,
    RowError,
    format_errors,
    write_rejected,
)
from parindex.common.tabular.reading import open_table
from parindex.common.tabular.schema import Field, RowReader, RowSchema
from parindex.common.tabular.spreadsheet import IMPORT_SUFFIXES
from parindex.common.tabular.table import Table, TableError
from parindex.common.tabular.values import (
    LOCAL_TZ,
    match_choice,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_text,
    parse_whole,
)

__all__ = [
    "IMPORT_SUFFIXES",
    "LOCAL_TZ",
    "REASON_HEADER",
    "Column",
    "Field",
    "ImportRefused",
    "ImportResult",
    "RowError",
    "RowReader",
    "RowSchema",
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
