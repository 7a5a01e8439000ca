"""Figures of the work plan other apps read (the reports): JSON-safe dicts, never scoped to a
viewer (the caller decides who sees the report). The definitions are those of `selectors`:
the on-time rate is `selectors.on_time_rate`, the coverage `selectors.initiative_coverage`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from parindex.org.models import Agency, Unit
from parindex.workplan.choices import OPEN_STATUSES, TaskStatus
from parindex.workplan.models import Initiative, Task
from parindex.workplan.models import today as local_today
from parindex.workplan.selectors import (
    done_late_q,
    done_on_time_q,
    initiative_coverage,
    on_time_rate,
    overdue_q,
)

#: At most this many upcoming tasks are listed as the next period's tasks.
NEXT_PERIOD_LIMIT = 30


def _counts(on: dt.date) -> dict[str, Any]:
    return {
        "total": Count("pk"),
        "completed": Count("pk", filter=Q(status=TaskStatus.DONE)),
        "completed_on_time": Count("pk", filter=done_on_time_q()),
        "completed_late": Count("pk", filter=done_late_q()),
        "open": Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        "overdue": Count("pk", filter=overdue_q(on)),
    }


def task_figures(
    agency: Agency, start: dt.date, end: dt.date, *, on: dt.date | None = None
) -> dict[str, Any] | None:
    """The agency's tasks due in [start, end] (cancelled ones left out), judged on `on` (today).

    total, completed (= completed_on_time + completed_late), open, overdue (open and due before
    `on`), on_time_rate (`selectors.on_time_rate`: done on time ÷ (done + overdue), or None);
    by_unit: the same counts per lead unit (units with a task due, by code); next_period: the
    open tasks due in the period of the same length after `end` (at most 30, by due date).
    None when the agency has no task at all.
    """
    on = on or local_today()
    tasks = Task.objects.filter(agency=agency).exclude(status=TaskStatus.CANCELLED)
    if not tasks.exists():
        return None
    due = tasks.filter(due_date__gte=start, due_date__lte=end)
    totals = due.aggregate(**_counts(on))
    units = dict(Unit.objects.filter(agency=agency).values_list("code", "name"))
    by_unit = [
        {
            "unit": row["lead_unit__code"],
            "label": units.get(row["lead_unit__code"], row["lead_unit__code"]),
            "total": row["total"],
            "completed": row["completed"],
            "completed_on_time": row["completed_on_time"],
            "overdue": row["overdue"],
        }
        for row in due.values("lead_unit__code").annotate(**_counts(on)).order_by("lead_unit__code")
    ]
    horizon = end + (end - start) + dt.timedelta(days=1)
    upcoming = (
        tasks.filter(status__in=OPEN_STATUSES, due_date__gt=end, due_date__lte=horizon)
        .select_related("lead_unit")
        .order_by("due_date", "lead_unit__code", "id")[:NEXT_PERIOD_LIMIT]
    )
    return {
        **totals,
        "on_time_rate": on_time_rate(agency, None, (start, end), on=on),
        "by_unit": by_unit,
        "next_period": [
            {"title": t.title, "unit": t.lead_unit.code, "due": t.due_date.isoformat()}
            for t in upcoming
        ],
    }


def initiative_figures(agency: Agency, year: int) -> dict[str, Any]:
    """Initiative coverage for the reports, from `selectors.initiative_coverage`:
    units_total = units that must register (active, not exempted), units_with_initiative =
    those of them that registered one, coverage = their ratio (None when no unit must), and the
    year's initiatives (title, unit code, status code) by unit."""
    coverage = initiative_coverage(agency, year)
    initiatives = (
        Initiative.objects.filter(agency=agency, year=year)
        .select_related("unit")
        .order_by("unit__code")
    )
    return {
        "year": year,
        "units_total": len(coverage.required),
        "units_with_initiative": len(coverage.registered),
        "coverage": coverage.rate,
        "initiatives": [
            {"title": i.title, "unit": i.unit.code, "status": i.status} for i in initiatives
        ],
    }
