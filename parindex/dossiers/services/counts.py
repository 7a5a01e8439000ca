"""Keeping DossierCount in step with the dossiers.

Every writer of dossiers (the import, the API push, the demo) describes what it wrote to a
:class:`CountChanges` — the dossier's counted columns before and after — and applies it in the
same transaction: one upsert per touched (day, unit, procedure, channel) that adds the
differences, for the day rows and the month rows. :func:`dossier_counts_rebuild` recomputes an
agency's rows from its dossiers in SQL: after an agency's first load (faster than key by key),
after a bulk load that bypassed the import, or to repair.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from parindex.dossiers.choices import OnlinePayment, Outcome
from parindex.dossiers.models import Dossier, DossierCount

#: What a dossier's contribution to the counts depends on, in this order.
COUNT_FIELDS = (
    "counted",
    "received_on",
    "due_on",
    "ended_on",
    "outcome",
    "unit_id",
    "procedure_id",
    "channel",
    "online_payment",
)
#: The count columns, in the order of a change vector.
COLUMNS = ("received", "early", "on_time", "late", "due", "closed_due", "paid_online")
_RECEIVED, _DUE, _CLOSED_DUE, _PAID_ONLINE = 0, 4, 5, 6
_ENDED = {Outcome.EARLY: 1, Outcome.ON_TIME: 2, Outcome.LATE: 3}
_DAY, _MONTH = DossierCount.Grain.DAY, DossierCount.Grain.MONTH
#: Touched keys held in memory before they are written (a million dossiers over a thousand
#: days × many units, procedures and channels would otherwise hold ~200 MB).
APPLY_EVERY = 100_000
#: Rows written after which PostgreSQL gets fresh statistics of the table: planned as the
#: near-empty table it was, a figure query reads it whole.
ANALYZE_AFTER = 10_000


def _as_date(value: Any) -> dt.date | None:
    # A raw SELECT on SQLite may hand dates back as ISO text.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _zero() -> list[int]:
    return [0, 0, 0, 0, 0, 0, 0]


class CountChanges:
    """The differences a batch of dossier writes makes to the counts, applied at the end."""

    def __init__(self, agency_id: int) -> None:
        self.agency_id = agency_id
        self.days: defaultdict[tuple[dt.date, int, int, int], list[int]] = defaultdict(_zero)
        # A month row per key for the whole run: a few months × groups, written once.
        self.months: defaultdict[tuple[dt.date, int, int, int], list[int]] = defaultdict(_zero)
        self.decreased = False
        self.written = 0

    def add(self, values: tuple[Any, ...], sign: int = 1) -> None:
        """Count (sign 1) or uncount (sign -1) one dossier, given its COUNT_FIELDS values as
        stored (dates may come back as text)."""
        counted, received, due, ended, outcome, unit_id, procedure_id, channel, payment = values
        if counted:
            if sign < 0:
                self.decreased = True
            self._count(
                _as_date(received),
                _as_date(due),
                _as_date(ended),
                outcome,
                (unit_id or 0, procedure_id, channel),
                sign,
                payment == OnlinePayment.YES,
            )

    def add_row(self, row: dict[str, Any]) -> None:
        """Count one dossier about to be written (a dict holding COUNT_FIELDS)."""
        if row["counted"]:
            self._count(
                row["received_on"],
                row["due_on"],
                row["ended_on"],
                row["outcome"],
                (row["unit_id"] or 0, row["procedure_id"], row["channel"]),
                1,
                row["online_payment"] == OnlinePayment.YES,
            )

    def _count(
        self,
        received: dt.date,
        due: dt.date,
        ended: dt.date | None,
        outcome: int,
        rest: tuple[int, int, int],
        sign: int,
        paid_online: bool,
    ) -> None:
        days = self.days
        at_reception = days[(received, *rest)]
        at_reception[_RECEIVED] += sign
        if paid_online:
            at_reception[_PAID_ONLINE] += sign
        days[(due, *rest)][_DUE] += sign
        if ended is not None:
            days[(ended, *rest)][_ENDED[outcome]] += sign
            days[(max(due, ended), *rest)][_CLOSED_DUE] += sign

    def __len__(self) -> int:
        return len(self.days)

    def apply(self) -> None:
        """Write the day rows gathered so far (and fold them into the month rows, which
        :meth:`finish` writes once). Callable as often as memory asks: the upsert adds up."""
        months = self.months
        rows = []
        for key, change in self.days.items():
            if not any(change):
                continue
            rows.append((_DAY, *key, change))
            month = months[(key[0].replace(day=1), *key[1:])]
            for index, value in enumerate(change):
                month[index] += value
        self.days.clear()
        if rows:
            _upsert(self.agency_id, rows)
            self.written += len(rows)

    def finish(self) -> None:
        """Write what is left, the month rows, and drop the rows that fell to zero."""
        self.apply()
        rows = [(_MONTH, *key, change) for key, change in self.months.items() if any(change)]
        self.months.clear()
        if rows:
            _upsert(self.agency_id, rows)
            self.written += len(rows)
        if self.written >= ANALYZE_AFTER:
            _analyze()
        if self.decreased:
            DossierCount.objects.filter(
                agency_id=self.agency_id,
                received=0,
                early=0,
                on_time=0,
                late=0,
                due=0,
                closed_due=0,
                paid_online=0,
            ).delete()
            self.decreased = False


#: Keys per upsert statement.
UPSERT_ROWS = 20_000


def _upsert(agency_id: int, rows: list[tuple[Any, ...]]) -> None:
    """Add the changes to the stored rows: INSERT … ON CONFLICT DO UPDATE adding up.

    PostgreSQL takes each column as one array (``unnest``): one statement per UPSERT_ROWS keys
    instead of a round trip per key (minutes for a million keys). SQLite has no arrays and no
    round trips: a plain executemany.
    """
    quote = connection.ops.quote_name
    table = quote(DossierCount._meta.db_table)
    keys = ("agency_id", "grain", "day", "unit_key", "procedure_id", "channel")
    names = ", ".join(quote(c) for c in (*keys, *COLUMNS))
    sets = ", ".join(f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in COLUMNS)
    conflict = f"ON CONFLICT ({', '.join(quote(c) for c in keys)}) DO UPDATE SET {sets}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            types = ("int", "smallint", "date", "int", "int", "smallint", *["int"] * len(COLUMNS))
            arrays = ", ".join(f"%s::{kind}[]" for kind in types)
            sql = f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) {conflict}"  # noqa: S608
            for start in range(0, len(rows), UPSERT_ROWS):
                chunk = rows[start : start + UPSERT_ROWS]
                columns = [list(column) for column in zip(*map(_flat, chunk), strict=True)]
                cursor.execute(sql, [[agency_id] * len(chunk), *columns])
        else:
            marks = ", ".join(["%s"] * (len(keys) + len(COLUMNS)))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks}) {conflict}"  # noqa: S608
            for start in range(0, len(rows), UPSERT_ROWS):
                chunk = rows[start : start + UPSERT_ROWS]
                cursor.executemany(sql, [(agency_id, *_flat(row, iso=True)) for row in chunk])


def _flat(row: tuple[Any, ...], *, iso: bool = False) -> tuple[Any, ...]:
    grain, day, unit, procedure, channel, change = row
    return (grain, day.isoformat() if iso else day, unit, procedure, channel, *change)


def dossiers_counted(agency_id: int, dossiers: Iterable[Dossier]) -> None:
    """Add dossiers just written outside the import (the demo, tests) to the counts."""
    changes = CountChanges(agency_id)
    for dossier in dossiers:
        changes.add(tuple(getattr(dossier, name) for name in COUNT_FIELDS))
    changes.finish()


@contextmanager
def _small_sorter(cursor: Any) -> Iterator[None]:
    """On SQLite, GROUP BY sorts in as much memory as the page cache may hold: after an
    import's 128 MB cache (writes.large_cache) that would add as much again."""
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    size = cursor.fetchone()[0]
    cursor.execute("PRAGMA cache_size = -16384")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(size)}")


