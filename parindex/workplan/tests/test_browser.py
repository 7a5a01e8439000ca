"""A unit head creates a task for a staff member; the staff member marks it done with an output
file; the board and the calendar reflect it."""

import pytest
from django.utils import timezone

from conftest import browser_login
from parindex.workplan.models import Task
from parindex.workplan.tests.helpers import make_plan


@pytest.mark.browser
def test_unit_head_assigns_staff_marks_done_board_and_calendar_follow(
    org, transactional_db, browser_page, tmp_path
):
    today = timezone.localdate()  # the live server runs on real time
    plan = make_plan(org, code="KH-TEST", year=today.year, title="Kế hoạch CCHC")
    page = browser_page

    browser_login(page, org.head_a.username)
    page.goto(f"/workplan/plans/{plan.pk}/tasks/new/")
    page.fill("#id_title", "Báo cáo rà soát TTHC quý")
    page.select_option("#id_lead_unit", str(org.unit_a.pk))
    # The assignee picker searches as one types, accents ignored, and names each unit.
    page.locator("input.picker-search[aria-controls=id_assignees]").fill("TRUONG_B")
    visible = page.locator("#id_assignees option:not([hidden])").all_text_contents()
    assert visible == ["Truong_B — TDC"], visible
    page.locator("input.picker-search[aria-controls=id_assignees]").fill("")
    page.select_option("#id_assignees", [str(org.staff_a.pk)])
    page.fill("#id_due_date", today.isoformat())
    page.fill("#id_expected_output", "Báo cáo")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")
    task = Task.objects.get(title="Báo cáo rà soát TTHC quý")
    assert list(task.assignees.all()) == [org.staff_a]
    page.context.clear_cookies()

    browser_login(page, org.staff_a.username)
    page.goto("/workplan/tasks/mine/")
    page.click("text=Báo cáo rà soát TTHC quý")
    output = tmp_path / "bao-cao.pdf"
    output.write_bytes(b"%PDF-1.4 test")
    page.set_input_files("#file-form input[type=file]", str(output))
    page.click("#file-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("ul.files a").first.inner_text()
    page.select_option("#status-form select[name=status]", "done")
    page.click("#status-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "100 %" in page.locator("#task-progress").inner_text()
    task.refresh_from_db()
    assert task.status == "done" and task.done_at == today
    assert task.attachments.get().file.name.endswith(".pdf")
    page.context.clear_cookies()

    browser_login(page, org.head_a.username)
    page.goto(f"/workplan/board/?year={today.year}")
    row = page.locator('tr[data-unit="QLCN"]')
    assert row.locator('[data-col="done_on_time"]').inner_text() == "1"
    assert row.locator('[data-col="overdue"]').inner_text() == "0"
    page.goto(f"/workplan/calendar/?month={today:%Y-%m}")
    cell = page.locator(f'td[data-date="{today.isoformat()}"]')
    assert "Báo cáo rà soát TTHC quý" in cell.inner_text()
    assert cell.locator("a.chip.state-done").count() == 1
