"""Dossier figures (docs/formats.md §6), added up in the database from DossierCount.

:func:`dossier_figures` is the one function behind ``parindex dossier_kpis``, the API and the
dashboard; it reads the counts the import keeps per day and month (models.DossierCount), so
its time depends on the days and groups of a period, not on how many dossiers there are; :func:`metric_filter` gives the filter behind each number, so every number drills
down to exactly the dossiers it counts. Definitions, for a period [D1, D2] of local dates:

* only *counted* dossiers (status not 1 and not 3) appear anywhere;
* ``received``: received date in the period (split by channel 1/2/3);
* ``resolved``: end date (``ended_on``) in the period; ``late`` if end > due (to the second)
  or more than one supplement request; otherwise ``early`` if the end's date is before the
  due's date, else ``on_time`` (ended on the due day, at or before the due moment);
* ``pending``: received on or before D2 and not ended by the end of D2 (no end, or an end
  date after D2); ``pending_overdue``: of those, due date on or before D2;
* ``fee_payable``: received dossiers whose procedure has a fee above 0 (the catalogue's fee as
  it is now); ``paid_online``: received dossiers marked paid online (value 1/``có``);
  ``paid_online_share`` = paid_online ÷ fee_payable.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q, QuerySet, Sum

from parindex.dossiers.choices import CHANNEL_KEYS, Channel, OnlineLevel, OnlinePayment, Outcome
from parindex.dossiers.models import Dossier, DossierCount, Procedure
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
    "fee_payable",
    "paid_online",
)
RATES = ("online_share", "resolved_online_share", "on_time_rate", "paid_online_share")
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
        "fee_payable": received & Q(procedure__fee__gt=0),
        "paid_online": received & Q(online_payment=OnlinePayment.YES),
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
    row["paid_online_share"] = _ratio(row["paid_online"], row["fee_payable"])
    return row


_RECEIVED_BY_CHANNEL = {
    Channel.DIRECT: "received_direct",
    Channel.ONLINE: "received_online",
    Channel.POSTAL: "received_postal",
}


def _zeros() -> dict[str, int]:
    return dict.fromkeys(COUNTS, 0)


_DAY, _MONTH = DossierCount.Grain.DAY, DossierCount.Grain.MONTH
_EPOCH = dt.date(1, 1, 1)
_ONE_DAY = dt.timedelta(days=1)
#: Sums over DossierCount rows: what happened in a period, and what is still open at its end.
_PERIOD_SUMS = {
    "r": Sum("received"),
    # The procedure's fee as the catalogue has it now: a fee changed later changes the figure.
    "f": Sum("received", filter=Q(procedure__fee__gt=0)),
    "p": Sum("paid_online"),
    "e": Sum("early"),
    "o": Sum("on_time"),
    "l": Sum("late"),
}
_OPEN_SUMS = {
    "open": Sum(F("received") - F("early") - F("on_time") - F("late")),
    "overdue": Sum(F("due") - F("closed_due")),
}


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _cover(d1: dt.date, d2: dt.date) -> Q:
    """The DossierCount rows that make up the days [d1, d2] exactly once: month rows for the
    whole months inside, day rows for the days before and after them."""
    first_full = d1 if d1.day == 1 else _next_month(d1)
    last_full_end = d2 if (d2 + _ONE_DAY).day == 1 else d2.replace(day=1) - _ONE_DAY
    if first_full > last_full_end:
        return Q(grain=_DAY, day__gte=d1, day__lte=d2)
    cover = Q(grain=_MONTH, day__gte=first_full, day__lte=last_full_end.replace(day=1))
    if d1 < first_full:
        cover |= Q(grain=_DAY, day__gte=d1, day__lt=first_full)
    if last_full_end < d2:
        cover |= Q(grain=_DAY, day__gt=last_full_end, day__lte=d2)
    return cover


def _add_period(counts: dict[str, int], row: dict[str, Any]) -> None:
    received = row["r"] or 0
    ended = (row["e"] or 0) + (row["o"] or 0) + (row["l"] or 0)
    counts["received"] += received
    counts[_RECEIVED_BY_CHANNEL[row["channel"]]] += received
    counts["resolved"] += ended
    if row["channel"] == Channel.ONLINE:
        counts["resolved_online"] += ended
    counts["early"] += row["e"] or 0
    counts["on_time"] += row["o"] or 0
    counts["late"] += row["l"] or 0
    counts["fee_payable"] += row["f"] or 0
    counts["paid_online"] += row["p"] or 0


def _counts_by(
    base: QuerySet[DossierCount], d1: dt.date, d2: dt.date, field: str | None
) -> dict[Any, dict[str, int]]:
    """{group value (None without grouping): counts of COUNTS} over [d1, d2].

    Two queries: the period's rows by channel, and every row up to d2 for what is still open.
    """
    out: dict[Any, dict[str, int]] = defaultdict(_zeros)
    group = [field] if field else []
    period = base.filter(_cover(d1, d2)).values(*group, "channel").annotate(**_PERIOD_SUMS)
    for row in period.order_by():
        _add_period(out[row[field] if field else None], row)
    up_to_end = base.filter(_cover(_EPOCH, d2))
    if field:
        rows = [
            (row[field], row["open"], row["overdue"])
            for row in up_to_end.values(field).annotate(**_OPEN_SUMS).order_by()
        ]
    else:
        row = up_to_end.aggregate(**_OPEN_SUMS)
        rows = [(None, row["open"], row["overdue"])]
    for value, pending, overdue in rows:
        if pending:
            out[value]["pending"] += pending
            out[value]["pending_overdue"] += overdue or 0
    return out


def _counts_by_month(
    base: QuerySet[DossierCount], d1: dt.date, d2: dt.date, months: list[tuple[dt.date, dt.date]]
) -> dict[dt.date, dict[str, int]]:
    """{first day of each month part: counts} — pending counted at each part's end."""
    out: dict[dt.date, dict[str, int]] = defaultdict(_zeros)
    period = base.filter(_cover(d1, d2)).values("day", "channel").annotate(**_PERIOD_SUMS)
    for row in period.order_by():
        _add_period(out[row["day"].replace(day=1)], row)
    # Open at each part's end: what was open before the first month, plus each month's net
    # change (whole months; the last one only up to d2, where a part ends).
    first = months[0][0].replace(day=1)
    before = {"open": 0, "overdue": 0}
    if first > _EPOCH:
        before = base.filter(_cover(_EPOCH, first - _ONE_DAY)).aggregate(**_OPEN_SUMS)
    change: dict[dt.date, tuple[int, int]] = defaultdict(lambda: (0, 0))
    rows = base.filter(_cover(first, d2)).values("day").annotate(**_OPEN_SUMS).order_by()
    for row in rows:
        month = row["day"].replace(day=1)
        opened, overdue = change[month]
        change[month] = (opened + (row["open"] or 0), overdue + (row["overdue"] or 0))
    pending, overdue = before["open"] or 0, before["overdue"] or 0
    for start, _end in months:
        month = start.replace(day=1)
        pending += change[month][0]
        overdue += change[month][1]
        out[month]["pending"] += pending
        out[month]["pending_overdue"] += overdue
    return out


