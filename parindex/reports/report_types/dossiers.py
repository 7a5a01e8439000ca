"""(d) Báo cáo tình hình tiếp nhận, giải quyết hồ sơ TTHC for a period (the monthly report)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from parindex.reports import sources
from parindex.reports.registry import ReportType, Section, register
from parindex.reports.report_types.common import dossier_tables


@register
class DossierReport(ReportType):
    key = "dossiers"
    label = _("Dossier report")
    summary_template = "Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính {period}"
    sections = (
        Section(
            "assessment",
            "II. ĐÁNH GIÁ",
            "Việc tiếp nhận, giải quyết hồ sơ thủ tục hành chính cơ bản bảo đảm đúng quy định.",
        ),
        Section(
            "solutions",
            "III. GIẢI PHÁP, NHIỆM VỤ KỲ TỚI",
            "Tiếp tục đẩy mạnh tiếp nhận hồ sơ trực tuyến, bảo đảm tỷ lệ hồ sơ trực tuyến tối "
            "thiểu 50 %; xin lỗi và hẹn lại đối với hồ sơ quá hạn.",
        ),
    )

    def build_snapshot(self, agency: Any, period: Any) -> dict[str, Any]:
        return {"dossiers": sources.dossier_figures(agency, period.start, period.end)}

    def render(self, doc: Any, run: Any) -> None:
        doc.heading("I. KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ")
        figures = run.data.get("dossiers")
        if figures:
            dossier_tables(doc, figures, run.period.label)
        else:
            doc.missing()
        self.section(doc, run, "assessment")
        self.section(doc, run, "solutions")
