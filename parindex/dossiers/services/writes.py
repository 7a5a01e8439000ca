"""Raw batched writes of the dossier import.

``bulk_create``/``bulk_update`` spend most of an import building model instances and CASE
clauses; these write the same columns, with the values Django itself would store, with one
``executemany`` (SQLite) or ``COPY`` (PostgreSQL) per batch, and read the existing rows of a
batch with one SELECT on the unique (agency, code) index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import connection

from parindex.common.workdays import TZ
from parindex.dossiers.models import Dossier
from parindex.dossiers.services.counts import COUNT_FIELDS

#: Fields taken from a row, compared to decide "unchanged" and written on update.
ROW_FIELDS = (
    "procedure_id",
    "unit_id",
    "channel",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "supplement_count",
    "online_payment",
)
#: Columns derived from them (rules.derived_fields) plus the effective end.
DERIVED_FIELDS = ("ended_at", "received_on", "due_on", "ended_on", "counted", "outcome")

INSERT_COLUMNS = ("agency_id", "code", *ROW_FIELDS, *DERIVED_FIELDS)
UPDATE_COLUMNS = (*ROW_FIELDS, *DERIVED_FIELDS)


def adapter() -> Callable[[Any], Any]:
    """Python value → what the database driver takes for a column of this table."""
    if connection.vendor != "sqlite":
        return lambda value: value

    def sqlite_value(value: Any) -> Any:
        # As Django's SQLite backend stores them: datetimes as naive UTC text, dates as ISO.
        if isinstance(value, dt.datetime):
            return str(value.astimezone(dt.UTC).replace(tzinfo=None))
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return sqlite_value


_DATETIME_FIELDS = {"received_at", "due_at", "finished_at", "returned_at"}


def existing_rows(agency_id: int, codes: list[str]) -> dict[str, tuple[Any, ...]]:
    """{code: (id, code, *ROW_FIELDS, *COUNT_FIELDS)} as stored, for one batch of codes
    (unique index): the fields to compare, then what the row adds to the counts."""
    table = connection.ops.quote_name(Dossier._meta.db_table)
    columns = ("id", "code", *ROW_FIELDS, *COUNT_FIELDS)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(codes))
    sql = f"SELECT {names} FROM {table} WHERE agency_id = %s AND code IN ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency_id, *codes])
        return {row[1]: row for row in cursor.fetchall()}


def comparable() -> Callable[[Any], Any]:
    """A new value in the form a raw SELECT returns it (SQLite: naive UTC datetimes)."""
    if connection.vendor != "sqlite":
        return lambda value: value

    def sqlite_value(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).replace(tzinfo=None)
        return value

    return sqlite_value


def readable(values: dict[str, Any]) -> dict[str, Any]:
    """Stored values back to aware local datetimes for the audit trail."""
    out = {}
    for field, value in values.items():
        if field in _DATETIME_FIELDS and isinstance(value, dt.datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=dt.UTC)
            value = value.astimezone(TZ)
        out[field] = value
    return out


def analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Dossier._meta.db_table)}")


def large_cache() -> None:
    """On SQLite, let this connection cache up to 128 MB of pages: inserting a million rows
    into five indexes otherwise re-reads index pages from disk for every batch."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -131072")


_DATETIME_COLUMNS = {"received_at", "due_at", "finished_at", "returned_at", "ended_at"}
_DATE_COLUMNS = {"received_on", "due_on", "ended_on"}


def _sqlite_getter(column: str) -> Callable[[dict[str, Any]], Any]:
    if column in _DATETIME_COLUMNS:

        def moment(row: dict[str, Any]) -> Any:
            value = row[column]
            return None if value is None else str(value.astimezone(dt.UTC).replace(tzinfo=None))

        return moment
    if column in _DATE_COLUMNS:

        def day(row: dict[str, Any]) -> Any:
            value = row[column]
            return None if value is None else value.isoformat()

        return day
    return lambda row: row[column]


def insert_rows(rows: list[dict[str, Any]], now: dt.datetime) -> None:
    table = connection.ops.quote_name(Dossier._meta.db_table)
    columns = (*INSERT_COLUMNS, "created_at", "updated_at")
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    adapt = adapter()
    stamp = adapt(now)
    if connection.vendor == "sqlite":
        # Only the date and datetime columns need converting: pick them once, not per value.
        getters = [_sqlite_getter(c) for c in INSERT_COLUMNS]
        values = [(*(get(row) for get in getters), stamp, stamp) for row in rows]
    else:
        values = [(*(row[c] for c in INSERT_COLUMNS), stamp, stamp) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)  # noqa: S608


def update_rows(rows: list[tuple[int, dict[str, Any]]], now: dt.datetime) -> None:
    table = connection.ops.quote_name(Dossier._meta.db_table)
    sets = ", ".join(
        f"{connection.ops.quote_name(c)} = %s" for c in (*UPDATE_COLUMNS, "updated_at")
    )
    adapt = adapter()
    stamp = adapt(now)
    values = [(*(adapt(row[c]) for c in UPDATE_COLUMNS), stamp, pk) for pk, row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", values)  # noqa: S608
