"""Each demo role, in a real browser: its first screen shows its work, and its main flow walks
pages whose every visible link answers (no 403/404/500), in Vietnamese without the English or
code-level strings users reported, with history panels free of raw codes and `None`."""

from __future__ import annotations

import os
import re

import pytest
from django.core.management import call_command

from conftest import browser_login
from parindex.audit.registry import ACTIONS
from parindex.org.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Strings the usability walk found on Vietnamese screens (English or code-level text).
NOT_ON_A_VIETNAMESE_PAGE = (
    "None",
    "---------",
    "steps 100:",
    "--skip-invalid",
    "Your unit leads",
    "open task",
    "My unit's",
    "Agencies to appraise",
    "No scorecard yet",
    "No dossier figures yet",
    "No plan yet",
    "Page not found",
    "full_at ",
    "at_least ",
    "created 0",
    "row 2, column",
    "parindex worker",
    "run_scheduled_reports",
    "too short",
    "SHA-256 ",
)
LINKS_PER_PAGE = 60

# (user, what the first screen must show, the pages of the main flow, by link name)
ROLES = [
    ("chuyenvien", "#my-criteria", ["Tất cả tiêu chí của tôi", "Tất cả nhiệm vụ của tôi"]),
    ("truongphong", "#my-tasks", ["Chỉ số CCHC", "Kế hoạch & nhiệm vụ"]),
    ("thamdinh", "#to-appraise", ["Sở Khoa học và Công nghệ tỉnh Quảng Ngãi"]),
    ("xem", ".director", ["Chỉ số CCHC", "Thủ tục & hồ sơ"]),
    ("giamdoc", ".director", ["Chỉ số CCHC", "Báo cáo"]),
    ("thuky", ".director", ["Chỉ số CCHC", "Kế hoạch & nhiệm vụ"]),
    ("truongtdc", "#my-late-dossiers", ["Cán bộ", "Thủ tục & hồ sơ"]),
    ("tinh_thuky", ".director", ["Tỉnh", "Chỉ số CCHC"]),
    ("tinh_hoidong", ".director", ["Tỉnh", "Thể chế & thanh tra"]),
]


@pytest.fixture(autouse=True)
def _restore_async_guard():
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _check_page(page, problems: list[str], who: str) -> None:
    url = page.url
    text = page.locator("main").inner_text()
    for phrase in NOT_ON_A_VIETNAMESE_PAGE:
        if phrase in text:
            problems.append(f"{who} {url}: shows {phrase!r}")
    for panel in page.locator("section.history").all():
        panel_text = panel.inner_text()
        if re.search(r"\bNone\b", panel_text) or any(code in panel_text for code in ACTIONS):
            problems.append(f"{who} {url}: history shows a code or None")
    hrefs = page.eval_on_selector_all(
        "main a[href], header a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    seen = set()
    for href in hrefs:
        if not href or not href.startswith("/") or "export=" in href or "/download/" in href:
            continue
        if href in seen or len(seen) >= LINKS_PER_PAGE:
            continue
        seen.add(href)
        status = page.request.get(href, max_redirects=5).status
        if status in (403, 404) or status >= 500:
            problems.append(f"{who} {url}: link {href} answers {status}")


def test_every_role_walks_its_first_screen_and_main_flow_in_vietnamese(browser_page):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = browser_page
    problems: list[str] = []
    for username, first, flow in ROLES:
        browser_login(page, username, DEMO_PASSWORD)
        assert page.locator("h1").first.inner_text() == "Tổng quan", username
        assert page.locator(first).count() == 1, f"{username}: {first} missing"
        _check_page(page, problems, username)
        for name in flow:
            page.goto("/")
            page.get_by_role("link", name=name, exact=True).first.click()
            page.wait_for_load_state("networkidle")
            _check_page(page, problems, username)
        page.goto("/")
        page.locator("form[action='/logout/'] button").click()
        page.wait_for_url("**/login/")
    assert problems == []
