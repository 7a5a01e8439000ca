"""Declarative rows: each column of an import says once how its cell is read.

An importer lists its columns as :class:`Field` values in a :class:`RowSchema`. The schema gives
the :class:`~.columns.Column` list for :func:`~.reading.open_table` and reads every row through
a :class:`RowReader`, which parses each cell by its field's kind and collects the errors of the
row as ``row N, column C: message`` (the column as the user wrote it). What is left to the
importer is what no column knows alone: look-ups in the database (a unit, an inspection) and the
checks between columns (a date before another).

Kinds: ``text`` (trimmed, ``limit`` characters at most), ``date``, ``year`` (2000–2100),
``amount`` (a whole number ≥ 0), ``bool`` (yes/no words, ``default`` when empty), ``choice``
(words of ``choices``), ``parse`` (the cell given to the field's ``parse`` function, whose
``ValueError`` is the cell's error and leaves ``default``), and ``lookup`` (read by a function the
importer passes to :meth:`RowSchema.read`; it sees the values read before it in ``row.data``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from parindex.common.tabular.columns import Column
from parindex.common.tabular.outcomes import RowError
from parindex.common.tabular.table import Table
from parindex.common.tabular.values import (
    match_choice,
    parse_bool,
    parse_date,
    parse_text,
    parse_whole,
)

KINDS = ("text", "date", "year", "amount", "bool", "choice", "parse", "lookup")


@dataclass(frozen=True)
class Field:
    """One column of an import and how its cell is read."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False  # the column must be in the file, and (text, date) the cell filled
    kind: str = "text"
    limit: int = 500  # text: characters at most
    choices: Mapping[str, Any] | None = None  # choice: the accepted words
    default: Any = None  # bool: the value of an empty cell; parse: the value of a bad one
    parse: Callable[[Any], Any] | None = None  # parse: the cell → its value, or ValueError

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} for column {self.key!r}")
        if (self.kind == "parse") != (self.parse is not None):
            raise ValueError(f"column {self.key!r}: a parse function goes with kind 'parse'")

    @property
    def column(self) -> Column:
        return Column(self.key, self.header, self.aliases, required=self.required)


class RowReader:
    """The cells of one row, parsed on demand; collects the row's errors."""

    def __init__(self, table: Table, number: int, values: dict[str, Any]) -> None:
        self.table, self.number, self.values = table, number, values
        self.errors: list[RowError] = []
        self.data: dict[str, Any] = {}  # the values read so far by RowSchema.read

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.table.header_for(key), message))

    def text(self, key: str, *, required: bool = False, limit: int = 500) -> str:
        value = parse_text(self.values.get(key)) or ""
        if required and not value:
            self.error(key, _("a value is required"))
        elif len(value) > limit:
            self.error(key, _("at most %(limit)d characters") % {"limit": limit})
        return value

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        raw = self.values.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.error(key, _("a date is required"))
            return None
        try:
            return parse_date(raw)
        except ValueError as exc:
            self.error(key, str(exc))
            return None

    def year(self, key: str) -> int | None:
        raw = self.values.get(key)
        if raw is None:
            self.error(key, _("a year is required"))
            return None
        try:
            year = parse_whole(raw)
        except ValueError as exc:
            self.error(key, str(exc))
            return None
        if not 2000 <= year <= 2100:
            self.error(
                key, _("the year must be between 2000 and 2100, not %(year)s") % {"year": year}
            )
            return None
        return year

    def amount(self, key: str) -> int | None:
        raw = self.values.get(key)
        if raw is None:
            return None
        try:
            value = parse_whole(raw)
        except ValueError as exc:
            self.error(key, str(exc))
            return None
        if value < 0:
            self.error(key, _("an amount cannot be negative"))
            return None
        return value

    def bool(self, key: str, *, default: Any = None) -> Any:
        raw = self.values.get(key)
        if raw is None:
            return default
        try:
            return parse_bool(raw)
        except ValueError as exc:
            self.error(key, str(exc))
            return default

    def choice(self, key: str, choices: Mapping[str, Any]) -> Any:
        try:
            return match_choice(self.values.get(key), choices)
        except ValueError as exc:
            self.error(key, str(exc))
            return None

    def parsed(self, key: str, parse: Callable[[Any], Any], *, default: Any = None) -> Any:
        try:
            return parse(self.values.get(key))
        except ValueError as exc:
            self.error(key, str(exc))
            return default

    def read(self, field: Field) -> Any:
        """The cell of `field`, parsed by its kind (not for ``lookup`` fields)."""
        if field.kind == "text":
            return self.text(field.key, required=field.required, limit=field.limit)
        if field.kind == "date":
            return self.date(field.key, required=field.required)
        if field.kind == "year":
            return self.year(field.key)
        if field.kind == "amount":
            return self.amount(field.key)
        if field.kind == "bool":
            return self.bool(field.key, default=field.default)
        if field.kind == "choice":
            return self.choice(field.key, field.choices or {})
        if field.kind == "parse" and field.parse is not None:
            return self.parsed(field.key, field.parse, default=field.default)
        raise ValueError(f"column {field.key!r} is read by a look-up of the importer")


class RowSchema:
    """The columns of one import, in the order their cells are read."""

    def __init__(self, *fields: Field) -> None:
        self.fields = fields

    @property
    def columns(self) -> list[Column]:
        return [f.column for f in self.fields]

    def read(self, row: RowReader, **lookups: Callable[[RowReader, str], Any]) -> dict[str, Any]:
        """Every field's value by key; ``lookup`` fields through the function named after them,
        which find the values of the fields before theirs in ``row.data``."""
        data = row.data
        for field in self.fields:
            if field.kind == "lookup":
                data[field.key] = lookups[field.key](row, field.key)
            else:
                data[field.key] = row.read(field)
        return data
