"""(d) Sổ theo dõi điểm bị trừ: the points deducted at appraisal, by lead unit, for the yearly
staff rating (the director's rule: the unit leading a criterion answers for its lost points)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from parindex.common.numbers import vn_number
from parindex.reports import sources
from parindex.reports.choices import PeriodKind
from parindex.reports.content import TableColumn
from parindex.reports.registry import ReportType, Section, register
from parindex.reports.report_types.common import agency_units, leaves


@register
class LostPointsLedger(ReportType):
    key = "lost_points"
    label = _("Lost-points ledger for the staff rating")
    period_kinds = (PeriodKind.YEAR,)
    summary_template = (
        "Điểm bị trừ Chỉ số cải cách hành chính {period} theo đơn vị chủ trì,\n"
        "phục vụ đánh giá, xếp loại công chức, viên chức"
    )
    sections = (
        Section(
            "purpose",
            "I. MỤC ĐÍCH",
            "Xác định trách nhiệm của các phòng, đơn vị chủ trì đối với các tiêu chí bị trừ "
            "điểm Chỉ số cải cách hành chính {period}, làm căn cứ đánh giá, xếp loại công chức, "
            "viên chức cuối năm.",
        ),
        Section(
            "conclusion",
            "III. ĐỀ XUẤT",
            "Đề nghị Hội đồng đánh giá, xếp loại xem xét kết quả trên khi đánh giá, xếp loại "
            "các tập thể, cá nhân.",
        ),
    )

    def build_snapshot(self, agency: Any, period: Any) -> dict[str, Any]:
        return {"scorecard": sources.scorecard(agency, period.year), "units": agency_units(agency)}

    def render(self, doc: Any, run: Any) -> None:
        card = run.data.get("scorecard")
        units = run.data.get("units") or {}
        self.section(doc, run, "purpose")
        doc.heading("II. ĐIỂM BỊ TRỪ THEO ĐƠN VỊ CHỦ TRÌ")
        if not card:
            doc.missing()
        else:
            by_unit = card.get("lost_by_unit") or []
            total = sum(float(u.get("lost") or 0) for u in by_unit)
            doc.paragraph(
                f"Tổng số điểm bị trừ khi thẩm định: {vn_number(total, 2)} điểm "
                f"(điểm tự đánh giá {vn_number(card.get('self_total'), 2)}, điểm thẩm định "
                f"{vn_number(card.get('appraised_total'), 2)})."
            )
            rows = [[units.get(u.get("unit"), u.get("unit")), u.get("lost")] for u in by_unit]
            rows.append(["Tổng cộng", total])
            doc.table(
                [
                    TableColumn("Đơn vị chủ trì", "text"),
                    TableColumn("Điểm bị trừ", "number", 2, width_mm=30),
                ],
                rows,
                title="Tổng hợp điểm bị trừ theo đơn vị",
                sheet="Theo đơn vị",
                bold_rows={len(rows) - 1},
            )
            detail = [
                [
                    n.get("code"),
                    n.get("title"),
                    n.get("max"),
                    n.get("self"),
                    n.get("appraised"),
                    n.get("lost"),
                    units.get(n.get("lead_unit") or "", n.get("lead_unit") or ""),
                ]
                for n in leaves(card.get("nodes") or [])
                if n.get("lost") not in (None, 0, 0.0, "0")
            ]
            doc.appendix("Phụ lục", f"Chi tiết các tiêu chí bị trừ điểm {run.period.label}")
            if detail:
                doc.table(
                    [
                        TableColumn("Mã", "text", width_mm=18),
                        TableColumn("Tiêu chí thành phần", "text"),
                        TableColumn("Điểm tối đa", "number", 2, width_mm=20),
                        TableColumn("Tự đánh giá", "number", 2, width_mm=22),
                        TableColumn("Thẩm định", "number", 2, width_mm=22),
                        TableColumn("Bị trừ", "number", 2, width_mm=20),
                        TableColumn("Đơn vị chủ trì", "text", width_mm=45),
                    ],
                    detail,
                    sheet="Chi tiết",
                )
            else:
                doc.paragraph("Không có tiêu chí bị trừ điểm.")
        self.section(doc, run, "conclusion")
