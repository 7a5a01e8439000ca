"""Work-plan fixtures on top of the root `org` personas: a plan and a task maker."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import clock_at
from parindex.workplan import services
from parindex.workplan.tests.helpers import make_plan

TODAY = dt.date(2026, 6, 15)  # a Monday


@pytest.fixture
def frozen():
    """Time frozen at 09:00 local time on TODAY."""
    with clock_at(TODAY) as traveller:
        yield traveller


@pytest.fixture
def plan(org, frozen):
    return make_plan(
        org,
        code="KH-CCHC-2026",
        title="Kế hoạch CCHC năm 2026",
        doc_number="1891/KH-SKHCN",
        doc_date=dt.date(2025, 12, 30),
    )


@pytest.fixture
def make_task(org, plan):
    def make(title="Nhiệm vụ", *, unit=None, due=TODAY, actor=None, **kwargs):
        return services.task_create(
            actor=actor or org.secretariat,
            plan=kwargs.pop("plan", plan),
            title=title,
            lead_unit=unit or org.unit_a,
            due_date=due,
            **kwargs,
        )

    return make


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)
