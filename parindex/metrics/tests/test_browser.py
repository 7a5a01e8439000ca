"""The director opens the overview, follows "points at risk" to the records behind them."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import browser_login
from parindex.metrics.tests.conftest import write_framework
from parindex.scorecards import services as scorecards

ROWS = [
    ["1", "Cải cách TTHC", "10", "", "HCTH", "", ""],
    ["1.1", "Hồ sơ giải quyết đúng hạn", "6", "", "QLCN", "dossiers.on_time_rate", "full_at 100"],
    ["1.2", "Công khai", "4", "", "TDC", "", ""],
]


@pytest.mark.browser
def test_director_follows_points_at_risk_to_the_late_dossiers(
    org, transactional_db, browser_page, tmp_path
):
    from parindex.dossiers.tests.helpers import make_dossier, make_procedure

    today = timezone.localdate()  # the live server runs on real time
    scorecards.import_framework(
        write_framework(tmp_path / "khung.csv", ROWS), year=today.year, agency_code="SKHCN"
    )
    scorecards.assessment_open(actor=None, agency=org.agency, year=today.year)
    procedure = make_procedure(org.agency, "1.001", unit=org.unit_a)
    start = timezone.make_aware(dt.datetime(today.year, 1, 1, 8, 0))
    received = max(start, timezone.localtime() - dt.timedelta(days=3))
    due = received + dt.timedelta(hours=1)
    make_dossier(procedure, "HS-TRE-01", received, due, due + dt.timedelta(minutes=30))
    make_dossier(procedure, "HS-DUNG-01", received, due, due - dt.timedelta(minutes=30))
    page = browser_page

    browser_login(page, org.director.username)
    page.goto("/")
    assert page.locator("#fig-risk .value").inner_text() == "3"  # 6 × (1 − 50 %)
    page.click("#risk-link")
    page.wait_for_load_state("networkidle")
    assert "Hồ sơ giải quyết đúng hạn" in page.locator("#risk-list").inner_text()
    page.click("#risk-list a.act")
    page.wait_for_load_state("networkidle")
    assert "/dossiers/late/" in page.url
    body = page.locator("main").inner_text()
    assert "HS-TRE-01" in body
    assert "HS-DUNG-01" not in body


@pytest.mark.browser
def test_director_follows_points_at_risk_to_the_overdue_tasks(
    org, transactional_db, browser_page, tmp_path
):
    from parindex.workplan.choices import PlanType
    from parindex.workplan.models import Plan, Task

    today = timezone.localdate()
    rows = [
        r[:5] + (["tasks.on_time_rate", "full_at 100"] if r[0] == "1.1" else r[5:]) for r in ROWS
    ]
    scorecards.import_framework(
        write_framework(tmp_path / "khung.csv", rows), year=today.year, agency_code="SKHCN"
    )
    plan = Plan.objects.create(
        agency=org.agency, code="KH", plan_type=PlanType.PAR_ANNUAL, year=today.year, title="KH"
    )
    overdue_due = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=1))
    if overdue_due >= today:
        pytest.skip("on 1 January nothing this year can be overdue yet")
    Task.objects.create(
        plan=plan,
        agency=org.agency,
        title="Báo cáo quá hạn",
        lead_unit=org.unit_a,
        due_date=overdue_due,
    )
    page = browser_page
    browser_login(page, org.director.username)
    page.goto("/")
    page.click("#risk-link")
    page.wait_for_load_state("networkidle")
    page.click("#risk-list a.act")
    page.wait_for_load_state("networkidle")
    assert "state=overdue" in page.url
    assert "Báo cáo quá hạn" in page.locator("main").inner_text()
