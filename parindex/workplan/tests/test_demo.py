"""The demo: the year's plans with ~80 tasks in realistic states; re-running changes nothing.

Only the organisation and the work plan's own demo are built (the other apps' data plays no
part here), on a fixed day in June so that some tasks are already late.
"""

import datetime as dt

from conftest import clock_at
from parindex.org.demo import build_organisation
from parindex.workplan import demo, selectors
from parindex.workplan.models import Initiative, Plan, Task

JUNE_15 = dt.date(2026, 6, 15)


def _build() -> None:
    demo.load(build_organisation())


@clock_at(JUNE_15)
def test_demo_builds_plans_tasks_and_initiatives_and_is_idempotent(db):
    _build()
    plans = set(Plan.objects.values_list("code", flat=True))
    assert {"KH-CCHC-2026", "CTCT-2026", "SK6T-2026", "KT-CCHC-2026"} <= plans
    main = Task.objects.filter(plan__code__in=["KH-CCHC-2026", "CTCT-2026"])
    assert 70 <= main.count() <= 90
    tasks = list(Task.objects.all())
    on = dt.date(2026, 6, 15)
    assert any(t.is_overdue(on) for t in tasks)
    assert any(t.finished_late for t in tasks)
    assert Task.objects.filter(inspected_unit__isnull=False).exists()
    agency = Plan.objects.get(code="KH-CCHC-2026").agency
    coverage = selectors.initiative_coverage(agency, 2026)
    assert [u.code for u in coverage.missing] == ["TTUD"]
    counts = (Task.objects.count(), Initiative.objects.count())
    _build()
    assert (Task.objects.count(), Initiative.objects.count()) == counts
