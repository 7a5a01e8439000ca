"""The province page in Chromium: the province council opens it and drills into an agency."""

import pytest

from conftest import browser_login


@pytest.mark.browser
def test_the_province_council_opens_the_province_page_and_drills_into_an_agency(
    transactional_db, org, browser_page, tmp_path
):
    from parindex.scorecards import services
    from parindex.scorecards.tests.helpers import framework_file

    services.import_framework(framework_file(tmp_path), year=2022, agency_code="SKHCN")
    services.assessment_open(actor=None, agency=org.agency, year=2022)
    page = browser_page
    browser_login(page, org.province_council.username)
    page.click("nav >> text=Tỉnh")
    page.wait_for_load_state("networkidle")
    page.goto("/province/TINH/?year=2022")
    assert "Sở Tư pháp" in page.inner_text("main")
    page.click("a[href='/?agency=STP']")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/?agency=STP")
    assert "Sở Tư pháp" in page.inner_text("main")
