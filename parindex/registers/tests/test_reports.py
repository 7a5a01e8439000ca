"""The 6-month and annual PAR implementation reports read institutions and inspection here."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from parindex.registers.choices import InspectionKind, Verdict
from parindex.registers.figures import inspection_figures, legal_figures
from parindex.registers.services import review_create
from parindex.registers.tests.conftest import make_inspection, make_recommendation, plan_documents
from parindex.reports.tests.conftest import make_run

TODAY = dt.date(2026, 7, 10)


@pytest.fixture
def registers(org, inspectorate, frozen):
    plan_documents(org)
    review_create(
        actor=None,
        agency=org.agency,
        code="RS-1",
        title="Rà soát",
        unit=org.unit_a,
        done_on=dt.date(2026, 4, 1),
        items=[{"document_label": "15/2020/QĐ-UBND", "verdict": Verdict.REPEAL}],
    )
    make_inspection(
        org,
        "KT-1",
        "Kiểm tra CCHC",
        InspectionKind.PAR_CHECK,
        org.secretariat_unit,
        target_unit=org.unit_b,
        conclusion_due=dt.date(2026, 5, 31),
        concluded_on=dt.date(2026, 5, 20),
    )
    make_recommendation(org, "Niêm yết TTHC", org.unit_b, dt.date(2026, 6, 15), code="KN-1")


def _text(run) -> str:
    from docx import Document

    from parindex.reports import documents

    document = Document(io.BytesIO(documents.docx_bytes(run)))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(paragraphs + cells)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period", "as_of"), [("2026-H1", dt.date(2026, 6, 30)), ("2026", dt.date(2026, 7, 10))]
)
def test_the_half_year_and_annual_reports_read_the_registers(org, registers, period, as_of):
    run = make_run(org, "par_implementation", period)
    data = run.data["registers"]
    assert data["legal"] == legal_figures(org.agency, 2026, as_of)
    assert data["inspections"] == inspection_figures(org.agency, 2026, as_of)
    assert [d["code"] for d in data["late_documents"]] == ["VB-2"]
    assert [r["code"] for r in data["overdue_recommendations"]] == ["KN-1"]
    text = _text(run)
    assert "Xây dựng, rà soát văn bản quy phạm pháp luật" in text
    assert "chủ trì 3 văn bản; đã trình 1 văn bản, trong đó đúng tiến độ 1" in text
    assert "1 văn bản cần bãi bỏ" in text
    assert "Công tác kiểm tra, thanh tra" in text and "KN-1" in text and "Niêm yết TTHC" in text
