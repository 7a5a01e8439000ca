"""Raw batched writes of the dossier import.

``bulk_create``/``bulk_update`` spend most of an import building model instances and CASE
clauses; these write the same columns, with the values Django itself would store, with one
``executemany`` (SQLite) or ``COPY`` (PostgreSQL) per batch; a re-import stages each batch and
lets the database tell which rows are new or changed (:class:`StagedUpsert`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import queue
import struct
import threading
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from django.db import connection

from parindex.audit.services import json_value
from parindex.common.workdays import TZ
from parindex.dossiers.models import Dossier
from parindex.dossiers.partitions import DOSSIERS, is_partitioned
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

INSERT_COLUMNS = ("agency_id", "code", *ROW_FIELDS, *DERIVED_FIELDS, "row_hash")
UPDATE_COLUMNS = (*ROW_FIELDS, *DERIVED_FIELDS, "row_hash")

_HASHED = struct.Struct(f"<{len(ROW_FIELDS)}d").pack
_NO_VALUE = -1e18  # stands for None (no real field value is this)


def row_hash(row: dict[str, Any]) -> int:
    """A 64-bit digest of the imported fields of a row (ROW_FIELDS), as a signed integer.

    Moments enter as their POSIX time (the same instant from any time zone gives the same
    digest); ids, codes and counts as themselves. blake2b, so a change is missed only with
    probability 2⁻⁶⁴; a digest that differs is always checked field by field before a row
    counts as updated."""
    parts = [
        _NO_VALUE if v is None else v.timestamp() if isinstance(v, dt.datetime) else v
        for v in map(row.__getitem__, ROW_FIELDS)
    ]
    digest = hashlib.blake2b(_HASHED(*parts), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


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


def audit_values(values: dict[str, Any]) -> dict[str, Any]:
    """A dossier's imported fields as the audit trail stores them (local moments)."""
    return json_value(readable(values))


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


