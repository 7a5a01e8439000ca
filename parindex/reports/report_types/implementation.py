"""(b) Báo cáo tình hình thực hiện CCHC (quarter, 6 months, year): a section per area of the
index with the figures the system holds, the general assessment and the next period's tasks."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from parindex.common.numbers import vn_number, vn_percent
from parindex.reports import sources
from parindex.reports.choices import PeriodKind
from parindex.reports.content import TableColumn
from parindex.reports.formatting import short_date
from parindex.reports.registry import ReportType, Section, register
from parindex.reports.report_types.common import dossier_tables
from parindex.reports.report_types.registers import (
    inspection_paragraphs,
    legal_paragraphs,
)


@register
class ImplementationReport(ReportType):
    key = "par_implementation"
    label = _("PAR implementation report")
    period_kinds = (PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)
    summary_template = "Tình hình thực hiện công tác cải cách hành chính {period}"
    sections = (
        Section(
            "direction",
            "1. Công tác chỉ đạo, điều hành cải cách hành chính",
            "Ban hành kế hoạch cải cách hành chính, kế hoạch tuyên truyền và kế hoạch kiểm tra; "
            "quán triệt, phân công nhiệm vụ cho các phòng, đơn vị.",
        ),
        Section(
            "institutions", "2. Cải cách thể chế", "Rà soát, kiểm tra văn bản quy phạm pháp luật."
        ),
        Section(
            "procedures",
            "3. Cải cách thủ tục hành chính",
            "Công bố, công khai thủ tục hành chính; giải quyết thủ tục hành chính theo cơ chế "
            "một cửa, một cửa liên thông.",
        ),
        Section("organisation", "4. Cải cách tổ chức bộ máy hành chính", ""),
        Section("civil_service", "5. Cải cách chế độ công vụ", ""),
        Section("public_finance", "6. Cải cách tài chính công", ""),
        Section(
            "digital",
            "7. Xây dựng, phát triển Chính quyền điện tử, Chính quyền số",
            "",
        ),
        Section(
            "assessment",
            "II. ĐÁNH GIÁ CHUNG",
            "Công tác cải cách hành chính {period} được triển khai đồng bộ, đạt kết quả tích cực.",
        ),
        Section(
            "next_tasks",
            "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
            "Tiếp tục thực hiện các nhiệm vụ theo Kế hoạch cải cách hành chính năm {year}.",
        ),
        Section("proposals", "IV. ĐỀ XUẤT, KIẾN NGHỊ", "Không."),
    )

    def build_snapshot(self, agency: Any, period: Any) -> dict[str, Any]:
        return {
            "tasks": sources.task_figures(agency, period.start, period.end),
            "dossiers": sources.dossier_figures(agency, period.start, period.end),
            "procedure_review": sources.procedure_review(agency, period.start, period.end),
            "initiatives": sources.initiative_coverage(agency, period.year),
            "points_at_risk": sources.points_at_risk(agency, period.year),
            "registers": sources.registers_figures(agency, period.year, _as_of(period)),
        }

    def render(self, doc: Any, run: Any) -> None:
        data = run.data
        label = run.period.label
        doc.heading("I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH")
        self.section(doc, run, "direction")
        tasks = data.get("tasks")
        doc.heading("Kết quả thực hiện nhiệm vụ theo kế hoạch", level=3)
        if tasks:
            doc.paragraph(
                f"Tổng số nhiệm vụ đến hạn trong kỳ: {vn_number(tasks.get('total'), 0)}; đã hoàn "
                f"thành {vn_number(tasks.get('completed'), 0)}, trong đó đúng hạn "
                f"{vn_number(tasks.get('completed_on_time'), 0)} (tỷ lệ "
                f"{vn_percent(tasks.get('on_time_rate'))}); quá hạn chưa hoàn thành "
                f"{vn_number(tasks.get('overdue'), 0)}."
            )
            by_unit = tasks.get("by_unit") or []
            if by_unit:
                doc.table(
                    [
                        TableColumn("Đơn vị", "text"),
                        TableColumn("Số nhiệm vụ", "int", width_mm=22),
                        TableColumn("Đã hoàn thành", "int", width_mm=22),
                        TableColumn("Đúng hạn", "int", width_mm=22),
                        TableColumn("Quá hạn", "int", width_mm=22),
                    ],
                    [
                        [
                            u.get("label") or u.get("unit"),
                            u.get("total"),
                            u.get("completed"),
                            u.get("completed_on_time"),
                            u.get("overdue"),
                        ]
                        for u in by_unit
                    ],
                    title="Kết quả thực hiện nhiệm vụ theo đơn vị",
                    sheet="Nhiệm vụ theo đơn vị",
                )
        else:
            doc.missing()
        initiatives = data.get("initiatives")
        doc.heading("Sáng kiến, giải pháp cải cách hành chính", level=3)
        if initiatives:
            doc.paragraph(
                f"Có {vn_number(initiatives.get('units_with_initiative'), 0)}/"
                f"{vn_number(initiatives.get('units_total'), 0)} phòng, đơn vị đăng ký sáng kiến "
                f"(tỷ lệ {vn_percent(initiatives.get('coverage'))})."
            )
        else:
            doc.missing()
        registers = data.get("registers")
        doc.heading("Công tác kiểm tra, thanh tra và xử lý sau kiểm tra, thanh tra", level=3)
        if registers:
            inspection_paragraphs(doc, registers)
        else:
            doc.missing()
        self.section(doc, run, "institutions")
        doc.heading("Xây dựng, rà soát văn bản quy phạm pháp luật", level=3)
        if registers:
            legal_paragraphs(doc, registers)
        else:
            doc.missing()
        self.section(doc, run, "procedures")
        dossiers = data.get("dossiers")
        doc.heading("Kết quả giải quyết hồ sơ thủ tục hành chính", level=3)
        if dossiers:
            dossier_tables(doc, dossiers, label)
        else:
            doc.missing()
        review = data.get("procedure_review")
        if review and review.get("online_without_dossiers"):
            names = "; ".join(
                f"{p.get('code')} {p.get('name')}" for p in review["online_without_dossiers"][:20]
            )
            doc.paragraph(
                f"Thủ tục cung cấp dịch vụ công trực tuyến nhưng chưa phát sinh hồ sơ trực tuyến: {names}."
            )
        for key in ("organisation", "civil_service", "public_finance", "digital"):
            self.section(doc, run, key)
        self.section(doc, run, "assessment")
        risk = data.get("points_at_risk")
        doc.heading("Các tiêu chí có nguy cơ bị trừ điểm", level=3)
        if risk and risk.get("items"):
            doc.table(
                [
                    TableColumn("Mã", "text", width_mm=15),
                    TableColumn("Tiêu chí", "text"),
                    TableColumn("Điểm có nguy cơ mất", "number", 2, width_mm=25),
                    TableColumn("Đơn vị chủ trì", "text", width_mm=25),
                    TableColumn("Lý do", "text"),
                ],
                [
                    [
                        i.get("code"),
                        i.get("title"),
                        i.get("at_risk"),
                        i.get("lead_unit"),
                        i.get("reason"),
                    ]
                    for i in risk["items"]
                ],
                sheet="Nguy cơ mất điểm",
            )
        elif risk is not None:
            doc.paragraph("Không có tiêu chí có nguy cơ bị trừ điểm.")
        else:
            doc.missing()
        self.section(doc, run, "next_tasks")
        upcoming = (tasks or {}).get("next_period") or []
        if upcoming:
            doc.table(
                [
                    TableColumn("Nhiệm vụ", "text"),
                    TableColumn("Đơn vị", "text", width_mm=30),
                    TableColumn("Thời hạn", "text", width_mm=25),
                ],
                [
                    [t.get("title"), t.get("unit"), short_date(_date(t.get("due")))]
                    for t in upcoming
                ],
                title="Nhiệm vụ đến hạn kỳ tới",
                sheet="Nhiệm vụ kỳ tới",
            )
        self.section(doc, run, "proposals")


def _date(value: Any):
    import datetime as dt

    return dt.date.fromisoformat(value) if value else None


def _as_of(period: Any):
    """The registers are read at the period's end, or today while the period runs."""
    from django.utils import timezone

    return min(period.end, timezone.localdate())