def months_of(d1: dt.date, d2: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Each month meeting [d1, d2], as the part of [d1, d2] inside it."""
    months = []
    start = d1
    while start <= d2:
        following = _next_month(start)
        end = min(d2, following - _ONE_DAY)
        months.append((start, end))
        start = following
    return months


def counted_dossiers(agency: Agency, *, units: Iterable[int] | None = None) -> QuerySet[Dossier]:
    """The agency's counted dossiers, narrowed to ``units`` (ids) when given."""
    qs = Dossier.objects.filter(agency=agency, counted=True)
    if units is not None:
        qs = qs.filter(unit_id__in=list(units))
    return qs


def _counts(
    agency: Agency, units: Iterable[int] | None, procedure: Procedure | None
) -> QuerySet[DossierCount]:
    """The agency's counts, narrowed to ``units`` (ids) and to one procedure when given."""
    qs = DossierCount.objects.filter(agency=agency)
    if units is not None:
        qs = qs.filter(unit_key__in=list(units))
    if procedure is not None:
        qs = qs.filter(procedure=procedure)
    return qs


def dossier_figures(
    agency: Agency,
    d1: dt.date,
    d2: dt.date,
    *,
    by: str | None = None,
    units: Iterable[int] | None = None,
    procedure: Procedure | None = None,
) -> dict[str, Any]:
    """The docs/formats.md §6 document for the agency (or only ``units``, or one procedure) over
    [d1, d2]."""
    if d2 < d1:
        raise ValueError("the period ends before it starts")
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    base = _counts(agency, units, procedure)
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
) -> list[dict[str, Any]]:
    """Only the ``groups`` of :func:`dossier_figures` for ``unit``/``procedure``/``channel``."""
    return _grouped(_counts(agency, units, None), by, d1, d2)


def _grouped(
    base: QuerySet[DossierCount], by: str, d1: dt.date, d2: dt.date
) -> list[dict[str, Any]]:
    field = {"unit": "unit_key", "procedure": "procedure_id", "channel": "channel"}[by]
    counts = _counts_by(base, d1, d2, field)
    if by == "unit":
        # Unit key 0: dossiers without a unit, shown as a group with no code.
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
    """High-volume procedures and online procedures that got no online dossier (docs/formats.md §6).

    Counted from DossierCount (one grouped query), then matched to the catalogue.
    """
    received = (
        _counts(agency, units, None)
        .filter(_cover(d1, d2))
        .values("procedure_id", "channel")
        .annotate(n=Sum("received"))
        .order_by()
    )
    totals: dict[int, int] = defaultdict(int)
    with_online: set[int] = set()
    for row in received:
        if not row["n"]:
            continue
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


def period_figures_by_agency(agency_ids: list[int], d1: dt.date, d2: dt.date) -> dict[int, dict]:
    """agency id → the docs/formats.md §6 counts and rates of what happened in [d1, d2], for
    many agencies in one grouped read of their month and day rows (the province page). No
    pending figure: it would read every row since the first year."""
    if not agency_ids:
        return {}
    out: dict[int, dict[str, int]] = {}
    period = (
        DossierCount.objects.filter(agency_id__in=agency_ids)
        .filter(_cover(d1, d2))
        .values("agency", "channel")
        .annotate(**_PERIOD_SUMS)
        .order_by()
    )
    for row in period:
        _add_period(out.setdefault(row["agency"], _zeros()), row)
    return {key: _with_rates(counts) for key, counts in out.items()}
