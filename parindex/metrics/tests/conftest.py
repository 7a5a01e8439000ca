"""A hand-made year for the early-warning tests: the 2026 framework below, SKHCN's assessment,
tasks and initiatives, time frozen on Monday 15/06/2026 09:00 local."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import clock_at
from parindex.scorecards import services as scorecards
from parindex.scorecards.models import Score
from parindex.scorecards.tests.helpers import METRIC_HEADER, write_csv
from parindex.workplan.choices import PlanType, TaskStatus
from parindex.workplan.models import Initiative, Plan, Task

TODAY = dt.date(2026, 6, 15)

# 1.1 tasks (unit A = QLCN), 1.2 initiatives (unit B = TDC), 1.3 plain (HCTH), 2 survey.
FRAMEWORK = [
    ["1", "Chỉ đạo, điều hành", "10", "", "HCTH", "", ""],
    ["1.1", "Nhiệm vụ đúng hạn", "4", "", "QLCN", "tasks.on_time_rate", "full_at 100"],
    ["1.2", "Sáng kiến", "2", "", "TDC", "initiatives.coverage", "at_least 100"],
    ["1.3", "Báo cáo", "4", "", "HCTH", "", ""],
    ["2", "Điều tra xã hội học", "5", "điều tra XHH", "", "", ""],
    ["2.1", "Hài lòng", "5", "", "", "", ""],
]


@pytest.fixture(autouse=True)
def _cache_emptied(empty_cache):
    """Cached dossier figures never leak from one test into another (ids are reused)."""


@pytest.fixture(autouse=True)
def english_messages():
    """Messages are asserted in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def english_pages(request):
    """Pages in English too (the msgids) for the personas; Vietnamese tests switch back."""
    if "org" in request.fixturenames:
        from parindex.org.models import User

        request.getfixturevalue("org")
        User.objects.update(language="en")


@pytest.fixture
def frozen():
    with clock_at(TODAY) as traveller:
        yield traveller


def write_framework(path, rows=FRAMEWORK):
    return write_csv(path, METRIC_HEADER, rows)


@pytest.fixture
def year(org, tmp_path, frozen):
    """The 2026 framework and SKHCN's open assessment (draft)."""
    scorecards.import_framework(
        write_framework(tmp_path / "khung.csv"), year=2026, agency_code="SKHCN"
    )
    return scorecards.assessment_open(actor=None, agency=org.agency, year=2026)


def set_self(assessment, code: str, points) -> Score:
    score = Score.objects.get(assessment=assessment, node__code=code)
    score.self_points = Decimal(str(points))
    score.save()
    return score


@pytest.fixture
def plan(org):
    return Plan.objects.create(
        agency=org.agency,
        code="KH-2026",
        plan_type=PlanType.PAR_ANNUAL,
        year=2026,
        title="Kế hoạch CCHC năm 2026",
    )


@pytest.fixture
def make_task(org, plan):
    def make(*, unit=None, due, status=TaskStatus.NOT_STARTED, done_at=None, agency=None):
        return Task.objects.create(
            plan=plan,
            agency=agency or org.agency,
            title="Nhiệm vụ",
            lead_unit=unit or org.unit_a,
            due_date=due,
            status=status,
            done_at=done_at,
        )

    return make


def initiative(org, unit, year=2026):
    return Initiative.objects.create(agency=org.agency, year=year, unit=unit, title="Sáng kiến")


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def data(org, year, make_task):
    """Tasks of unit A: 3 on time, 1 late, 1 overdue → 60 %; initiatives: 2 of 3 units; 1.1
    self-scored 4."""
    for _ in range(3):
        make_task(due=days(-10), status=TaskStatus.DONE, done_at=days(-11))
    make_task(due=days(-10), status=TaskStatus.DONE, done_at=days(-2))
    make_task(due=days(-1))
    initiative(org, org.unit_a)
    initiative(org, org.unit_b)
    set_self(year, "1.1", 4)
    return year
