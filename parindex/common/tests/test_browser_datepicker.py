"""The pop-up date picker (issue 16, item 7): a calendar with Vietnamese names, weeks from
Monday, that writes dd/mm/yyyy whatever the browser's language, loads jQuery only where a date
field is, reads what was typed, and raises no Content-Security-Policy violation."""

import re

import pytest
from django.utils import timezone

from conftest import PASSWORD, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM = "/registers/documents/new/"
FIELD = "#id_submission_due"
CALENDAR = "#ui-datepicker-div"

# Every CSP violation the page sees, recorded before any of its own scripts runs.
WATCH_CSP = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def watch(page) -> list[str]:
    problems: list[str] = []
    page.add_init_script(WATCH_CSP)
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" or "Security" in m.text else None,
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def pick_day(page, day: int) -> None:
    page.click(FIELD)
    page.locator(f"{CALENDAR} td a").filter(has_text=re.compile(rf"^{day}$")).click()


def test_the_calendar_speaks_vietnamese_and_writes_day_month_year(org, browser_page):
    today = timezone.localdate()
    page = browser_page
    problems = watch(page)
    browser_login(page, org.secretariat.username, PASSWORD)
    assert page.evaluate("typeof window.jQuery") == "undefined"  # no date field, no jQuery

    page.goto(FORM)
    page.click(FIELD)
    calendar = page.locator(CALENDAR)
    calendar.wait_for(state="visible")
    assert calendar.locator(".ui-datepicker-month").inner_text() == f"Tháng {today.month}"
    headers = calendar.locator("thead th").all_inner_texts()
    assert headers[0] == "T2" and headers[-1] == "CN"  # the week starts on Monday
    assert "Hôm nay" in calendar.inner_text() and "Đóng" in calendar.inner_text()

    calendar.locator("td a").filter(has_text=re.compile(r"^15$")).click()
    assert page.input_value(FIELD) == f"15/{today.month:02d}/{today.year}"
    calendar.wait_for(state="hidden")  # it closes once a day is picked

    # Typed dates are read day first: the calendar opens on March for 05/03/2026.
    page.fill(FIELD, "")
    page.click(FIELD)
    page.keyboard.type("05/03/2026")
    assert calendar.locator(".ui-datepicker-month").inner_text() == "Tháng 3"
    assert calendar.locator("a.ui-state-active").inner_text() == "5"
    page.keyboard.press("Escape")
    assert page.input_value(FIELD) == "05/03/2026"

    assert problems == []
    assert page.evaluate("window.cspViolations") == []


@pytest.mark.parametrize(("language", "month"), [("vi", "Tháng 3"), ("en", "March")])
def test_an_english_browser_still_gets_day_month_year(
    org, browser_page, live_server, language, month
):
    org.secretariat.language = language
    org.secretariat.save(update_fields=["language"])
    context = browser_page.context.browser.new_context(base_url=live_server.url, locale="en-US")
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        problems = watch(page)
        browser_login(page, org.secretariat.username, PASSWORD)
        assert page.evaluate("navigator.language") == "en-US"
        page.goto(FORM)
        page.click(FIELD)
        page.keyboard.type("10/03/2026")
        calendar = page.locator(CALENDAR)
        assert calendar.locator(".ui-datepicker-month").inner_text() == month
        calendar.locator("td a").filter(has_text=re.compile(r"^20$")).click()
        assert page.input_value(FIELD) == "20/03/2026"  # not 03/20/2026
        assert problems == []
        assert page.evaluate("window.cspViolations") == []
    finally:
        context.close()


def test_a_picked_day_refreshes_a_list_filter(org, browser_page):
    """The list filters listen to the DOM's change event (htmx), which a pick sends."""
    today = timezone.localdate()
    page = browser_page
    problems = watch(page)
    browser_login(page, org.secretariat.username, PASSWORD)
    page.goto("/audit/")
    with page.expect_response(lambda r: "since=" in r.url and r.request.headers.get("hx-request")):
        page.click("#id_since")
        page.locator(f"{CALENDAR} td a").filter(has_text=re.compile(r"^1$")).click()
    assert page.input_value("#id_since") == f"01/{today.month:02d}/{today.year}"
    # The pattern compiles (no console error) and checks: day first, or ISO.
    valid = "(v) => { const f = document.querySelector('#id_since'); f.value = v; return f.checkValidity(); }"
    assert page.evaluate(valid, "2026-03-05") and not page.evaluate(valid, "2026/03/05")
    assert problems == []
    assert page.evaluate("window.cspViolations") == []


def test_a_date_field_added_by_htmx_gets_the_calendar_too(org, browser_page):
    """A notice's "Add a conclusion" swaps in a row with a deadline; its pick is autosaved."""
    page = browser_page
    problems = watch(page)
    browser_login(page, org.secretariat.username, PASSWORD)
    page.goto("/reports/new/")
    page.select_option("#id_report_type", "conclusion_notice")
    page.fill("#id_year", "2026")
    page.select_option("#id_part", "M05")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/edit/")
    page.fill("#id_conclusions-0-text", "Rà soát quy trình nội bộ")
    page.click("#add-conclusion")
    field = page.locator("#id_conclusions-1-deadline")
    field.wait_for()
    page.fill("#id_conclusions-1-text", "Báo cáo kết quả khắc phục")
    field.click()
    page.locator(CALENDAR).wait_for(state="visible")
    page.locator(f"{CALENDAR} td a").filter(has_text=re.compile(r"^20$")).click()
    assert re.fullmatch(r"20/\d\d/\d{4}", field.input_value())
    page.locator("#autosave", has_text="Đã lưu").wait_for()
    assert problems == []
    assert page.evaluate("window.cspViolations") == []
