"""Overdue, due soon, finished late and progress are derived, never stored."""

from parindex.dossiers.services.calendar import calendar_day_set
from parindex.workplan import selectors, services
from parindex.workplan.choices import TaskStatus
from parindex.workplan.models import Task
from parindex.workplan.tests.conftest import TODAY, days


def test_task_due_today_is_due_soon_not_overdue(make_task):
    task = make_task(due=TODAY)
    assert not task.is_overdue()
    assert task.is_due_soon()


def test_task_due_yesterday_is_overdue(make_task):
    task = make_task(due=days(-1))
    assert task.is_overdue()
    assert not task.is_due_soon()


def test_due_soon_ends_on_the_fifth_working_day(make_task):
    # TODAY is a Monday: five working days ahead is the next Monday, the weekend not counted.
    assert make_task("a", due=days(7)).is_due_soon()
    assert not make_task("b", due=days(8)).is_due_soon()


def test_a_day_off_of_the_yearly_notice_pushes_the_warning_horizon_a_day_further(org, make_task):
    """Warnings count working days by the national calendar, overrides included (and a new
    override is seen at once, not after the horizon cache expires)."""
    later = make_task("b", due=days(8))
    assert not later.is_due_soon()
    calendar_day_set(actor=None, day=days(2), working=False, note="Nghỉ bù")
    assert later.is_due_soon()
    assert make_task("c", due=days(8)).pk in set(
        Task.objects.filter(selectors.due_soon_q(TODAY)).values_list("pk", flat=True)
    )
    assert not Task.objects.filter(selectors.on_track_q(TODAY), pk=later.pk).exists()


def test_overdue_appears_the_day_after_the_due_date_as_time_moves(make_task, frozen):
    task = make_task(due=TODAY)
    assert not task.is_overdue()
    frozen.shift(dt_hours(15))  # 00:00 the next day, local time
    assert task.is_overdue()
    assert selectors.Task.objects.filter(selectors.overdue_q(selectors.local_today())).count() == 1


def dt_hours(n):
    import datetime as dt

    return dt.timedelta(hours=n)


def test_done_and_cancelled_tasks_are_never_overdue(org, make_task):
    done = make_task("done", due=days(-5))
    services.task_set_status(
        actor=org.secretariat, task=done, status=TaskStatus.DONE, done_at=days(-1)
    )
    cancelled = make_task("cancelled", due=days(-5))
    services.task_set_status(actor=org.secretariat, task=cancelled, status=TaskStatus.CANCELLED)
    paused = make_task("paused", due=days(-5))
    services.task_set_status(actor=org.secretariat, task=paused, status=TaskStatus.PAUSED)
    assert not done.is_overdue() and not cancelled.is_overdue()
    assert paused.is_overdue()


def test_finished_late_when_done_after_the_due_date(org, make_task):
    late = make_task("late", due=days(-5))
    services.task_set_status(
        actor=org.secretariat, task=late, status=TaskStatus.DONE, done_at=days(-4)
    )
    on_time = make_task("on time", due=days(-5))
    services.task_set_status(
        actor=org.secretariat, task=on_time, status=TaskStatus.DONE, done_at=days(-5)
    )
    assert late.finished_late
    assert not on_time.finished_late


def test_done_without_a_date_is_done_today(org, make_task):
    task = make_task()
    services.task_set_status(
        actor=org.staff_a, task=task, status=TaskStatus.DONE
    ) if False else services.task_set_status(
        actor=org.secretariat, task=task, status=TaskStatus.DONE
    )
    assert task.done_at == TODAY


def test_default_progress_follows_the_status(org, make_task):
    task = make_task()
    assert task.progress == 0
    services.task_set_status(actor=org.secretariat, task=task, status=TaskStatus.IN_PROGRESS)
    assert task.progress == 50
    services.task_set_status(actor=org.secretariat, task=task, status=TaskStatus.DONE)
    assert task.progress == 100


def test_manual_progress_overrides_the_default_only_while_in_progress_or_paused(org, make_task):
    task = make_task()
    services.task_set_status(
        actor=org.secretariat, task=task, status=TaskStatus.IN_PROGRESS, progress=30
    )
    assert task.progress == 30
    services.task_set_status(
        actor=org.secretariat, task=task, status=TaskStatus.PAUSED, progress=70
    )
    assert task.progress == 70
    services.task_set_status(actor=org.secretariat, task=task, status=TaskStatus.DONE, progress=40)
    assert task.progress == 100
    assert task.manual_progress is None


def test_progress_out_of_range_is_refused(org, make_task):
    import pytest

    from parindex.common.errors import DomainError

    task = make_task()
    with pytest.raises(DomainError):
        services.task_set_status(
            actor=org.secretariat, task=task, status=TaskStatus.IN_PROGRESS, progress=101
        )


def test_a_done_date_in_the_future_is_refused(org, make_task):
    import pytest

    from parindex.common.errors import DomainError

    task = make_task()
    with pytest.raises(DomainError):
        services.task_set_status(
            actor=org.secretariat, task=task, status=TaskStatus.DONE, done_at=days(1)
        )


def test_reopening_a_done_task_clears_its_done_date(org, make_task):
    task = make_task()
    services.task_set_status(actor=org.secretariat, task=task, status=TaskStatus.DONE)
    services.task_set_status(actor=org.secretariat, task=task, status=TaskStatus.IN_PROGRESS)
    assert task.done_at is None


def test_cancelled_tasks_are_left_out_of_completion_and_the_board(org, plan, make_task):
    done = make_task("done")
    services.task_set_status(actor=org.secretariat, task=done, status=TaskStatus.DONE)
    cancelled = make_task("cancelled")
    services.task_set_status(actor=org.secretariat, task=cancelled, status=TaskStatus.CANCELLED)
    assert selectors.plan_completion(plan) == 100
    rows = {r.unit.code: r for r in selectors.board(org.secretariat, org.agency, year=2026)}
    assert rows["QLCN"].total == 1
    assert rows["QLCN"].done_on_time == 1


def test_board_puts_each_task_in_exactly_one_column(org, make_task):
    make_task("on track", due=days(8))
    make_task("soon", due=days(7))
    make_task("today", due=TODAY)
    make_task("overdue", due=days(-1))
    late = make_task("late", due=days(-10))
    services.task_set_status(
        actor=org.secretariat, task=late, status=TaskStatus.DONE, done_at=days(-2)
    )
    row = {r.unit.code: r for r in selectors.board(org.secretariat, org.agency)}["QLCN"]
    assert (row.on_track, row.due_soon, row.overdue, row.done_on_time, row.done_late) == (
        1,
        2,
        1,
        0,
        1,
    )
    assert row.total == 5


def test_plan_completion_is_the_mean_progress(org, plan, make_task):
    a, b = make_task("a"), make_task("b")
    services.task_set_status(actor=org.secretariat, task=a, status=TaskStatus.DONE)
    services.task_set_status(
        actor=org.secretariat, task=b, status=TaskStatus.IN_PROGRESS, progress=20
    )
    assert selectors.plan_completion(plan) == 60
