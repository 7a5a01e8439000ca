"""Repeating tasks generate their occurrences; plan types bring their templates of tasks."""

import datetime as dt

import pytest

from parindex.common.errors import DomainError
from parindex.workplan import services
from parindex.workplan.choices import PlanType, Recurrence, TaskStatus
from parindex.workplan.models import Task
from parindex.workplan.services.tasks import add_months
from parindex.workplan.tests.helpers import make_plan


def test_monthly_report_generates_one_occurrence_a_month_to_the_end_of_the_year(make_task):
    task = make_task("Báo cáo CCHC tháng", due=dt.date(2026, 1, 31), recurrence=Recurrence.MONTHLY)
    dues = list(
        Task.objects.filter(series=task).order_by("occurrence").values_list("due_date", flat=True)
    )
    assert len(dues) == 11
    assert dues[0] == dt.date(2026, 2, 28)
    assert dues[1] == dt.date(2026, 3, 31)
    assert dues[-1] == dt.date(2026, 12, 31)


def test_quarterly_and_half_yearly_reports(make_task):
    quarterly = make_task("Báo cáo quý", due=dt.date(2026, 3, 20), recurrence=Recurrence.QUARTERLY)
    assert [t.due_date for t in quarterly.occurrences.order_by("occurrence")] == [
        dt.date(2026, 6, 20),
        dt.date(2026, 9, 20),
        dt.date(2026, 12, 20),
    ]
    half = make_task("Báo cáo 6 tháng", due=dt.date(2026, 6, 15), recurrence=Recurrence.HALF_YEARLY)
    assert [t.due_date for t in half.occurrences.all()] == [dt.date(2026, 12, 15)]


def test_occurrences_copy_people_and_units_and_generation_is_idempotent(org, make_task):
    task = make_task(
        "Báo cáo quý",
        due=dt.date(2026, 3, 20),
        recurrence=Recurrence.QUARTERLY,
        assignees=[org.staff_a],
        cooperating_units=[org.unit_b],
    )
    occurrence = task.occurrences.first()
    assert list(occurrence.assignees.all()) == [org.staff_a]
    assert list(occurrence.cooperating_units.all()) == [org.unit_b]
    assert occurrence.recurrence == Recurrence.NONE
    assert services.task_generate_occurrences(actor=None, task=task) == []
    assert task.occurrences.count() == 3


def test_occurrences_keep_their_own_status(org, make_task):
    task = make_task("Báo cáo tháng", due=dt.date(2026, 1, 25), recurrence=Recurrence.MONTHLY)
    first = task.occurrences.order_by("occurrence").first()
    services.task_set_status(
        actor=org.secretariat, task=first, status=TaskStatus.DONE, done_at=dt.date(2026, 2, 20)
    )
    services.task_generate_occurrences(actor=None, task=task)
    first.refresh_from_db()
    assert first.status == TaskStatus.DONE


def test_add_months_keeps_month_ends():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 1, 30), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


def test_half_year_review_template_adds_its_preparation_tasks(org):
    review = make_plan(
        org,
        code="SK6T-2026",
        plan_type=PlanType.HALF_YEAR_REVIEW,
        title="Sơ kết CCHC 6 tháng đầu năm 2026",
    )
    created = services.plan_apply_template(
        actor=org.secretariat,
        plan=review,
        lead_unit=org.secretariat_unit,
        anchor=dt.date(2026, 7, 10),
    )
    titles = [t.title for t in created]
    assert "Tổ chức hội nghị sơ kết CCHC 6 tháng đầu năm" in titles
    meeting = review.tasks.get(template_key="meeting")
    assert meeting.due_date == dt.date(2026, 7, 10)
    # one report task per active unit
    assert review.tasks.filter(template_key__startswith="units_report:").count() == 3
    again = services.plan_apply_template(
        actor=org.secretariat,
        plan=review,
        lead_unit=org.secretariat_unit,
        anchor=dt.date(2026, 7, 10),
    )
    assert again == []


def test_inspection_schedule_tasks_name_the_unit_and_date(org):
    inspections = make_plan(
        org, code="KT-2026", plan_type=PlanType.INSPECTION, title="Kế hoạch kiểm tra CCHC năm 2026"
    )
    services.plan_apply_template(
        actor=org.secretariat,
        plan=inspections,
        lead_unit=org.secretariat_unit,
        inspections=[(org.unit_a, dt.date(2026, 9, 15))],
    )
    visit = inspections.tasks.get(template_key="visit:QLCN")
    assert visit.inspected_unit == org.unit_a
    assert visit.due_date == dt.date(2026, 9, 15)
    assert org.unit_a.name in visit.title


def test_inspection_template_needs_units(org):
    inspections = make_plan(org, code="KT-2026", plan_type=PlanType.INSPECTION, title="KT")
    with pytest.raises(DomainError):
        services.plan_apply_template(
            actor=org.secretariat, plan=inspections, lead_unit=org.secretariat_unit
        )
