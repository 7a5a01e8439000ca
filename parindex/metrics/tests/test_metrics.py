"""Each metric on hand-made data; an empty period gives no value (None), never zero."""

import datetime as dt
from decimal import Decimal

from parindex.metrics import registry
from parindex.metrics.registry import Reading
from parindex.metrics.tests.conftest import days, initiative
from parindex.org.models import Agency
from parindex.scorecards.rules import METRIC_KEYS
from parindex.workplan.choices import TaskStatus
from parindex.workplan.models import InitiativeExemption

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 6, 15))


def test_every_metric_a_framework_may_name_is_registered_and_documented():
    metrics = registry.all_metrics()
    assert {m.key for m in metrics} == set(METRIC_KEYS)
    for m in metrics:
        assert m.unit in (registry.PERCENT, registry.COUNT)
        assert str(m.label) and str(m.description)


def test_task_on_time_rate_in_percent_with_numerator_and_denominator(org, make_task, frozen):
    for _ in range(3):
        make_task(due=days(-10), status=TaskStatus.DONE, done_at=days(-11))
    make_task(due=days(-10), status=TaskStatus.DONE, done_at=days(-2))  # late
    make_task(due=days(-1))  # overdue
    make_task(due=days(5))  # not due yet: left out
    make_task(due=days(-3), unit=org.unit_b, status=TaskStatus.CANCELLED)
    reading = registry.read("tasks.on_time_rate", org.agency, None, *YEAR)
    assert (reading.numerator, reading.denominator) == (3, 5)
    assert reading.value == Decimal("60.00")
    assert reading.fraction == 0.6
    assert "state=overdue" in reading.url


def test_task_on_time_rate_for_one_unit(org, make_task, frozen):
    make_task(due=days(-10), status=TaskStatus.DONE, done_at=days(-10))
    make_task(due=days(-10), unit=org.unit_b)
    assert registry.read("tasks.on_time_rate", org.agency, org.unit_a, *YEAR).value == 100
    assert registry.read("tasks.on_time_rate", org.agency, org.unit_b, *YEAR).value == 0


def test_an_empty_period_gives_no_value_not_zero(org, make_task, frozen):
    make_task(due=days(-10), status=TaskStatus.DONE, done_at=days(-10))
    empty = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    reading = registry.read("tasks.on_time_rate", org.agency, None, *empty)
    assert reading.value is None and reading.denominator == 0 and reading.fraction is None
    assert reading.shortfall(Decimal(100)) is None


def test_initiative_coverage_counts_units_that_must_register(org, frozen):
    initiative(org, org.unit_a)
    InitiativeExemption.objects.create(unit=org.secretariat_unit, reason="Văn phòng")
    reading = registry.read("initiatives.coverage", org.agency, None, *YEAR)
    assert (reading.numerator, reading.denominator) == (1, 2)
    assert reading.value == 50
    assert reading.items == [{"code": "TDC", "name": org.unit_b.name}]
    assert registry.read("initiatives.coverage", org.agency, org.unit_a, *YEAR).value == 100
    assert registry.read("initiatives.coverage", org.agency, org.unit_b, *YEAR).value == 0
    exempt = registry.read("initiatives.coverage", org.agency, org.secretariat_unit, *YEAR)
    assert exempt.value is None


def test_initiative_coverage_without_units_has_no_value(org, frozen):
    empty = Agency.objects.create(code="TRONG", name="Cơ quan chưa có đơn vị")
    assert registry.read("initiatives.coverage", empty, None, *YEAR).value is None


def test_shortfall_counts_the_records_missing_to_reach_a_target():
    reading = Reading("x", Decimal("38"), numerator=380, denominator=1000)
    assert reading.shortfall(Decimal(50)) == 120
    assert Reading("x", Decimal("60"), numerator=3, denominator=5).shortfall(Decimal(100)) == 2
    assert Reading("x", Decimal("80"), numerator=4, denominator=5).shortfall(Decimal(50)) == 0
