"""The rating form (phiếu đánh giá, xếp loại chất lượng) as a DOCX in the Decree 30 layout,
drawn by the reports engine. It prints what people wrote and chose; it never fills a level."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from parindex.common.numbers import vn_number
from parindex.people.choices import RATING_LEVEL_FORM_TEXT, RatingLevel
from parindex.people.parfile import ParFile
from parindex.reports.content import ContentBuilder, Letterhead, TableColumn
from parindex.reports.engine import render_docx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _level_lines(chosen: str) -> list[str]:
    return [
        f"{'☒' if chosen == level else '☐'} {RATING_LEVEL_FORM_TEXT[level]}"
        for level in RatingLevel.values
    ]


def _num(value: Any) -> str:
    return vn_number(value, missing="—")


def rating_form_docx(file: ParFile, rating: Any, *, on: dt.date | None = None) -> bytes:
    """The form for one person and year: identity, self-assessment, the figures of the year,
    the head's opinion and proposal, the competent level's decision (blank until decided)."""
    member = file.member
    agency = member.agency
    on = on or timezone.localdate()
    head = Letterhead(
        parent_body=agency.parent_body,
        agency_name=agency.name,
        document_code=agency.document_code or agency.code,
        place=agency.place_name,
        type_code="PĐG",
        doc_name="PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG",
        summary=f"CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM {file.year}",
        year=file.year,
        issue_date=on,
        signer_authority="NGƯỜI TỰ ĐÁNH GIÁ",
        signer_name=member.full_name,
        recipients=[],
        archive_line=f"Lưu: hồ sơ cán bộ, {member.unit.code}.",
    )
    doc = ContentBuilder()
    doc.paragraph(f"Họ và tên: {member.full_name}")
    doc.paragraph(f"Chức vụ, chức danh: {member.position.name if member.position else '—'}")
    doc.paragraph(f"Ngạch, chức danh nghề nghiệp: {member.rank or '—'}")
    doc.paragraph(f"Đơn vị công tác: {member.unit.name}")
    doc.heading("I. KẾT QUẢ TỰ ĐÁNH GIÁ")
    text = getattr(rating, "self_assessment", "") if rating else ""
    doc.paragraph(text or "(Chưa tự đánh giá)")
    doc.paragraph("Tự nhận mức xếp loại:")
    for line in _level_lines(getattr(rating, "self_level", "") if rating else ""):
        doc.paragraph(line)
    doc.heading("II. SỐ LIỆU TRONG NĂM (do parindex tổng hợp, để tham khảo)")
    rows: list[list[Any]] = [
        ["Điểm bị trừ các tiêu chí đơn vị chủ trì", _num(file.unit_lost_total)],
        ["Điểm bị trừ các tiêu chí được giao phụ trách", _num(file.own_lost_total)],
    ]
    if file.tasks is not None:
        rows += [
            ["Nhiệm vụ hoàn thành đúng hạn", file.tasks.done_on_time],
            ["Nhiệm vụ hoàn thành trễ hạn", file.tasks.done_late],
            ["Nhiệm vụ quá hạn chưa hoàn thành", file.tasks.overdue],
        ]
    if file.unit_tasks is not None:
        rows.append(["Nhiệm vụ của đơn vị quá hạn", file.unit_tasks.overdue])
    if file.recommendations is not None:
        rows.append(["Kiến nghị quá hạn của đơn vị", len(file.recommendations)])
    rows += [
        ["Sáng kiến của đơn vị trong năm", len(file.initiatives)],
        [
            "Khóa bồi dưỡng hoàn thành / kế hoạch",
            f"{file.training_done}/{len(file.training)}",
        ],
    ]
    doc.table([TableColumn("Nội dung"), TableColumn("Số liệu", width_mm=40)], rows)
    doc.heading("III. Ý KIẾN NHẬN XÉT, ĐÁNH GIÁ CỦA NGƯỜI QUẢN LÝ TRỰC TIẾP")
    doc.paragraph((getattr(rating, "head_comment", "") if rating else "") or "(Chưa có ý kiến)")
    doc.paragraph("Đề xuất mức xếp loại:")
    for line in _level_lines(getattr(rating, "proposed_level", "") if rating else ""):
        doc.paragraph(line)
    doc.heading("IV. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI (phần dành cho cấp có thẩm quyền)")
    for line in _level_lines(getattr(rating, "decided_level", "") if rating else ""):
        doc.paragraph(line)
    if rating and rating.decision_note:
        doc.paragraph(rating.decision_note)
    moment = dt.datetime(on.year, on.month, on.day, tzinfo=dt.UTC)
    return render_docx(head, doc, moment=moment)
