"""The staffing figures (`parindex staffing_figures`): one function, shared by the command, the
API, the screens and the metrics. The definitions are in docs/people.md ("Figures").

Everything is read at ``as_of``: a person is counted while present (no leaving date, or one on
or after ``as_of``); a date after ``as_of`` has not happened yet.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.utils import timezone

from parindex.people.choices import PositionGroup
from parindex.people.models import DEFAULT_ROTATION_YEARS, Position, StaffMember, TrainingRecord
from parindex.people.ranks import rank_key

COUNT_KEYS = (
    "positions",
    "staff",
    "placed",
    "rank_match",
    "vacant",
    "leadership_vacant",
    "rotation_due",
    "training_planned",
    "training_done",
)
#: Every key of a figures row, in the order the JSON document shows them.
KEYS = (
    "positions",
    "staff",
    "placed",
    "rank_match",
    "rank_match_rate",
    "vacant",
    "leadership_vacant",
    "rotation_due",
    "training_planned",
    "training_done",
    "training_rate",
)


def default_as_of(year: int, today: dt.date | None = None) -> dt.date:
    """Today, or 31/12 of `year` when that is earlier."""
    today = today or timezone.localdate()
    return min(today, dt.date(year, 12, 31))


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` + `years` calendar years; 29/02 becomes 28/02 in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def rotation_due_on(placed_on: dt.date | None, years: int) -> dt.date | None:
    """The day a rotating person is due to move (None without a placement date)."""
    return add_years(placed_on, years) if placed_on else None


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    row["rank_match_rate"] = _ratio(row["rank_match"], row["placed"])
    row["training_rate"] = _ratio(row["training_done"], row["training_planned"])
    return {key: row[key] for key in KEYS}


def rank_matches(rank: str, required: list[str]) -> bool:
    """A rank matches its position's required ranks when it is one of them (or none is set)."""
    if not required:
        return True
    return bool(rank) and rank_key(rank) in {rank_key(r) for r in required}


def staffing_figures(
    agency: Any,
    year: int,
    *,
    as_of: dt.date | None = None,
    rotation_years: int | None = None,
    units: Any = None,
) -> dict[str, Any]:
    """The figures of `agency` for `year`, read at `as_of`, by responsible unit and in total.

    `rotation_years` applies to every rotating person when given; otherwise a position's own
    period, or 3 years. `units` (ids) narrows the groups and the total to those units.
    """
    as_of = as_of or default_as_of(year)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_KEYS, 0))
    positions = {
        p.pk: p
        for p in Position.objects.filter(agency=agency).only(
            "pk", "unit_id", "group", "required_ranks", "headcount", "rotation_years"
        )
    }
    holders: dict[int, int] = defaultdict(int)
    staff_unit: dict[int, int] = {}
    for member in StaffMember.objects.filter(agency=agency).only(
        "pk", "unit_id", "position_id", "rank", "placed_on", "must_rotate", "left_on"
    ):
        staff_unit[member.pk] = member.unit_id
        if not member.is_present(as_of):
            continue
        row = counts[member.unit_id]
        row["staff"] += 1
        position = positions.get(member.position_id) if member.position_id else None
        if position is not None:
            row["placed"] += 1
            holders[position.pk] += 1
            if rank_matches(member.rank, position.required_ranks):
                row["rank_match"] += 1
        if member.must_rotate and member.placed_on:
            years = rotation_years or (position and position.rotation_years)
            due = rotation_due_on(member.placed_on, years or DEFAULT_ROTATION_YEARS)
            if due <= as_of:
                row["rotation_due"] += 1
    for position in positions.values():
        row = counts[position.unit_id]
        row["positions"] += position.headcount
        gap = max(0, position.headcount - holders[position.pk])
        row["vacant"] += gap
        if position.group == PositionGroup.LEADERSHIP:
            row["leadership_vacant"] += gap
    for staff_id, completed_on in TrainingRecord.objects.filter(
        agency=agency, in_plan=True, plan_year=year
    ).values_list("staff_id", "completed_on"):
        row = counts[staff_unit[staff_id]]
        row["training_planned"] += 1
        if completed_on is not None and completed_on <= as_of:
            row["training_done"] += 1
    unit_rows = {u.pk: u for u in agency.units.all()}
    if units is not None:
        wanted = {getattr(u, "pk", u) for u in units}
        counts = defaultdict(
            lambda: dict.fromkeys(COUNT_KEYS, 0), {k: v for k, v in counts.items() if k in wanted}
        )
    total = dict.fromkeys(COUNT_KEYS, 0)
    groups = []
    for unit_id, row in counts.items():
        if not any(row.values()):
            continue
        for key in COUNT_KEYS:
            total[key] += row[key]
        unit = unit_rows[unit_id]
        groups.append({"key": unit.code, "label": unit.name, **_finish(dict(row))})
    groups.sort(key=lambda g: g["key"])
    return {
        "agency": agency.code,
        "year": year,
        "as_of": as_of.isoformat(),
        "total": _finish(total),
        "groups": groups,
    }
