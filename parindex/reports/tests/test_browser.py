"""The secretariat walks a notice of conclusions through the browser: create, write the
conclusions (autosave), preview, issue, download; the director reads it."""

import os

import pytest
from django.core.management import call_command

from conftest import browser_login
from parindex.org.demo import DEMO_PASSWORD
from parindex.reports.models import ReportRun
from parindex.workplan.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _restore_async_guard():
    """browser_page sets DJANGO_ALLOW_ASYNC_UNSAFE for the process; undo it after this test so
    later subprocess tests (check --deploy) do not inherit it."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_secretariat_writes_previews_and_issues_a_notice(browser_page):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = browser_page
    errors: list[str] = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 500 else None)
    browser_login(page, "thuky", DEMO_PASSWORD)
    page.goto("/reports/")
    assert page.locator("h1").inner_text() == "Báo cáo"
    assert "12/TB-SKHCN" in page.content()
    page.get_by_role("link", name="Lập báo cáo mới").click()
    page.select_option("#id_report_type", "conclusion_notice")
    page.fill("#id_year", "2026")
    page.select_option("#id_part", "M05")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/edit/")
    page.fill("#id_conclusions-0-text", "Hoàn thành rà soát quy trình nội bộ")
    page.locator("input[name='conclusions-0-units'][value='QLCN']").check()
    page.fill("#id_conclusions-0-deadline", "30/06/2026")
    page.locator("#id_conclusions-0-deadline").blur()
    # A locator wait, not wait_for_function: the page's CSP forbids evaluating strings.
    page.locator("#autosave", has_text="Đã lưu").wait_for()
    run = ReportRun.objects.filter(status="draft", type_key="conclusion_notice").get()
    assert run.conclusions[0]["units"] == ["QLCN"]
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/reports/{run.uuid}/")
    assert "Hoàn thành rà soát quy trình nội bộ" in page.locator(".paper").inner_text()
    page.get_by_role("link", name="Ban hành", exact=True).click()
    page.fill("#id_number", "13")
    page.fill("#id_issued_on", "02/06/2026")
    page.fill("#id_signer_name", "Trương Công Định")
    page.fill("#id_recipients", "Các phòng, đơn vị thuộc Sở")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/reports/{run.uuid}/")
    assert "Quảng Ngãi, ngày 02 tháng 6 năm 2026" in page.locator(".paper").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải DOCX").click()
    assert download.value.suggested_filename == "13-TB-SKHCN-2026-05.docx"
    page.locator("form[action='/logout/'] button").click()
    page.wait_for_url("**/login/")
    browser_login(page, "giamdoc", DEMO_PASSWORD)
    page.goto(f"/reports/{run.uuid}/")
    assert "13/TB-SKHCN" in page.content()
    assert page.get_by_role("link", name="Ban hành", exact=True).count() == 0
    # The conclusion became a task of QLCN in the work plan, citing the notice.
    task = Task.objects.get(title="Hoàn thành rà soát quy trình nội bộ")
    assert (task.lead_unit.code, task.plan.code) == ("QLCN", "TBKL-2026")
    page.goto(f"/workplan/tasks/{task.pk}/")
    assert "Nguồn: 13/TB-SKHCN ngày 02/06/2026, kết luận 1" in page.content()
    assert errors == []
