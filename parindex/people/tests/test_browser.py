"""A unit head opens the rating season, sees a staff member's PAR file with the unit's lost
points and overdue tasks, proposes a level and downloads the form."""

import pytest

from conftest import browser_login
from parindex.people.models import Rating

from .conftest import RATING_YEAR


@pytest.mark.browser
def test_unit_head_rates_a_staff_member_from_the_par_file(
    org, transactional_db, index_year, people, tasks, season, browser_page
):
    page = browser_page
    browser_login(page, org.head_a.username)
    page.goto("/people/")
    page.click("nav.subnav >> text=Đánh giá, xếp loại năm")
    page.click(f"#seasons >> text={RATING_YEAR}")
    page.wait_for_load_state("networkidle")
    page.click("#season-people >> text=Lê Văn Một")
    page.wait_for_load_state("networkidle")

    unit_lost = page.locator("#unit-lost")
    assert "1.2.1" in unit_lost.inner_text()
    assert float(unit_lost.locator("tr.total td").get_attribute("data-value")) == 1.0
    tasks_box = page.locator("#tasks")
    assert tasks_box.locator("[data-count=overdue]").first.inner_text() == "1"
    assert "Quá hạn" in tasks_box.locator("ul.overdue").inner_text()

    page.select_option("#propose select[name=proposed_level]", "good")
    page.fill("#propose textarea[name=head_comment]", "Hoàn thành tốt các nhiệm vụ được giao.")
    page.click("#propose button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Hoàn thành tốt nhiệm vụ" in page.locator("#proposed-level").inner_text()
    rating = Rating.objects.get(staff=people["A1"])
    assert rating.proposed_level == "good" and rating.proposed_by == org.head_a
    assert rating.decided_level == ""

    with page.expect_download() as info:
        page.click("#download-form")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as handle:
        assert handle.read(2) == b"PK"
