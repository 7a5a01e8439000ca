"""Each demo persona logs in, opens the overview and the units list, in Vietnamese, no errors."""

import pytest
from django.core.management import call_command

from conftest import browser_login
from parindex.org.demo import DEMO_PASSWORD, PEOPLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_demo_persona_sees_the_overview_and_units_in_vietnamese(browser_page):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = browser_page
    errors: list[str] = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 500 else None)
    for username, *_ in PEOPLE:
        browser_login(page, username, DEMO_PASSWORD)
        assert page.locator("h1").first.inner_text() == "Tổng quan", username
        page.get_by_role("link", name="Quản trị").or_(page.get_by_text("Quản trị")).first.click()
        page.goto("/org/units/")
        assert page.locator("h1").inner_text() == "Đơn vị"
        assert "Phòng Quản lý Công nghệ và Chuyên ngành" in page.content()
        page.locator("form[action='/logout/'] button").click()
        page.wait_for_url("**/login/")
    assert errors == []