@transaction.atomic
def dossier_counts_rebuild(agency_id: int) -> int:
    """Recompute an agency's counts from its dossiers, in SQL; the number of dossiers read.

    The import uses it for an agency's first load: the database groups a million dossiers
    several times faster than Python can add them up key by key and upsert the keys.
    """
    DossierCount.objects.filter(agency_id=agency_id).delete()
    quote = connection.ops.quote_name
    counts = quote(DossierCount._meta.db_table)
    dossiers = quote(Dossier._meta.db_table)
    names = ", ".join(
        quote(c) for c in ("agency_id", "grain", "day", "unit_key", "procedure_id", "channel")
    )
    columns = ", ".join(quote(c) for c in COLUMNS)
    sums = ", ".join(f"SUM({quote(c)})" for c in COLUMNS)
    common = "COALESCE(unit_id, 0), procedure_id, channel"
    # The first SELECT of a UNION names the columns (SQLite has no column list on an alias).
    aliased = "COALESCE(unit_id, 0) AS unit_key, procedure_id, channel"
    where = f"FROM {dossiers} WHERE agency_id = %s AND counted = %s"
    ended = " AND ended_on IS NOT NULL"
    flags = ", ".join(
        f"CASE WHEN outcome = {int(value)} THEN 1 ELSE 0 END"
        for value in (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)
    )
    later = "CASE WHEN due_on > ended_on THEN due_on ELSE ended_on END"
    paid = f"CASE WHEN online_payment = {int(OnlinePayment.YES)} THEN 1 ELSE 0 END"
    parts = " UNION ALL ".join(
        (
            f"SELECT received_on AS day, {aliased}, 1 AS received, 0 AS early, 0 AS on_time, "
            f"0 AS late, 0 AS due, 0 AS closed_due, {paid} AS paid_online {where}",
            f"SELECT ended_on, {common}, 0, {flags}, 0, 0, 0 {where}{ended}",
            f"SELECT due_on, {common}, 0, 0, 0, 0, 1, 0, 0 {where}",
            f"SELECT {later}, {common}, 0, 0, 0, 0, 0, 1, 0 {where}{ended}",
        )
    )
    if connection.vendor == "postgresql":
        month = "CAST(date_trunc('month', day) AS date)"
    else:
        month = "date(day, 'start of month')"
    with connection.cursor() as cursor, _small_sorter(cursor):
        cursor.execute(f"SELECT COUNT(*) FROM {dossiers} WHERE agency_id = %s", [agency_id])  # noqa: S608
        read = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {counts} ({names}, {columns}) "  # noqa: S608
            f"SELECT %s, {int(_DAY)}, day, unit_key, procedure_id, channel, {sums} "
            f"FROM ({parts}) AS parts "
            "GROUP BY day, unit_key, procedure_id, channel",
            [agency_id, *[agency_id, True] * 4],
        )
        cursor.execute(
            f"INSERT INTO {counts} ({names}, {columns}) "  # noqa: S608
            f"SELECT agency_id, {int(_MONTH)}, {month}, unit_key, procedure_id, channel, {sums} "
            f"FROM {counts} WHERE agency_id = %s AND grain = {int(_DAY)} "
            f"GROUP BY agency_id, {month}, unit_key, procedure_id, channel",
            [agency_id],
        )
    _analyze()
    return read


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(DossierCount._meta.db_table)}")
