"""Keeping DossierCount in step with the dossiers.

Every writer of dossiers (the import, the API push, the demo) describes what it wrote to a
:class:`CountChanges` — the dossier's counted columns before and after — and applies it in the
same transaction: one upsert per touched (day, unit, procedure, channel) that adds the
differences, for the day rows and the month rows. :func:`dossier_counts_rebuild` recomputes an
agency's rows from its dossiers (after a bulk load that bypassed the import, or to repair).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from parindex.dossiers.choices import Outcome
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
)
#: The count columns, in the order of a change vector.
COLUMNS = ("received", "early", "on_time", "late", "due", "closed_due")
_RECEIVED, _DUE, _CLOSED_DUE = 0, 4, 5
_ENDED = {Outcome.EARLY: 1, Outcome.ON_TIME: 2, Outcome.LATE: 3}
_DAY, _MONTH = DossierCount.Grain.DAY, DossierCount.Grain.MONTH
#: Touched keys held in memory before they are written (a million dossiers over a thousand
#: days × many units, procedures and channels would otherwise hold ~200 MB).
APPLY_EVERY = 100_000


def _as_date(value: Any) -> dt.date | None:
    # A raw SELECT on SQLite may hand dates back as ISO text.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _zero() -> list[int]:
    return [0, 0, 0, 0, 0, 0]


class CountChanges:
    """The differences a batch of dossier writes makes to the counts, applied at the end."""

    def __init__(self, agency_id: int) -> None:
        self.agency_id = agency_id
        self.days: defaultdict[tuple[dt.date, int, int, int], list[int]] = defaultdict(_zero)
        # A month row per key for the whole run: a few months × groups, written once.
        self.months: defaultdict[tuple[dt.date, int, int, int], list[int]] = defaultdict(_zero)
        self.decreased = False

    def add(self, values: tuple[Any, ...], sign: int = 1) -> None:
        """Count (sign 1) or uncount (sign -1) one dossier, given its COUNT_FIELDS values as
        stored (dates may come back as text)."""
        counted, received, due, ended, outcome, unit_id, procedure_id, channel = values
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
            )

    def _count(
        self,
        received: dt.date,
        due: dt.date,
        ended: dt.date | None,
        outcome: int,
        rest: tuple[int, int, int],
        sign: int,
    ) -> None:
        days = self.days
        days[(received, *rest)][_RECEIVED] += sign
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

    def finish(self) -> None:
        """Write what is left, the month rows, and drop the rows that fell to zero."""
        self.apply()
        rows = [(_MONTH, *key, change) for key, change in self.months.items() if any(change)]
        self.months.clear()
        if rows:
            _upsert(self.agency_id, rows)
        if self.decreased:
            DossierCount.objects.filter(
                agency_id=self.agency_id,
                received=0,
                early=0,
                on_time=0,
                late=0,
                due=0,
                closed_due=0,
            ).delete()
            self.decreased = False


#: Rows per upsert statement (12 parameters each, well under SQLite's 32 766).
UPSERT_ROWS = 1000


def _upsert(agency_id: int, rows: list[tuple[Any, ...]]) -> None:
    """One multi-row INSERT … ON CONFLICT DO UPDATE per UPSERT_ROWS keys: an executemany of
    single rows costs a round trip per key on PostgreSQL (minutes for a million keys)."""
    quote = connection.ops.quote_name
    table = quote(DossierCount._meta.db_table)
    keys = ("agency_id", "grain", "day", "unit_key", "procedure_id", "channel")
    names = ", ".join(quote(c) for c in (*keys, *COLUMNS))
    row_marks = "(" + ", ".join(["%s"] * (len(keys) + len(COLUMNS))) + ")"
    sets = ", ".join(f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in COLUMNS)
    conflict = f"ON CONFLICT ({', '.join(quote(c) for c in keys)}) DO UPDATE SET {sets}"
    day = (lambda d: d.isoformat()) if connection.vendor == "sqlite" else (lambda d: d)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            params: list[Any] = []
            for grain, when, unit, procedure, channel, change in chunk:
                params.extend((agency_id, grain, day(when), unit, procedure, channel, *change))
            values = ", ".join([row_marks] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {values} {conflict}", params)  # noqa: S608


def dossiers_counted(agency_id: int, dossiers: Iterable[Dossier]) -> None:
    """Add dossiers just written outside the import (the demo, tests) to the counts."""
    changes = CountChanges(agency_id)
    for dossier in dossiers:
        changes.add(tuple(getattr(dossier, name) for name in COUNT_FIELDS))
    changes.finish()


@transaction.atomic
def dossier_counts_rebuild(agency_id: int) -> int:
    """Recompute an agency's counts from its dossiers; the number of dossiers read."""
    DossierCount.objects.filter(agency_id=agency_id).delete()
    changes = CountChanges(agency_id)
    read = 0
    rows = Dossier.objects.filter(agency_id=agency_id).values_list(*COUNT_FIELDS)
    for values in rows.iterator(chunk_size=5000):
        changes.add(values)
        read += 1
        if len(changes) >= APPLY_EVERY:
            changes.apply()
    changes.finish()
    return read
