"""(c) Thông báo kết luận: numbered conclusions, each assigning units and a deadline.

Issuing the notice hands every assignment to `parindex.reports.hooks.notice_issued`, which
creates one tracked task per assignment when the workplan app is installed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from parindex.reports import hooks
from parindex.reports.content import TableColumn
from parindex.reports.formatting import short_date
from parindex.reports.registry import ReportType, Section, register
from parindex.reports.report_types.common import agency_units


@register
class ConclusionNotice(ReportType):
    key = "conclusion_notice"
    label = _("Notice of conclusions")
    doc_name = "THÔNG BÁO"
    type_code = "TB"
    has_conclusions = True
    default_authority = "TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG"
    summary_template = "Kết luận của Giám đốc Sở tại cuộc họp về công tác cải cách hành chính"
    sections = (
        Section(
            "opening",
            "",
            label="Phần mở đầu (thời gian, chủ trì, thành phần cuộc họp)",
            default="Ngày ..., Giám đốc Sở chủ trì cuộc họp đánh giá kết quả thực hiện công tác cải "
            "cách hành chính, Chỉ số cải cách hành chính {period} của {agency}. Tham dự cuộc họp "
            "có các Phó Giám đốc Sở, lãnh đạo các phòng, đơn vị trực thuộc Sở. Sau khi nghe báo "
            "cáo và ý kiến của các đại biểu dự họp, Giám đốc Sở kết luận như sau:",
        ),
        Section(
            "closing",
            "",
            label="Phần kết",
            default="Văn phòng Sở thông báo để các phòng, đơn vị biết, thực hiện./.",
        ),
    )

    def build_snapshot(self, agency: Any, period: Any) -> dict[str, Any]:
        return {"units": agency_units(agency)}

    def assignments(self, run: Any) -> list[dict[str, Any]]:
        return hooks.assignments_for(run)

    def on_issue(self, run: Any, actor: Any) -> list[dict[str, Any]]:
        return hooks.notice_issued(run, actor=actor)

    def render(self, doc: Any, run: Any) -> None:
        units = run.data.get("units") or {}
        doc.paragraph(run.section_text("opening"))
        conclusions = run.conclusions or []
        if not conclusions:
            doc.missing("Chưa có nội dung kết luận.")
        for number, item in enumerate(conclusions, start=1):
            doc.paragraph(f"{number}. {item.get('text', '').strip()}")
            names = [units.get(code, code) for code in item.get("units") or []]
            deadline = item.get("deadline")
            parts = []
            if names:
                parts.append("Giao: " + "; ".join(names))
            if deadline:
                parts.append(
                    "thời hạn hoàn thành: trước ngày " + short_date(dt.date.fromisoformat(deadline))
                )
            if parts:
                doc.paragraph(", ".join(parts) + ".")
        doc.paragraph(run.section_text("closing"))
        rows = []
        for a in self.assignments(run):
            deadline = short_date(dt.date.fromisoformat(a["deadline"])) if a["deadline"] else ""
            rows.append([a["number"], a["text"], units.get(a["unit"], a["unit"]), deadline])
        if rows:
            doc.appendix("Phụ lục", "Danh mục nhiệm vụ được giao", landscape=False)
            doc.table(
                [
                    TableColumn("STT", "int", width_mm=12),
                    TableColumn("Nội dung kết luận", "text"),
                    TableColumn("Đơn vị thực hiện", "text", width_mm=45),
                    TableColumn("Thời hạn", "text", width_mm=25),
                ],
                rows,
                sheet="Nhiệm vụ được giao",
            )
