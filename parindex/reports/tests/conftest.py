"""Fixtures of the reports tests: figures the other apps will provide, as their sources return."""

from __future__ import annotations

import datetime as dt

import pytest

from parindex.reports import periods, services, sources

SCORECARD = {
    "agency": "SKHCN",
    "year": 2025,
    "framework": "Bộ chỉ số 2025",
    "max_total": 100.0,
    "self_total": 93.5,
    "appraised_total": 90.25,
    "bonus": 0.5,
    "penalty": 0.0,
    "index": 90.75,
    "nodes": [
        {
            "code": "1",
            "title": "Công tác chỉ đạo, điều hành CCHC",
            "kind": "self",
            "max": 10.0,
            "self": 9.5,
            "appraised": 9.0,
            "lost": 0.5,
            "lead_unit": "HCTH",
        },
        {
            "code": "1.1",
            "title": "Kế hoạch CCHC năm",
            "kind": "self",
            "max": 10.0,
            "self": 9.5,
            "appraised": 9.0,
            "lost": 0.5,
            "lead_unit": "HCTH",
        },
        {
            "code": "3",
            "title": "Cải cách thủ tục hành chính",
            "kind": "self",
            "max": 90.0,
            "self": 84.0,
            "appraised": 81.25,
            "lost": 2.75,
            "lead_unit": "QLCN",
        },
        {
            "code": "3.1",
            "title": "Tỷ lệ hồ sơ trực tuyến",
            "kind": "self",
            "max": 90.0,
            "self": 84.0,
            "appraised": 81.25,
            "lost": 2.75,
            "lead_unit": "QLCN",
        },
    ],
    "lost_by_unit": [{"unit": "QLCN", "lost": 2.75}, {"unit": "HCTH", "lost": 0.5}],
    "without_evidence": [
        {"code": "1.1", "title": "Kế hoạch CCHC năm", "self": 9.5, "explanation": "Đang bổ sung"}
    ],
}

FIGURES = {
    "received": 1234,
    "received_online": 475,
    "received_direct": 759,
    "received_postal": 0,
    "resolved": 1200,
    "resolved_online": 460,
    "early": 1000,
    "on_time": 150,
    "late": 50,
    "pending": 34,
    "pending_overdue": 2,
    "online_share": 0.385,
    "resolved_online_share": 0.3833,
    "on_time_rate": 0.9583,
}

DOSSIERS = {
    "agency": "SKHCN",
    "from": "2026-01-01",
    "to": "2026-03-31",
    "total": FIGURES,
    "by_unit": [{"key": "QLCN", "label": "Phòng Quản lý Công nghệ", **FIGURES}],
    "by_month": [],
}


@pytest.fixture
def with_sources(monkeypatch):
    """Pretend the scorecards and dossiers apps are installed and hold these figures."""
    monkeypatch.setattr(sources, "scorecard", lambda agency, year: SCORECARD)
    monkeypatch.setattr(sources, "dossier_figures", lambda agency, start, end: DOSSIERS)
    return {"scorecard": SCORECARD, "dossiers": DOSSIERS}


def make_run(org, type_key: str, period: str):
    """A draft report of the agency for the period (a key such as 2026-Q1), by its secretariat."""
    return services.run_create(
        actor=org.secretariat, agency=org.agency, type_key=type_key, period=periods.parse(period)
    )


# The first conclusion of the test notices: both units review their evidence by 15/03/2026.
EVIDENCE_REVIEW = {
    "text": "Rà soát tài liệu kiểm chứng",
    "units": ["QLCN", "TDC"],
    "deadline": "2026-03-15",
}


def make_notice(org, *conclusions: dict):
    """A draft notice of conclusions for February 2026 holding these conclusions."""
    run = make_run(org, "conclusion_notice", "2026-02")
    return services.run_update_sections(
        actor=org.secretariat, run=run, conclusions=list(conclusions)
    )


@pytest.fixture
def draft(org):
    """A draft quarterly dossier report of the agency, created by the secretariat."""
    return make_run(org, "dossiers", "2026-Q1")


def issue(run, actor, number=15, day=dt.date(2026, 2, 5), **kwargs):
    return services.run_issue(
        actor=actor,
        run=run,
        number=number,
        issued_on=day,
        signer_name=kwargs.pop("signer_name", "Trần Văn Minh"),
        signer_authority=kwargs.pop("signer_authority", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
        recipients=kwargs.pop("recipients", ["Sở Nội vụ", "Giám đốc, các PGĐ Sở"]),
        **kwargs,
    )
