"""Dossier figures (FORMATS §6), computed in the database with conditional aggregation.

:func:`dossier_figures` is the one function behind ``parindex dossier_kpis``, the API and the
dashboard; :func:`metric_filter` gives the filter behind each number, so every number drills
down to exactly the dossiers it counts. Definitions, for a period [D1, D2] of local dates:

* only *counted* dossiers (status not 1 and not 3) appear anywhere;
* ``received``: received date in the period (split by channel 1/2/3);
* ``resolved``: end date (``ended_on``) in the period; ``late`` if end > due (to the second)
  or more than one supplement request; otherwise ``early`` if the end's date is before the
  due's date, else ``on_time`` (ended on the due day, at or before the due moment);
* ``pending``: received on or before D2 and not ended by the end of D2 (no end, or an end
  date after D2); ``pending_overdue``: of those, due date on or before D2.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from parindex.dossiers.choices import CHANNEL_KEYS, Channel, OnlineLevel, Outcome
from parindex.dossiers.models import Dossier, Procedure
from parindex.org.models import Agency, Unit

COUNTS = (
    "received",
    "received_online",
    "received_direct",
    "received_postal",
    "resolved",
    "resolved_online",
    "early",
    "on_time",
    "late",
    "pending",
    "pending_overdue",
)
RATES = ("online_share", "resolved_online_share", "on_time_rate")
METRICS = COUNTS + RATES
GROUPINGS = ("unit", "procedure", "month", "channel")


def metric_filter(name: str, d1: dt.date, d2: dt.date) -> Q:
    """The condition a counted dossier meets to be counted in ``name`` for [d1, d2]."""
    received = Q(received_on__gte=d1, received_on__lte=d2)
    resolved = Q(ended_on__gte=d1, ended_on__lte=d2)
    late = Q(outcome=Outcome.LATE)
    in_time = Q(outcome__in=(Outcome.EARLY, Outcome.ON_TIME))
    pending = Q(received_on__lte=d2) & (Q(ended_on__isnull=True) | Q(ended_on__gt=d2))
    filters = {
        "received": received,
        "received_online": received & Q(channel=Channel.ONLINE),
        "received_direct": received & Q(channel=Channel.DIRECT),
        "received_postal": received & Q(channel=Channel.POSTAL),
        "resolved": resolved,
        "resolved_online": resolved & Q(channel=Channel.ONLINE),
        "early": resolved & Q(outcome=Outcome.EARLY),
        "on_time": resolved & Q(outcome=Outcome.ON_TIME),
        "late": resolved & late,
        # Both "early" and "on time" for the on-time rate's drill-down.
        "in_time": resolved & in_time,
        "pending": pending,
        "pending_overdue": pending & Q(due_on__lte=d2),
        "pending_in_time": pending & Q(due_on__gt=d2),
    }
    if name not in filters:
        raise ValueError(f"unknown metric {name!r}")
    return filters[name]


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _with_rates(counts: dict[str, int]) -> dict[str, Any]:
    row: dict[str, Any] = {name: int(counts.get(name) or 0) for name in COUNTS}
    row["online_share"] = _ratio(row["received_online"], row["received"])
    row["resolved_online_share"] = _ratio(row["resolved_online"], row["resolved"])
    row["on_time_rate"] = _ratio(row["early"] + row["on_time"], row["resolved"])
    return row


_RECEIVED_BY_CHANNEL = {
    Channel.DIRECT: "received_direct",
    Channel.ONLINE: "received_online",
    Channel.POSTAL: "received_postal",
}


_OUTCOME_KEYS = {Outcome.EARLY: "early", Outcome.ON_TIME: "on_time", Outcome.LATE: "late"}


def _zeros() -> dict[str, int]:
    return dict.fromkeys(COUNTS, 0)


def _add_received(
    out: dict[Any, dict[str, int]], rows: Iterable[dict[str, Any]], key: str | None
) -> None:
    for row in rows:
        counts = out[row[key] if key else None]
        counts["received"] += row["n"]
        counts[_RECEIVED_BY_CHANNEL[row["channel"]]] += row["n"]


def _add_resolved(
    out: dict[Any, dict[str, int]], rows: Iterable[dict[str, Any]], key: str | None
) -> None:
    for row in rows:
        counts = out[row[key] if key else None]
        counts["resolved"] += row["n"]
        if row["channel"] == Channel.ONLINE:
            counts["resolved_online"] += row["n"]
        counts[_OUTCOME_KEYS[row["outcome"]]] += row["n"]


# Three simple queries per figure set, each reading one index range: received in the period,
# ended in the period, and still open at the period end. Python only adds up their few
# grouped rows (groups × channels), never dossiers.
_RESOLVED_COUNTS = {"n": Count("pk")}


def _open_at(day: dt.date) -> Q:
    return Q(received_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def _counts_by(qs: QuerySet[Dossier], d1: dt.date, d2: dt.date, field: str | None):
    """{group value (None without grouping): counts of COUNTS} over [d1, d2]."""
    out: dict[Any, dict[str, int]] = defaultdict(_zeros)
    group = [field] if field else []
    received = (
        qs.filter(received_on__gte=d1, received_on__lte=d2)
        .values(*group, "channel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    _add_received(out, received, field)
    resolved = (
        qs.filter(ended_on__gte=d1, ended_on__lte=d2)
        .values(*group, "channel", "outcome")
        .annotate(**_RESOLVED_COUNTS)
        .order_by()
    )
    _add_resolved(out, resolved, field)
    overdue = Count("pk", filter=Q(due_on__lte=d2))
    if field:
        pending = qs.filter(_open_at(d2)).values(field).annotate(n=Count("pk"), overdue=overdue)
        rows = [(row[field], row["n"], row["overdue"]) for row in pending.order_by()]
    else:
        row = qs.filter(_open_at(d2)).aggregate(n=Count("pk"), overdue=overdue)
        rows = [(None, row["n"], row["overdue"])]
    for value, n, late in rows:
        if n:
            out[value]["pending"] += n
            out[value]["pending_overdue"] += late
    return out


def _by_month(rows: Iterable[dict[str, Any]], day_field: str) -> Iterable[dict[str, Any]]:
    for row in rows:
        row["month"] = row[day_field].replace(day=1)
        yield row


def _counts_by_month(
    qs: QuerySet[Dossier], d1: dt.date, d2: dt.date, months: list[tuple[dt.date, dt.date]]
):
    """{first day of each month part: counts} — pending counted at each part's end."""
    out: dict[Any, dict[str, int]] = defaultdict(_zeros)
    # Grouped by day (an index-ordered GROUP BY, at most a few rows a day), then by month;
    # truncating dates in SQL is a Python function per row on SQLite.
    received = (
        qs.filter(received_on__gte=d1, received_on__lte=d2)
        .values("received_on", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    _add_received(out, _by_month(received, "received_on"), "month")
    resolved = (
        qs.filter(ended_on__gte=d1, ended_on__lte=d2)
        .values("ended_on", "channel", "outcome")
        .annotate(**_RESOLVED_COUNTS)
        .order_by()
    )
    _add_resolved(out, _by_month(resolved, "ended_on"), "month")
    # A dossier open at some part's end was received by d2 and not ended by the first end.
    first_end = months[0][1]
    aggregates = {}
    for index, (_start, end) in enumerate(months):
        aggregates[f"p{index}"] = Count("pk", filter=_open_at(end))
        aggregates[f"o{index}"] = Count("pk", filter=_open_at(end) & Q(due_on__lte=end))
    open_rows = (
        qs.filter(received_on__lte=d2)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=first_end))
        .aggregate(**aggregates)
    )
    for index, (start, _end) in enumerate(months):
        month = start.replace(day=1)
        out[month]["pending"] += open_rows[f"p{index}"] or 0
        out[month]["pending_overdue"] += open_rows[f"o{index}"] or 0
    return out