class StagedUpsert:
    """The re-import path (an agency that already holds dossiers), one batch at a time:

    1. the batch's codes and digests go into a temporary staging table (PostgreSQL: every
       column, one binary COPY; SQLite: code and digest, one executemany);
    2. one join on the unique (agency, code) index returns only the rows that are new or whose
       stored digest differs, with their stored values (what the counts and the audit need);
       unchanged rows never leave the database;
    3. the new and changed rows are written with one ``INSERT … ON CONFLICT (agency_id, code)
       DO UPDATE … WHERE row_hash IS DISTINCT FROM excluded.row_hash`` (PostgreSQL: from the
       staging table; SQLite: executemany of the same statement with VALUES).

    With the dossiers partitioned by year (PostgreSQL, partitions/), the database's unique key
    is (agency_id, code, received_on): the conflict target holds ``received_on``, and a stored
    dossier whose reception date the file corrects first gets its new date (PostgreSQL moves
    the row to the partition of its year, keeping its id), in the same transaction, so the
    INSERT finds it and no second row with the same code can appear.

    A batch where nothing changed costs the staging write and the join, and writes nothing.
    """

    def __init__(self, agency_id: int, now: dt.datetime) -> None:
        self.agency_id = agency_id
        self.vendor = connection.vendor
        self.stamp = adapter()(now)
        self.now = now
        quote = connection.ops.quote_name
        self.table = quote(Dossier._meta.db_table)
        self.columns = (*INSERT_COLUMNS, "created_at", "updated_at")
        self.names = ", ".join(quote(c) for c in self.columns)
        sets = ", ".join(
            f"{quote(c)} = excluded.{quote(c)}" for c in (*UPDATE_COLUMNS, "updated_at")
        )
        distinct = "IS DISTINCT FROM" if self.vendor == "postgresql" else "IS NOT"
        self.partitioned = is_partitioned(DOSSIERS)
        self.moved = ", ".join(
            f"{quote(c)} = s.{quote(c)}" for c in (*UPDATE_COLUMNS, "updated_at")
        )
        key = "agency_id, code, received_on" if self.partitioned else "agency_id, code"
        self.conflict = (
            f"ON CONFLICT ({key}) DO UPDATE SET {sets} "
            f"WHERE {self.table}.row_hash {distinct} excluded.row_hash"
        )
        stored = ", ".join(f"d.{quote(c)}" for c in ("id", "row_hash", *ROW_FIELDS, *COUNT_FIELDS))
        # Partitioned, a plain join makes PostgreSQL hash all the agency's dossiers of every
        # year (1 M stored rows: 0.86 s a batch instead of 0.10 s); a LATERAL lookup probes
        # each year's unique index in turn, stopping at the dossier found (0.10 s).
        stored_row = (
            f"LATERAL (SELECT * FROM {self.table} d WHERE d.agency_id = %s "  # noqa: S608
            "AND d.code = s.code LIMIT 1) d ON true"
            if self.partitioned
            else f"{self.table} d ON d.agency_id = %s AND d.code = s.code"
        )
        self.diff_sql = (
            f"SELECT s.code, {stored} FROM dossier_stage s LEFT JOIN {stored_row} "  # noqa: S608
            f"WHERE d.id IS NULL OR d.row_hash {distinct} s.row_hash"
        )
        self._types: list[int] | None = None
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # The dossier table's columns without its constraints (no id, no checks).
                cursor.execute("DROP TABLE IF EXISTS pg_temp.dossier_stage")
                cursor.execute(
                    f"CREATE TEMPORARY TABLE dossier_stage AS SELECT {self.names} "  # noqa: S608
                    f"FROM {self.table} WHERE false"
                )
            else:
                cursor.execute("DROP TABLE IF EXISTS temp.dossier_stage")
                cursor.execute(
                    "CREATE TEMPORARY TABLE dossier_stage (code TEXT PRIMARY KEY, row_hash INTEGER)"
                )

    def close(self) -> None:
        """Drop the staging table (it would go with the session anyway)."""
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("DROP TABLE IF EXISTS pg_temp.dossier_stage")
            else:
                cursor.execute("DROP TABLE IF EXISTS temp.dossier_stage")

    def diff(self, rows: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
        """Stage the batch; {code: (code, id, row_hash, *ROW_FIELDS, *COUNT_FIELDS)} of the rows
        that are new (id None) or whose digest differs from the stored one."""
        connection.ensure_connection()
        raw = connection.connection
        if self.vendor == "postgresql":
            pick = itemgetter(*INSERT_COLUMNS)
            stamps = (self.stamp, self.stamp)
            sql = f"COPY dossier_stage ({self.names}) FROM STDIN (FORMAT BINARY)"
            with raw.cursor() as cursor:
                cursor.execute("TRUNCATE dossier_stage")
                if self._types is None:
                    self._types = _column_types(cursor, Dossier._meta.db_table, self.columns)
                with cursor.copy(sql) as copy:
                    copy.set_types(self._types)
                    for row in rows:
                        copy.write_row(pick(row) + stamps)
        else:
            cursor = raw.cursor()
            try:
                cursor.execute("DELETE FROM temp.dossier_stage")
                cursor.executemany(
                    "INSERT INTO temp.dossier_stage (code, row_hash) VALUES (?, ?)",
                    [(row["code"], row["row_hash"]) for row in rows],
                )
            finally:
                cursor.close()
        with connection.cursor() as cursor:
            cursor.execute(self.diff_sql, [self.agency_id])
            return {found[0]: found for found in cursor.fetchall()}

    def write(self, rows: list[dict[str, Any]]) -> None:
        """Insert the new rows and update the changed ones of the batch just staged."""
        if not rows:
            return
        codes = [row["code"] for row in rows]
        with connection.cursor() as cursor:
            if self.partitioned:
                # The whole row, so the INSERT below finds it unchanged and writes it once.
                cursor.execute(
                    f"UPDATE {self.table} d SET {self.moved} "  # noqa: S608
                    "FROM dossier_stage s WHERE d.agency_id = %s AND d.code = s.code "
                    "AND s.code = ANY(%s) AND d.received_on <> s.received_on",
                    [self.agency_id, codes],
                )
            if self.vendor == "postgresql":
                cursor.execute(
                    f"INSERT INTO {self.table} ({self.names}) "  # noqa: S608
                    f"SELECT {self.names} FROM dossier_stage WHERE code = ANY(%s) {self.conflict}",
                    [codes],
                )
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {self.table} ({self.names}) VALUES ({marks}) {self.conflict}",  # noqa: S608
                    _sqlite_values(rows, self.stamp),
                )
