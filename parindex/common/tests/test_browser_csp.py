"""With the Content-Security-Policy in force, htmx still works and the browser reports no
violation (issue 12, item 12)."""

import pytest

from conftest import PASSWORD, browser_login
from parindex.org import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_list_filter_updates_through_htmx_with_no_csp_violation(org, browser_page):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name="Phòng Tìm Thấy")
    page = browser_page
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" or "Content Security Policy" in m.text
            else None
        ),
    )
    browser_login(page, org.secretariat.username, PASSWORD)
    page.goto("/audit/")
    with page.expect_response(lambda r: "q=" in r.url and r.request.headers.get("hx-request")):
        page.fill("input[type=search]", "Tìm Thấ")
        page.press("input[type=search]", "y")  # the filter listens to keyup
    page.wait_for_load_state("networkidle")
    assert "Phòng Tìm Thấy" in page.inner_text("#list-results")
    assert problems == []