def months_of(d1: dt.date, d2: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Each month meeting [d1, d2], as the part of [d1, d2] inside it."""
    months = []
    start = d1
    while start <= d2:
        following = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        end = min(d2, following - dt.timedelta(days=1))
        months.append((start, end))
        start = following
    return months


def counted_dossiers(
    agency: Agency, *, units: Iterable[int] | None = None, **filters: Any
) -> QuerySet[Dossier]:
    """The agency's counted dossiers, narrowed to ``units`` (ids) when given, and ``filters``."""
    qs = Dossier.objects.filter(agency=agency, counted=True, **filters)
    if units is not None:
        qs = qs.filter(unit_id__in=list(units))
    return qs


def dossier_figures(
    agency: Agency,
    d1: dt.date,
    d2: dt.date,
    *,
    by: str | None = None,
    units: Iterable[int] | None = None,
    **filters: Any,
) -> dict[str, Any]:
    """The FORMATS §6 document for the agency (or only ``units``) over [d1, d2]."""
    if d2 < d1:
        raise ValueError("the period ends before it starts")
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    base = counted_dossiers(agency, units=units, **filters)
    total = _with_rates(_counts_by(base, d1, d2, None).get(None) or _zeros())
    groups: list[dict[str, Any]] = []
    if by == "month":
        months = months_of(d1, d2)
        counts = _counts_by_month(base, d1, d2, months)
        for start, _end in months:
            groups.append(
                {
                    "key": start.strftime("%Y-%m"),
                    "label": start.strftime("%m/%Y"),
                    **_with_rates(counts.get(start.replace(day=1)) or _zeros()),
                }
            )
    elif by is not None:
        groups = _grouped(base, by, d1, d2)
    return {
        "agency": agency.code,
        "from": d1.isoformat(),
        "to": d2.isoformat(),
        "by": by,
        "total": total,
        "groups": groups,
    }


def figure_groups(
    agency: Agency,
    d1: dt.date,
    d2: dt.date,
    by: str,
    *,
    units: Iterable[int] | None = None,
    **filters: Any,
) -> list[dict[str, Any]]:
    """Only the ``groups`` of :func:`dossier_figures` for ``unit``/``procedure``/``channel``."""
    return _grouped(counted_dossiers(agency, units=units, **filters), by, d1, d2)


def _grouped(base: QuerySet[Dossier], by: str, d1: dt.date, d2: dt.date) -> list[dict[str, Any]]:
    field = {"unit": "unit_id", "procedure": "procedure_id", "channel": "channel"}[by]
    counts = _counts_by(base, d1, d2, field)
    if by == "unit":
        names = {
            u.pk: (u.code, u.name) for u in Unit.objects.filter(pk__in=[k for k in counts if k])
        }
    elif by == "procedure":
        names = {
            p.pk: (p.code, p.name)
            for p in Procedure.objects.filter(pk__in=list(counts)).only("code", "name")
        }
    else:
        names = {c: (CHANNEL_KEYS[Channel(c)], str(Channel(c).label)) for c in counts}
    groups = []
    for value, group_counts in counts.items():
        row = _with_rates(group_counts)
        if not (row["received"] or row["resolved"] or row["pending"]):
            continue
        key, label = names.get(value, ("", ""))
        groups.append({"key": key, "label": label, **row})
    if by == "channel":
        order = list(CHANNEL_KEYS.values())
        groups.sort(key=lambda g: order.index(g["key"]))
    else:
        groups.sort(key=lambda g: g["key"])
    return groups


ONLINE_LEVEL_NAMES = {OnlineLevel.FULL: "toàn trình", OnlineLevel.PARTIAL: "một phần"}


def procedure_review(
    agency: Agency,
    d1: dt.date,
    d2: dt.date,
    *,
    top: int = 10,
    units: Iterable[int] | None = None,
) -> dict[str, Any]:
    """High-volume procedures and online procedures that got no online dossier (FORMATS §6).

    Counted from the dossiers' side (one grouped query on the received-date index), then
    matched to the catalogue: no join over every dossier of every procedure.
    """
    received = (
        counted_dossiers(agency, units=units)
        .filter(received_on__gte=d1, received_on__lte=d2)
        .values("procedure_id", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals: dict[int, int] = defaultdict(int)
    with_online: set[int] = set()
    for row in received:
        totals[row["procedure_id"]] += row["n"]
        if row["channel"] == Channel.ONLINE:
            with_online.add(row["procedure_id"])
    catalogue = {
        p.pk: p
        for p in Procedure.objects.filter(agency=agency).only(
            "code", "name", "online_level", "is_active", "unit_id"
        )
    }
    ranked = sorted(
        (catalogue[pk] for pk in totals if pk in catalogue),
        key=lambda p: (-totals[p.pk], p.code),
    )
    unit_ids = set(units) if units is not None else None
    online = sorted(
        (
            p
            for p in catalogue.values()
            if p.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)
            and p.is_active
            and p.pk not in with_online
            and (unit_ids is None or p.unit_id in unit_ids)
        ),
        key=lambda p: p.code,
    )
    return {
        "high_volume": [
            {"code": p.code, "name": p.name, "received": totals[p.pk]}
            for p in ranked[: max(top, 0)]
        ],
        "online_without_dossiers": [
            {"code": p.code, "name": p.name, "online_level": ONLINE_LEVEL_NAMES[p.online_level]}
            for p in online
        ],
    }
