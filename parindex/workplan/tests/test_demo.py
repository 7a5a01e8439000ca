"""The demo: the year's plans with ~80 tasks in realistic states; re-running changes nothing."""

from django.core.management import call_command

from parindex.workplan import selectors
from parindex.workplan.models import Initiative, Plan, Task
from parindex.workplan.models import today as local_today


def test_demo_builds_plans_tasks_and_initiatives_and_is_idempotent(db, capsys):
    call_command("demo")
    year = local_today().year
    plans = set(Plan.objects.values_list("code", flat=True))
    assert {f"KH-CCHC-{year}", f"CTCT-{year}", f"SK6T-{year}", f"KT-CCHC-{year}"} <= plans
    main = Task.objects.filter(plan__code__in=[f"KH-CCHC-{year}", f"CTCT-{year}"])
    assert 70 <= main.count() <= 90
    tasks = list(Task.objects.all())
    on = local_today()
    if on.month > 2:  # early in the year nothing can be late yet
        assert any(t.is_overdue(on) for t in tasks)
        assert any(t.finished_late for t in tasks)
    assert Task.objects.filter(inspected_unit__isnull=False).exists()
    agency = Plan.objects.get(code=f"KH-CCHC-{year}").agency
    coverage = selectors.initiative_coverage(agency, year)
    assert [u.code for u in coverage.missing] == ["TTUD"]
    counts = (Task.objects.count(), Initiative.objects.count())
    call_command("demo")
    assert (Task.objects.count(), Initiative.objects.count()) == counts
