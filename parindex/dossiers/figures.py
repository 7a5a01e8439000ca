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
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from parindex.dossiers.choices import CHANNEL_KEYS, Channel, OnlineLevel
from parindex.dossiers.models import Dossier, Procedure
from parindex.org.models import Agency

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
    late = Q(ended_at__gt=F("due_at")) | Q(supplement_count__gt=1)
    in_time = Q(ended_at__lte=F("due_at"), supplement_count__lte=1)
    pending = Q(received_on__lte=d2) & (Q(ended_on__isnull=True) | Q(ended_on__gt=d2))
    filters = {
        "received": received,
        "received_online": received & Q(channel=Channel.ONLINE),
        "received_direct": received & Q(channel=Channel.DIRECT),
        "received_postal": received & Q(channel=Channel.POSTAL),
        "resolved": resolved,
        "resolved_online": resolved & Q(channel=Channel.ONLINE),
        "early": resolved & in_time & Q(ended_on__lt=F("due_on")),
        "on_time": resolved & in_time & Q(ended_on__gte=F("due_on")),
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


def _relevant(d1: dt.date, d2: dt.date) -> Q:
    """Dossiers that can count in any metric of [d1, d2] (uses the received/ended indexes)."""
    return Q(received_on__lte=d2) & (
        Q(received_on__gte=d1) | Q(ended_on__gte=d1) | Q(ended_on__isnull=True)
    )


def _aggregates(d1: dt.date, d2: dt.date, prefix: str = "") -> dict[str, Count]:
    return {f"{prefix}{name}": Count("pk", filter=metric_filter(name, d1, d2)) for name in COUNTS}


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _row(counts: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    row = {name: int(counts.get(f"{prefix}{name}") or 0) for name in COUNTS}
    row["online_share"] = _ratio(row["received_online"], row["received"])
    row["resolved_online_share"] = _ratio(row["resolved_online"], row["resolved"])
    row["on_time_rate"] = _ratio(row["early"] + row["on_time"], row["resolved"])
    return row


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
    base = counted_dossiers(agency, units=units, **filters).filter(_relevant(d1, d2))
    groups: list[dict[str, Any]] = []
    if by == "month":
        months = months_of(d1, d2)
        aggregates = _aggregates(d1, d2, "t_")
        for index, (start, end) in enumerate(months):
            aggregates.update(_aggregates(start, end, f"m{index}_"))
        counts = base.aggregate(**aggregates)
        total = _row(counts, "t_")
        for index, (start, _end) in enumerate(months):
            groups.append(
                {
                    "key": start.strftime("%Y-%m"),
                    "label": start.strftime("%m/%Y"),
                    **_row(counts, f"m{index}_"),
                }
            )
    else:
        total = _row(base.aggregate(**_aggregates(d1, d2)))
        if by is not None:
            groups = _grouped(base, by, d1, d2)
    return {
        "agency": agency.code,
        "from": d1.isoformat(),
        "to": d2.isoformat(),
        "by": by,
        "total": total,
        "groups": groups,
    }


def _grouped(base: QuerySet[Dossier], by: str, d1: dt.date, d2: dt.date) -> list[dict[str, Any]]:
    fields = {
        "unit": ("unit__code", "unit__name"),
        "procedure": ("procedure__code", "procedure__name"),
        "channel": ("channel",),
    }[by]
    rows = base.values(*fields).annotate(**_aggregates(d1, d2)).order_by(*fields)
    groups = []
    for counts in rows:
        row = _row(counts)
        if not (row["received"] or row["resolved"] or row["pending"]):
            continue
        if by == "channel":
            key = CHANNEL_KEYS.get(counts["channel"], str(counts["channel"]))
            label = str(Channel(counts["channel"]).label)
        else:
            key = counts[fields[0]] or ""
            label = counts[fields[1]] or ""
        groups.append({"key": key, "label": label, **row})
    if by == "channel":
        order = list(CHANNEL_KEYS.values())
        groups.sort(key=lambda g: order.index(g["key"]) if g["key"] in order else 99)
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
    """High-volume procedures and online procedures that got no online dossier (FORMATS §6)."""
    received = Q(
        dossiers__counted=True, dossiers__received_on__gte=d1, dossiers__received_on__lte=d2
    )
    if units is not None:
        received &= Q(dossiers__unit_id__in=list(units))
    procedures = Procedure.objects.filter(agency=agency)
    high = (
        procedures.annotate(received=Count("dossiers", filter=received))
        .filter(received__gt=0)
        .order_by("-received", "code")
        .values("code", "name", "received")[: max(top, 0)]
    )
    online = (
        procedures.filter(online_level__in=[OnlineLevel.FULL, OnlineLevel.PARTIAL], is_active=True)
        .annotate(online=Count("dossiers", filter=received & Q(dossiers__channel=Channel.ONLINE)))
        .filter(online=0)
        .order_by("code")
        .values("code", "name", "online_level")
    )
    if units is not None:
        online = online.filter(unit_id__in=list(units))
    return {
        "high_volume": [dict(row) for row in high],
        "online_without_dossiers": [
            {
                "code": row["code"],
                "name": row["name"],
                "online_level": ONLINE_LEVEL_NAMES[row["online_level"]],
            }
            for row in online
        ],
    }
