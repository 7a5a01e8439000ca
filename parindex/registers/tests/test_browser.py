"""The inspectorate records a conclusion with two recommendations; the owner unit sees two tasks
and closes one with evidence; the figures and the director's page follow."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import browser_login
from parindex.registers.choices import InspectionKind
from parindex.registers.models import Recommendation
from parindex.registers.tests.conftest import make_inspection


def _figure(page, card: str, key: str) -> str:
    return page.locator(f"#{card} dd[data-key={key}]").inner_text().strip()


@pytest.mark.browser
def test_conclusion_to_tasks_to_evidence_moves_the_figures_and_the_directors_page(
    org, inspectorate, transactional_db, browser_page, tmp_path
):
    today = timezone.localdate()  # the live server runs on real time
    make_inspection(
        org,
        "TT-01",
        "Thanh tra đo lường xăng dầu",
        InspectionKind.SPECIALISED,
        inspectorate.unit,
        plan_year=today.year,
        decision_on=today.replace(day=1),
    )
    page = browser_page

    browser_login(page, inspectorate.inspector.username)
    page.goto("/registers/inspections/")
    page.click("text=Thanh tra đo lường xăng dầu")
    page.click("text=Nhập kết luận")
    page.fill("#id_concluded_on", today.isoformat())
    page.fill("#id_conclusion_number", "05/KL-TTr")
    page.fill("#id_rec_1_text", "Kiểm định lại cột đo nhiên liệu")
    page.select_option("#id_rec_1_unit", str(org.unit_a.pk))
    page.fill("#id_rec_1_due", (today - dt.timedelta(days=1)).isoformat())
    page.fill("#id_rec_2_text", "Báo cáo kết quả khắc phục")
    page.select_option("#id_rec_2_unit", str(org.unit_a.pk))
    page.fill("#id_rec_2_due", (today + dt.timedelta(days=30)).isoformat())
    page.click("#conclusion-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#inspection-recommendations tbody tr").count() == 2
    assert Recommendation.objects.filter(inspection__code="TT-01").count() == 2
    page.context.clear_cookies()

    browser_login(page, org.director.username)
    page.goto("/")
    assert page.locator("#fig-recommendations .value").inner_text().strip() == "1"
    assert "TT-01-KN1" in page.locator("#overdue-recommendations").inner_text()
    page.goto(f"/registers/?year={today.year}")
    assert _figure(page, "inspection-figures", "rec_overdue") == "1"
    assert _figure(page, "inspection-figures", "rec_done_late") == "0"
    page.context.clear_cookies()

    browser_login(page, org.head_a.username)
    page.goto("/workplan/tasks/unit/")
    assert page.locator("text=Kiểm định lại cột đo nhiên liệu").count() >= 1
    assert page.locator("text=Báo cáo kết quả khắc phục").count() >= 1
    page.click("text=Kiểm định lại cột đo nhiên liệu")
    evidence = tmp_path / "bien-ban-kiem-dinh.pdf"
    evidence.write_bytes(b"%PDF-1.4 test")
    page.set_input_files("#file-form input[type=file]", str(evidence))
    page.click("#file-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.select_option("#status-form select[name=status]", "done")
    page.click("#status-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    closed = Recommendation.objects.get(code="TT-01-KN1")
    assert closed.done_on == today and closed.task.status == "done"
    assert Recommendation.objects.get(code="TT-01-KN2").done_on is None
    page.context.clear_cookies()

    browser_login(page, org.director.username)
    page.goto("/")
    assert page.locator("#fig-recommendations .value").inner_text().strip() == "0"
    assert page.locator("#overdue-recommendations").count() == 0
    page.goto(f"/registers/?year={today.year}")
    assert _figure(page, "inspection-figures", "rec_overdue") == "0"
    assert _figure(page, "inspection-figures", "rec_done_late") == "1"
