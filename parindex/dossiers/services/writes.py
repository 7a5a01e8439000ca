"""Raw batched writes of the dossier import.

``bulk_create``/``bulk_update`` spend most of an import building model instances and CASE
clauses; these write the same columns, with the values Django itself would store, with one
``executemany`` (SQLite) or ``COPY`` (PostgreSQL) per batch, and read the existing rows of a
batch with one SELECT on the unique (agency, code) index.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable
from operator import itemgetter
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
    if connection.vendor == "postgresql":
        # One array parameter: 2 000 placeholders cost the driver ~1 s of parsing per 200 k rows.
        where, params = "code = ANY(%s)", [agency_id, codes]
    else:
        where, params = f"code IN ({', '.join(['%s'] * len(codes))})", [agency_id, *codes]
    sql = f"SELECT {names} FROM {table} WHERE agency_id = %s AND {where}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
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


def _sqlite_values(rows: list[dict[str, Any]], stamp: Any) -> list[tuple[Any, ...]]:
    """The rows as Django's SQLite backend stores them: only the date and datetime columns
    need converting, so the rest is taken as it is in one C-level ``itemgetter`` call."""
    pick = itemgetter(*INSERT_COLUMNS)
    moments = [i for i, c in enumerate(INSERT_COLUMNS) if c in _DATETIME_COLUMNS]
    days = [i for i, c in enumerate(INSERT_COLUMNS) if c in _DATE_COLUMNS]
    # Due dates without a time are one object per distinct text (the importer caches them) and
    # ended_at is finished_at or returned_at itself: convert each object once. ``id`` is safe
    # as a key, every object stays alive in ``rows`` for the whole call.
    texts: dict[int, str] = {}
    values = []
    for row in rows:
        value = [*pick(row), stamp, stamp]
        for i in moments:
            moment = value[i]
            if moment is not None:
                text = texts.get(id(moment))
                if text is None:
                    # The naive UTC text Django stores: the aware form less its "+00:00".
                    text = texts[id(moment)] = moment.astimezone(dt.UTC).isoformat(" ")[:-6]
                value[i] = text
        for i in days:
            day = value[i]
            if day is not None:
                value[i] = day.isoformat()
        values.append(tuple(value))
    return values


def _column_types(cursor: Any, table: str, columns: tuple[str, ...]) -> list[int]:
    """The type oids of ``columns`` as the table has them now, for a binary COPY."""
    cursor.execute(
        "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass "
        "AND attname = ANY(%s)",
        [table, list(columns)],
    )
    oids = dict(cursor.fetchall())
    return [oids[c] for c in columns]


def insert_rows(rows: list[dict[str, Any]], now: dt.datetime) -> None:
    """Insert new rows with this thread's connection."""
    connection.ensure_connection()
    _Inserter(connection.connection, connection.vendor, now).write(rows)


class _Inserter:
    """Writes new rows straight through the driver's connection (Django's wrapper belongs to
    one thread; BackgroundInserts writes from another)."""

    def __init__(self, raw: Any, vendor: str, now: dt.datetime) -> None:
        self.raw = raw
        self.vendor = vendor
        self.table = connection.ops.quote_name(Dossier._meta.db_table)
        self.columns = (*INSERT_COLUMNS, "created_at", "updated_at")
        self.names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        self.stamp = adapter()(now)
        self.types: list[int] | None = None

    def write(self, rows: list[dict[str, Any]]) -> None:
        if self.vendor == "postgresql":
            self._copy(rows)
            return
        marks = ", ".join(["?"] * len(self.columns))
        cursor = self.raw.cursor()
        try:
            cursor.executemany(
                f"INSERT INTO {self.table} ({self.names}) VALUES ({marks})",  # noqa: S608
                _sqlite_values(rows, self.stamp),
            )
        finally:
            cursor.close()

    def _copy(self, rows: list[dict[str, Any]]) -> None:
        # Binary: the server reads the values as they are instead of parsing dates and numbers
        # out of text, and the driver writes them without formatting any.
        pick = itemgetter(*INSERT_COLUMNS)
        stamps = (self.stamp, self.stamp)
        sql = f"COPY {self.table} ({self.names}) FROM STDIN (FORMAT BINARY)"
        with self.raw.cursor() as cursor:
            if self.types is None:
                self.types = _column_types(cursor, Dossier._meta.db_table, self.columns)
            with cursor.copy(sql) as copy:
                copy.set_types(self.types)
                write = copy.write_row
                for row in rows:
                    write(pick(row) + stamps)


class BackgroundInserts:
    """Inserts batches of new rows on a second thread while the importer reads and checks the
    next ones, so the PostgreSQL server's work overlaps Python's (the driver lets go of the
    GIL while it waits). Same connection, same transaction: the caller must not use the
    connection until :meth:`close`, which waits for the last batch and raises its error."""

    def __init__(self, now: dt.datetime) -> None:
        connection.ensure_connection()
        self._inserter = _Inserter(connection.connection, connection.vendor, now)
        self._queue: queue.Queue[list[dict[str, Any]] | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="dossier-inserts", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (rows := self._queue.get()) is not None:
            try:
                self._inserter.write(rows)
            except BaseException as exc:  # noqa: BLE001 - handed over to the importing thread
                self._error = exc
                return

    def submit(self, rows: list[dict[str, Any]]) -> None:
        while True:
            self._raise()
            try:
                self._queue.put(rows, timeout=0.2)
                return
            except queue.Full:
                continue

    def close(self, *, raise_error: bool = True) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if raise_error:
            self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error


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
