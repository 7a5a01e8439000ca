"""The registers' metrics: bindable to framework leaves, naming the late records at risk; the
director's page and the weekly summary list overdue recommendations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from parindex.metrics import registry
from parindex.metrics.selectors import risk_rows
from parindex.metrics.summary import send_summary
from parindex.registers.choices import InspectionKind
from parindex.registers.tests.conftest import make_inspection, make_recommendation, plan_documents
from parindex.scorecards import services as scorecards
from parindex.scorecards.tests.helpers import METRIC_HEADER, write_csv

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def registers(org, inspectorate, frozen):
    plan_documents(org)
    for code, concluded in (("TT-1", dt.date(2026, 5, 1)), ("TT-2", None)):
        make_inspection(
            org, code, code, InspectionKind.INSPECTION, inspectorate.unit, concluded_on=concluded
        )
    for code, due, done, unit in (
        ("KN-1", (4, 30), (4, 20), org.unit_a),
        ("KN-2", (5, 31), None, org.unit_b),
        ("KN-3", (12, 31), None, org.unit_b),
    ):
        make_recommendation(
            org,
            f"Khắc phục {code}",
            unit,
            dt.date(2026, *due),
            code=code,
            done_on=dt.date(2026, *done) if done else None,
        )


def test_the_three_metrics_are_in_the_registry_and_bindable():
    from parindex.scorecards.rules import METRIC_KEYS

    for key in ("legal.on_time_rate", "inspections.plan_rate", "recommendations.rate"):
        assert key in METRIC_KEYS
        assert registry.get(key).available


@pytest.mark.django_db
def test_the_metrics_read_the_same_figures_as_the_commands(org, registers):
    start, end = dt.date(2026, 1, 1), TODAY
    legal = registry.read("legal.on_time_rate", org.agency, None, start, end)
    assert (legal.numerator, legal.denominator) == (1, 2) and legal.names == ["VB-2"]
    plan = registry.read("inspections.plan_rate", org.agency, None, start, end)
    assert (plan.numerator, plan.denominator) == (1, 2)
    recs = registry.read("recommendations.rate", org.agency, None, start, end)
    assert (recs.numerator, recs.denominator) == (1, 2) and recs.names == ["KN-2"]
    by_unit = registry.read("recommendations.rate", org.agency, org.unit_a, start, end)
    assert (by_unit.numerator, by_unit.denominator) == (1, 1) and by_unit.names == []


@pytest.fixture
def framework(org, registers, tmp_path):
    path = write_csv(
        tmp_path / "khung.csv",
        METRIC_HEADER,
        [
            ["2", "Văn bản QPPL", "6", "", "QLCN", "", ""],
            ["2.1", "Trình đúng tiến độ", "3", "", "QLCN", "legal.on_time_rate", "full_at 100"],
            ["2.2", "Xử lý kiến nghị", "3", "", "TDC", "recommendations.rate", "full_at 100"],
        ],
    )
    scorecards.import_framework(path, year=2026, agency_code="SKHCN")
    return scorecards.assessment_open(actor=None, agency=org.agency, year=2026)


@pytest.mark.django_db
def test_points_at_risk_name_the_late_documents_and_overdue_recommendations(org, framework):
    rows = {r.code: r for r in risk_rows(org.agency, 2026, today=TODAY)}
    assert "VB-2" in rows["2.1"].reason and rows["2.1"].at_risk > 0
    assert "KN-2" in rows["2.2"].reason and "KN-3" not in rows["2.2"].reason


@pytest.mark.django_db
def test_the_directors_page_lists_overdue_recommendations(org, framework, client_for):
    text = client_for(org.director).get("/").content.decode()
    assert 'id="fig-recommendations"' in text and "KN-2" in text
    head_a = client_for(org.head_a).get("/").content.decode()
    assert "KN-2" not in head_a


@pytest.mark.django_db
def test_the_weekly_summary_lists_overdue_recommendations_in_each_scope(org, framework):
    for user, address in (
        (org.director, "gd@example.vn"),
        (org.head_b, "tdc@example.vn"),
        (org.head_a, "a@example.vn"),
    ):
        user.email = address
        user.save()
    send_summary(agency=org.agency, today=TODAY, base_url="https://parindex.example")
    sent = {m.to[0]: m.body for m in mail.outbox}
    assert "KN-2" in sent["gd@example.vn"] and "KN-2" in sent["tdc@example.vn"]
    assert "KN-2" not in sent.get("a@example.vn", "")
