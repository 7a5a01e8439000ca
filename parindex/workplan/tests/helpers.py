"""Builders of plans and tasks for the tests of every app that needs a work plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from parindex.workplan import services
from parindex.workplan.choices import PlanType
from parindex.workplan.models import Plan, Task


def make_plan(org: Any, *, year: int = 2026, **fields: Any) -> Plan:
    """A plan of org.agency made by the secretariat: a PAR annual plan "KH" unless told otherwise."""
    fields = {"code": "KH", "plan_type": PlanType.PAR_ANNUAL, "title": "Kế hoạch", **fields}
    return services.plan_create(actor=org.secretariat, agency=org.agency, year=year, **fields)


def make_task(org: Any, plan: Plan, title: str, unit: Any, due: dt.date, **fields: Any) -> Task:
    """A task of `plan` led by `unit`, made by the secretariat (status, done_at… as keywords)."""
    return services.task_create(
        actor=org.secretariat, plan=plan, title=title, lead_unit=unit, due_date=due, **fields
    )
