"""What happens in other apps when a report is issued.

`notice_issued(run)` turns each assignment of an issued conclusions notice (one conclusion × one
unit) into a tracked task of the workplan app, and returns the assignments (shown on the notice).

The workplan app offers:

    parindex.workplan.services.task_create_from_notice(
        *, actor, agency, unit, title, due_date, source, note, year
    ) -> Task
        actor: the user issuing the notice (None for the system); agency: Agency;
        unit: Unit (of that agency); title: str (the conclusion text, ≤ 500 chars);
        due_date: datetime.date or None; source: str, the notice's reference
        ("12/TB-SKHCN ngày 05/02/2026, kết luận 3"); note: str (the full conclusion);
        year: int, the notice's year (the year its number belongs to): the task goes into
        that year's plan of notice tasks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from parindex.org.models import Unit
from parindex.workplan.services import task_create_from_notice


def assignments_for(run: Any) -> list[dict[str, Any]]:
    """One row per (conclusion, unit): number, text, unit code, deadline (ISO or None)."""
    rows = []
    for number, item in enumerate(run.conclusions or [], start=1):
        for unit_code in item.get("units") or []:
            rows.append(
                {
                    "number": number,
                    "text": item.get("text", ""),
                    "unit": unit_code,
                    "deadline": item.get("deadline") or None,
                }
            )
    return rows


def create_tracked_task(*, run: Any, actor: Any, assignment: dict[str, Any]) -> Any:
    """Hand one assignment to the workplan app as a tracked task."""
    unit = Unit.objects.get(agency=run.agency, code=assignment["unit"])
    deadline = assignment["deadline"]
    reference = run.reference
    if run.issued_on:
        reference = f"{reference} ngày {run.issued_on:%d/%m/%Y}"
    return task_create_from_notice(
        actor=actor,
        agency=run.agency,
        unit=unit,
        title=assignment["text"][:500],
        due_date=dt.date.fromisoformat(deadline) if deadline else None,
        source=f"{reference}, kết luận {assignment['number']}",
        note=assignment["text"],
        year=run.number_year or (run.issued_on.year if run.issued_on else run.period_start.year),
    )


def notice_issued(run: Any, *, actor: Any = None) -> list[dict[str, Any]]:
    """Called inside the issuing transaction; returns the assignments it handed on."""
    assignments = assignments_for(run)
    for assignment in assignments:
        create_tracked_task(run=run, actor=actor, assignment=assignment)
    return assignments
