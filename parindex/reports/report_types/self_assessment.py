"""(a) Báo cáo tự đánh giá, chấm điểm Chỉ số CCHC: score table (landscape appendix), items
without evidence with their explanations, difficulties and proposals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from parindex.common.numbers import vn_number
from parindex.reports import sources
from parindex.reports.choices import PeriodKind
from parindex.reports.content import TableColumn
from parindex.reports.registry import ReportType, Section, register
from parindex.reports.report_types.common import SCORE_COLUMNS, leaves, score_rows


def self_total_sentence(card: dict[str, Any]) -> str:
    """The self-assessed total against what the agency may self-assess: the points of the
    survey criteria (điều tra xã hội học) are in the framework's maximum but never self-scored,
    so "76/100" would read as 24 points lost where 9 were."""
    nodes = leaves(card.get("nodes") or [])
    self_max = sum(
        (Decimal(str(n.get("max") or 0)) for n in nodes if n.get("kind") == "self"), Decimal(0)
    )
    survey_max = sum(
        (Decimal(str(n.get("max") or 0)) for n in nodes if n.get("kind") == "survey"), Decimal(0)
    )
    sentence = (
        f"Tổng điểm tự đánh giá: {vn_number(card.get('self_total'), 2)}/"
        f"{vn_number(self_max, 2)} điểm của các tiêu chí đơn vị tự đánh giá"
    )
    if survey_max:
        sentence += (
            f" (tổng điểm tối đa của Bộ chỉ số là {vn_number(card.get('max_total'), 2)} điểm, "
            f"trong đó {vn_number(survey_max, 2)} điểm do điều tra xã hội học, đơn vị không tự "
            "chấm)"
        )
    return sentence + "; chi tiết tại Phụ lục kèm theo."


@register
class SelfAssessmentReport(ReportType):
    key = "self_assessment"
    label = _("Self-assessment report of the PAR Index")
    period_kinds = (PeriodKind.YEAR,)
    summary_template = "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính {period}"
    sections = (
        Section(
            "general",
            "I. TÌNH HÌNH CHUNG",
            "Thực hiện hướng dẫn của Ủy ban nhân dân tỉnh về việc tự đánh giá, chấm điểm Chỉ số "
            "cải cách hành chính {period}, {agency} đã tổ chức tự đánh giá, chấm điểm đối với "
            "từng tiêu chí, tiêu chí thành phần, kèm theo tài liệu kiểm chứng. Kết quả cụ thể "
            "như sau:",
        ),
        Section(
            "difficulties",
            "III. KHÓ KHĂN, VƯỚNG MẮC",
            "Một số tiêu chí chưa có đủ tài liệu kiểm chứng; việc cập nhật số liệu của một số "
            "đơn vị còn chậm.",
        ),
        Section(
            "proposals",
            "IV. ĐỀ XUẤT, KIẾN NGHỊ",
            "Đề nghị Hội đồng thẩm định xem xét, thẩm định kết quả tự đánh giá, chấm điểm của "
            "đơn vị.",
        ),
    )

    def build_snapshot(self, agency: Any, period: Any) -> dict[str, Any]:
        return {"scorecard": sources.scorecard(agency, period.year)}

    def render(self, doc: Any, run: Any) -> None:
        card = run.data.get("scorecard")
        self.section(doc, run, "general")
        doc.heading("II. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM")
        if not card:
            doc.missing()
        else:
            doc.paragraph(self_total_sentence(card))
            doc.table(
                SCORE_COLUMNS[:4],
                [r[:4] for r in score_rows(card.get("nodes") or [], top_only=True)],
                title="Kết quả tự đánh giá theo lĩnh vực",
                sheet="Theo lĩnh vực",
            )
            missing = card.get("without_evidence") or []
            doc.heading("Các nội dung chưa có tài liệu kiểm chứng", level=2)
            if missing:
                doc.table(
                    [
                        TableColumn("Mã", "text", width_mm=18),
                        TableColumn("Tiêu chí thành phần", "text"),
                        TableColumn("Điểm tự đánh giá", "number", 2, width_mm=22),
                        TableColumn("Giải trình", "text"),
                    ],
                    [
                        [m.get("code"), m.get("title"), m.get("self"), m.get("explanation")]
                        for m in missing
                    ],
                    sheet="Chưa có kiểm chứng",
                )
            else:
                doc.paragraph("Tất cả các tiêu chí tự chấm điểm đều có tài liệu kiểm chứng.")
        self.section(doc, run, "difficulties")
        self.section(doc, run, "proposals")
        doc.appendix(
            "Phụ lục",
            f"Bảng tự đánh giá, chấm điểm Chỉ số cải cách hành chính {run.period.label}",
        )
        if card:
            doc.table(SCORE_COLUMNS, score_rows(card.get("nodes") or []), sheet="Bảng điểm")
        else:
            doc.missing()
