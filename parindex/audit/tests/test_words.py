"""The history panel and /audit/ speak Vietnamese: action labels, field labels, choice labels,
dd/mm/yyyy, `1,5` points, `2026` years, joined lists and "—" for nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation

from parindex.audit.display import value_text
from parindex.audit.models import AuditEntry
from parindex.audit.registry import ACTIONS, action_label, audit_actions
from parindex.audit.services import record
from parindex.org import services
from parindex.workplan.choices import InitiativeStatus

PACKAGE = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_points_read_with_a_decimal_comma_and_no_trailing_zeros():
    points = models.DecimalField(max_digits=7, decimal_places=3)
    assert value_text(points, "1.500") == "1,5"
    assert value_text(points, "12345.250") == "12.345,25"
    assert value_text(points, "10.000") == "10"


def test_years_read_without_a_thousands_dot_and_dates_as_day_month_year():
    year = models.PositiveSmallIntegerField(name="year")
    year.name = "year"
    assert value_text(year, 2026) == "2026"
    assert value_text(models.DateField(), "2026-02-05") == "05/02/2026"
    assert value_text(None, "2026-02-05", "due_date") == "05/02/2026"
    assert value_text(None, 2026, "criteria_year") == "2026"


def test_lists_are_joined_nothing_is_a_dash_and_booleans_are_words():
    assert value_text(None, ["1.1", "2.3"], "criteria") == "1.1, 2.3"
    assert value_text(None, None, "responsible") == "—"
    assert value_text(None, [], "cooperating_units") == "—"
    assert value_text(models.BooleanField(), True) == "Có"


def test_a_unit_change_reads_its_action_field_and_choice_labels(org):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name="Phòng QLCN&CN", kind="khac")
    entry = AuditEntry.objects.get()
    assert entry.action_label == "Sửa thông tin đơn vị"
    assert [(line.label, line.before, line.after) for line in entry.lines] == [
        ("Tên", "Phòng Quản lý Công nghệ", "Phòng QLCN&CN"),
        ("Loại", "Phòng", "Khác"),
    ]


def test_the_history_panel_shows_words_not_codes_or_none(org, client_for):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name="Phòng QLCN&CN")
    record(actor=None, action="unit.updated", target=org.unit_a, before={"code": None}, after={})
    page = client_for(org.secretariat).get(org.unit_a.get_absolute_url()).content.decode()
    panel = page[page.index('class="card history"') :]
    assert "Sửa thông tin đơn vị" in panel
    assert "Hệ thống" in panel
    assert "unit.updated" not in re.sub(r'data-code="[^"]*"', "", panel)
    assert "None" not in panel


def test_the_audit_list_and_its_export_use_the_same_words(org, client_for):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name="Phòng QLCN&CN")
    client = client_for(org.secretariat)
    page = client.get(reverse("audit:list")).content.decode()
    assert "Sửa thông tin đơn vị" in page
    assert "Tên: Phòng Quản lý Công nghệ → Phòng QLCN&amp;CN" in page
    export = client.get(reverse("audit:list"), {"export": "csv"}).content.decode("utf-8-sig")
    assert "Sửa thông tin đơn vị" in export
    filtered = client.get(reverse("audit:list"), {"action": "agency.created"}).content.decode()
    assert "Phòng QLCN&amp;CN" not in filtered


def test_an_unregistered_action_reads_as_a_change_and_registration_is_one_call():
    assert str(action_label("thing.frobbed")) == "Thay đổi"
    audit_actions({"thing.frobbed": "Đã xử lý"})
    try:
        assert action_label("thing.frobbed") == "Đã xử lý"
    finally:
        del ACTIONS["thing.frobbed"]


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        codes.update(re.findall(r'action ?= ?"([a-z_]+\.[a-z_]+)"', text))
        # Services that pass the code to a helper: _save(score, actor, "score.appraised", …)
        codes.update(re.findall(r'actor, "([a-z_]+\.[a-z_]+)"', text))
    return codes


def test_every_action_code_written_by_a_service_has_a_label():
    codes = _codes_in_source() | {f"initiative.{s}" for s in InitiativeStatus.values}
    codes |= {"rating.self_assessed", "rating.proposed", "rating.decided"}  # passed as variables
    assert len(codes) > 50
    assert sorted(code for code in codes if code not in ACTIONS) == []
