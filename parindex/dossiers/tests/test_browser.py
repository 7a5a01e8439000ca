"""Browser walk: upload an XLSX, watch the progress, open the dashboard, drill down, export."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import browser_login
from parindex.dossiers.tests.helpers import DOSSIER_HEADER, make_procedure, write_xlsx


@pytest.mark.browser
def test_upload_progress_dashboard_drill_down_and_export(
    browser_page, transactional_db, tmp_path, settings
):
    from conftest import make_user
    from parindex.org.choices import Role
    from parindex.org.models import Agency, Unit

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agency = Agency.objects.create(code="SKHCN", name="Sở Khoa học và Công nghệ")
    unit = Unit.objects.create(agency=agency, code="QLCN", name="Phòng Quản lý Công nghệ")
    make_user("thuky", Role.SECRETARIAT, agency=agency)
    make_procedure(agency, "1.004459", unit=unit, limit=5)
    today = timezone.localdate()
    start = today - dt.timedelta(days=20)
    rows = [DOSSIER_HEADER]
    for i in range(60):
        received = dt.datetime.combine(start, dt.time(8, 0))
        due = start + dt.timedelta(days=7)
        late = i % 4 == 0
        end = dt.datetime.combine(due + dt.timedelta(days=2 if late else -1), dt.time(9, 0))
        rows.append(
            [f"H48-{i:04d}", "1.004459", "QLCN", 2 if i % 2 else 1, received, due, end, None, 10, 0]
        )
    path = write_xlsx(tmp_path / "ho-so.xlsx", rows, title_rows=2)

    page = browser_page
    browser_login(page, "thuky")
    page.goto("/dossiers/imports/new/")
    page.select_option("#id_kind", "dossiers")
    page.set_input_files("#id_file", str(path))
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#import-bar")
    page.wait_for_selector("#import-summary", timeout=30_000)
    assert page.get_attribute("#import-bar", "value") == "100"
    import threading

    for thread in threading.enumerate():
        if thread.name.startswith("import-run-"):
            thread.join(timeout=10)  # its database connection is closed before the teardown
    page.click("#import-progress a.button")
    page.wait_for_selector("#fig-late")
    assert page.inner_text("#fig-received").strip() == "60"
    assert page.inner_text("#fig-late").strip() == "15"
    page.click("#fig-late")
    page.wait_for_selector("#apology")
    assert page.locator("table.table tbody tr").count() == 15
    with page.expect_download() as download_info:
        page.click("text=XLSX")
    download = download_info.value
    saved = tmp_path / "late.xlsx"
    download.save_as(saved)
    from openpyxl import load_workbook

    sheet = load_workbook(saved).worksheets[0]
    assert sheet.max_row == 16  # header + the 15 late dossiers shown
