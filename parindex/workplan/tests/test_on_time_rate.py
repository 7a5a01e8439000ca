"""workplan.selectors.on_time_rate: done on time ÷ (done + overdue), None when nothing counts."""

import datetime as dt

from parindex.workplan import selectors, services
from parindex.workplan.choices import TaskStatus
from parindex.workplan.tests.conftest import days
from parindex.workplan.tests.helpers import make_plan


def done(org, task, when):
    return services.task_set_status(
        actor=org.secretariat, task=task, status=TaskStatus.DONE, done_at=when
    )


def test_rate_is_none_when_nothing_is_done_or_overdue(org, make_task):
    make_task("not due yet", due=days(3))
    assert selectors.on_time_rate(org.agency, None, 2026) is None


def test_rate_counts_done_on_time_over_done_plus_overdue(org, make_task):
    done(org, make_task("on time", due=days(-10)), days(-10))
    done(org, make_task("late", due=days(-10)), days(-5))
    make_task("overdue", due=days(-1))
    make_task("open, not due", due=days(10))
    cancelled = make_task("cancelled", due=days(-20))
    services.task_set_status(actor=org.secretariat, task=cancelled, status=TaskStatus.CANCELLED)
    assert selectors.on_time_rate(org.agency, None, 2026) == 1 / 3


def test_rate_per_unit(org, make_task):
    done(org, make_task("a on time", unit=org.unit_a, due=days(-3)), days(-4))
    make_task("b overdue", unit=org.unit_b, due=days(-3))
    assert selectors.on_time_rate(org.agency, org.unit_a, 2026) == 1.0
    assert selectors.on_time_rate(org.agency, org.unit_b, 2026) == 0.0
    assert selectors.on_time_rate(org.agency, org.secretariat_unit, 2026) is None


def test_rate_per_period_uses_the_due_date(org, make_task):
    done(org, make_task("Q1 late", due=dt.date(2026, 3, 10)), dt.date(2026, 3, 12))
    done(org, make_task("Q2 on time", due=dt.date(2026, 5, 10)), dt.date(2026, 5, 9))
    q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    q2 = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert selectors.on_time_rate(org.agency, None, q1) == 0.0
    assert selectors.on_time_rate(org.agency, None, q2) == 1.0
    assert selectors.on_time_rate(org.agency, None, 2026) == 0.5
    assert selectors.on_time_rate(org.agency, None, 2025) is None


def test_rate_bounds_are_inclusive(org, make_task):
    done(org, make_task("on the first", due=dt.date(2026, 4, 1)), dt.date(2026, 4, 1))
    assert (
        selectors.on_time_rate(org.agency, None, (dt.date(2026, 4, 1), dt.date(2026, 4, 1))) == 1.0
    )


def test_rate_per_plan(org, plan, make_task):
    other = make_plan(org, code="CTCT-2026", plan_type="work_programme", title="CTCT")
    make_task("overdue elsewhere", plan=other, due=days(-2))
    done(org, make_task("on time here", due=days(-2)), days(-2))
    assert selectors.on_time_rate(org.agency, None, 2026, plan=plan) == 1.0
    assert selectors.on_time_rate(org.agency, None, 2026) == 0.5


def test_a_task_due_today_does_not_count_yet(org, make_task):
    make_task("due today", due=days(0))
    assert selectors.on_time_rate(org.agency, None, 2026) is None
