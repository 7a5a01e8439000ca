"""Scorecard, ledger and ranking as XLSX / DOCX files (Vietnamese headers, numbers as numbers)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from parindex.common.exports import append_row
from parindex.common.numbers import vn_number
from parindex.org.models import Agency
from parindex.scorecards.choices import KIND_LABELS_VI
from parindex.scorecards.models import Assessment, Framework
from parindex.scorecards.selectors import compute_for, ledger

SCORECARD_HEADERS = [
    "Mã",
    "Nội dung",
    "Loại điểm",
    "Điểm tối đa",
    "Điểm tự đánh giá",
    "Điểm thẩm định",
    "Điểm bị trừ",
    "Đơn vị chủ trì",
]


def _n(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _save(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def scorecard_xlsx(agency: Agency, framework: Framework) -> bytes:
    card = compute_for(agency, framework)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chỉ số CCHC"
    append_row(sheet, [f"{agency.name} — {framework.name}"])
    sheet["A1"].font = Font(bold=True)
    append_row(sheet, [])
    append_row(sheet, SCORECARD_HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for node in card.nodes:
        append_row(
            sheet,
            [
                node.code,
                node.title,
                KIND_LABELS_VI[node.kind],
                _n(node.max_points),
                _n(node.self_points),
                _n(node.appraised),
                _n(node.lost),
                node.lead_unit or "",
            ],
        )
        if node.depth == 1:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    append_row(sheet, [])
    for label, value in (
        ("Tổng điểm tối đa", card.max_total),
        ("Tổng điểm tự đánh giá", card.self_total),
        ("Tổng điểm thẩm định", card.appraised_total),
        ("Điểm thưởng", card.bonus),
        ("Điểm phạt", card.penalty),
        ("Chỉ số CCHC (%)", card.index),
    ):
        append_row(sheet, ["", label, "", _n(value)])
    sheet.column_dimensions["B"].width = 70
    if card.lost_by_unit:
        units = workbook.create_sheet("Điểm bị trừ theo đơn vị")
        append_row(units, ["Đơn vị", "Điểm bị trừ"])
        for unit, lost in card.lost_by_unit:
            append_row(units, [unit, _n(lost)])
    return _save(workbook)


def scorecard_docx(agency: Agency, framework: Framework) -> bytes:
    """The scorecard as a Word table (A4 landscape, Times New Roman 13, Decree 30 margins)."""
    card = compute_for(agency, framework)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    title = document.add_paragraph()
    run = title.add_run(f"BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {framework.year}".upper())
    run.bold = True
    document.add_paragraph(agency.name)
    table = document.add_table(rows=1, cols=len(SCORECARD_HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, SCORECARD_HEADERS, strict=True):
        cell.text = header
    for node in card.nodes:
        cells = table.add_row().cells
        values = [
            node.code,
            node.title,
            KIND_LABELS_VI[node.kind],
            _vi(node.max_points),
            _vi(node.self_points),
            _vi(node.appraised),
            _vi(node.lost),
            node.lead_unit or "",
        ]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    document.add_paragraph(
        f"Tổng điểm thẩm định: {_vi(card.appraised_total)}/{_vi(card.max_total)}; "
        f"điểm thưởng {_vi(card.bonus)}; điểm phạt {_vi(card.penalty)}; "
        f"Chỉ số CCHC: {_vi(card.index)} %"
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _vi(value: Decimal | None) -> str:
    return vn_number(value, missing="")


def ledger_xlsx(assessment: Assessment, *, user: Any) -> bytes:
    """The ledger as `user` may see it (the same scope as the page)."""
    rows, by_unit, apart = ledger(assessment, user=user)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ điểm bị trừ"
    append_row(
        sheet,
        [
            "Mã",
            "Nội dung",
            "Điểm tự đánh giá",
            "Điểm thẩm định",
            "Điểm bị trừ",
            "Lý do",
            "Giải trình",
            "Đơn vị chủ trì",
            "Người phụ trách",
        ],
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in rows:
        append_row(
            sheet,
            [
                r.code,
                r.title,
                _n(r.self_points),
                _n(r.appraised),
                _n(r.lost),
                r.reason,
                r.explanation,
                r.lead_unit,
                r.responsible,
            ],
        )
    totals = workbook.create_sheet("Theo đơn vị")
    append_row(totals, ["Đơn vị", "Điểm bị trừ"])
    for unit, lost in by_unit:
        append_row(totals, [unit, _n(lost)])
    other = workbook.create_sheet("Điểm riêng")
    append_row(other, ["Khoản", "Điểm"])
    append_row(other, ["Điểm điều tra XHH", _n(apart["survey"])])
    append_row(other, ["Điểm thưởng", _n(apart["bonus"])])
    append_row(other, ["Điểm phạt", _n(apart["penalty"])])
    return _save(workbook)


def ranking_xlsx(year: int, rows: list[dict[str, Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Xếp hạng {year}"
    append_row(sheet, ["Hạng", "Cơ quan", "Chỉ số CCHC (%)"])
    for r in rows:
        append_row(sheet, [r["rank"], r["agency"], _n(r["index"])])
    return _save(workbook)
