"""Shared test fixtures: the named personas (docs/architecture.md, "Access"), on a small two-agency
organisation."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command

from parindex.org.choices import Role
from parindex.org.models import Agency, Council, Membership, Province, Unit, User

PASSWORD = "Test-pass-2026"
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def clock_at(day: dt.date, hour: int = 9) -> time_machine.travel:
    """The clock stopped at `hour` o'clock Vietnam time on `day` (a `with` block or decorator)."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=VIETNAM), tick=False)


def pytest_configure(config):
    from django.conf import settings

    # The production hasher costs ~0.3 s a user; tests create a dozen per case.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background jobs run at once, inside the test (a test that wants the queue and the worker
    # overrides TASKS with the database backend: parindex/jobs/tests).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django_tasks.signals import clear_tasks_handlers

    clear_tasks_handlers(setting="TASKS")


@dataclass
class Org:
    agency: Agency
    other_agency: Agency
    unit_a: Unit
    unit_b: Unit
    secretariat_unit: Unit
    other_unit: Unit
    council: Council
    admin: User
    secretariat: User
    director: User
    head_a: User  # trưởng phòng of unit A
    staff_a: User  # chuyên viên of unit A
    head_b: User  # trưởng phòng of unit B
    staff_b: User
    appraiser: User  # council member appraising `agency` (not `other_agency`)
    viewer: User
    outsider: User  # signed in, no role at all
    other_secretariat: User  # secretariat of another agency
    province: Province  # holds both agencies
    province_secretariat: User  # thường trực CCHC of the province: owns framework and calendar
    province_council: User  # the province's appraisal council: reads every agency

    def by_name(self, name: str) -> User:
        return getattr(self, name)


# The personas of the agency's permission matrices, everyone but the province's two.
PERSONAS = (
    "admin",
    "secretariat",
    "director",
    "head_a",
    "staff_a",
    "head_b",
    "staff_b",
    "appraiser",
    "viewer",
    "outsider",
    "other_secretariat",
)


def run_command(*args: Any, **options: Any) -> tuple[str, str]:
    """A management command run in this process: what it wrote (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def refused_command(*args: Any, **options: Any) -> str:
    """A management command that must refuse (exit status 1): what it wrote on stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(*args, stdout=io.StringIO(), stderr=err, **options)
    assert exc.value.returncode == 1
    return err.getvalue()


def make_user(username: str, role: str | None = None, **target) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=username.title()
    )
    if role:
        Membership.objects.create(user=user, role=role, **target)
    return user


@pytest.fixture
def org(db) -> Org:
    province = Province.objects.create(code="TINH", name="Tỉnh Quảng Ngãi")
    agency = Agency.objects.create(
        province=province,
        code="SKHCN",
        name="Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
        parent_body="UBND TỈNH QUẢNG NGÃI",
        place_name="Quảng Ngãi",
        document_code="SKHCN",
    )
    other = Agency.objects.create(
        province=province, code="STP", name="Sở Tư pháp", document_code="STP"
    )
    unit_a = Unit.objects.create(agency=agency, code="QLCN", name="Phòng Quản lý Công nghệ")
    unit_b = Unit.objects.create(
        agency=agency, code="TDC", name="Phòng Tiêu chuẩn Đo lường Chất lượng"
    )
    hcth = Unit.objects.create(agency=agency, code="HCTH", name="Phòng Hành chính – Tổng hợp")
    other_unit = Unit.objects.create(agency=other, code="VP", name="Văn phòng Sở Tư pháp")
    council = Council.objects.create(code="HDTD", name="Hội đồng thẩm định")
    council.agencies.add(agency)
    return Org(
        agency=agency,
        other_agency=other,
        unit_a=unit_a,
        unit_b=unit_b,
        secretariat_unit=hcth,
        other_unit=other_unit,
        council=council,
        admin=make_user("quantri", Role.ADMIN),
        secretariat=make_user("thuky", Role.SECRETARIAT, agency=agency),
        director=make_user("giamdoc", Role.LEADER, agency=agency),
        head_a=make_user("truong_a", Role.UNIT_HEAD, unit=unit_a),
        staff_a=make_user("cv_a", Role.UNIT_STAFF, unit=unit_a),
        head_b=make_user("truong_b", Role.UNIT_HEAD, unit=unit_b),
        staff_b=make_user("cv_b", Role.UNIT_STAFF, unit=unit_b),
        appraiser=make_user("thamdinh", Role.APPRAISER, council=council),
        viewer=make_user("xem", Role.VIEWER, agency=agency),
        outsider=make_user("nguoingoai"),
        other_secretariat=make_user("thuky_stp", Role.SECRETARIAT, agency=other),
        province=province,
        province_secretariat=make_user("thuky_tinh", Role.PROVINCE_SECRETARIAT, province=province),
        province_council=make_user("hoidong_tinh", Role.PROVINCE_COUNCIL, province=province),
    )


@pytest.fixture
def client_for(client):
    """`client_for(user)` → the test client logged in as that user."""

    def login(user: User):
        client.force_login(user)
        return client

    return login


def _queries_of(get) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = get()
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.fixture
def list_scales():
    """`list_scales(client, url, add_rows, shows)`: the list at `url` shows every row and costs
    as many queries with 2N rows as with N. `add_rows(start, stop)` creates rows start..stop-1;
    `shows(i)` is the text of row i the user must see. The page is opened once before counting,
    so caches filled on a first visit do not count."""

    def check(client, url, add_rows, shows, n=4):
        add_rows(0, n)
        client.get(url)
        with_n, html = _queries_of(lambda: client.get(url))
        assert all(shows(i) in html for i in range(n))
        add_rows(n, 2 * n)
        with_2n, html = _queries_of(lambda: client.get(url))
        missing = [shows(i) for i in range(2 * n) if shows(i) not in html]
        assert missing == [], f"rows not shown: {missing}"
        assert with_2n == with_n, f"{with_n} queries with {n} rows, {with_2n} with {2 * n}"

    return check


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser_page(live_server, monkeypatch):
    """A Playwright page in Debian's headless Chromium; skipped where Chromium is absent."""
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
    # and assertions here are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(base_url=live_server.url, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, never the data directory:
    import runs are stored by their id, which parallel workers' databases share."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def empty_cache(db):
    """The shared cache (a database table, settings.CACHES) empty before and after the test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty in-process caches: the database rolls back after a test,
    a cache would otherwise carry its figures and working-day horizons into the next one."""
    from django.core.cache import caches

    from parindex.dossiers.selectors import forget_working_day_horizons

    for cache in caches.all(initialized_only=True):
        if cache.__class__.__name__ == "LocMemCache":
            cache.clear()
    forget_working_day_horizons()
    yield
