"""Demo: the provincial framework of the current year (8 areas, 100 points, bonus and penalty),
SKHCN's assignments, and its assessment part-way through the appraisal."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from parindex.scorecards import services
from parindex.scorecards.choices import NodeKind, Stage
from parindex.scorecards.models import Assessment, Framework, Score

#: The framework as a framework file (docs/formats.md): 8 areas of 100 points, bonus and penalty,
#: the lead and cooperating units, and the criteria that read a metric with their rule.
FRAMEWORK_FILE = Path(__file__).parent / "fixtures" / "demo_framework.csv"

# Self scores that differ from the maximum (the rest are scored at the maximum).
SELF = {
    "1.1.2": "1",
    "1.4": "1",
    "4.3": "2",
    "2.3": "1.5",
    "3.3.2": "1.5",
    "6.2": "1.5",
    "7.3": "2.5",
    "9.1": "1",
    "9.2": "0",
    "10.1": "0",
    "10.2": "0.5",
}
# Round 1: (points, reason); explanations by the lead unit.
APPRAISAL = {
    "1.3": ("1.5", "Chưa có báo cáo kết quả xử lý sau kiểm tra tại 2 đơn vị"),
    "3.3.1": ("1.5", "Tỷ lệ hồ sơ đúng hạn 96,2% (01 hồ sơ trễ hạn chưa xin lỗi)"),
    "7.2.2": ("2", "Tỷ lệ hồ sơ nộp trực tuyến 41%, chưa đạt 50%"),
    "5.2": ("3.5", "Chậm gửi kết quả đánh giá, xếp loại về Sở Nội vụ"),
    "4.3": ("2.5", ""),
}
SURVEY = {
    "3.5": "2.1",
    "5.5": "1.75",
    "8.1": "2.6",
    "8.2": "3.4",
    "8.3": "2.2",
    "8.4": "2.55",
    "8.5": "2.5",
}
EXPLANATIONS = {
    "1.3": "Đơn vị đã bổ sung Báo cáo số 45/BC-TTRA ngày 20/12 về kết quả xử lý sau kiểm tra.",
    "3.3.1": "Hồ sơ trễ hạn do chờ kết quả liên thông; đã có Phiếu xin lỗi số 02/PXL ngày 15/11.",
}


def load(ctx) -> None:
    year = timezone.localdate().year
    services.import_framework(
        io.BytesIO(FRAMEWORK_FILE.read_bytes()),
        filename="demo-framework.csv",
        year=year,
        agency_code=ctx.agency.code,
        name=f"Bộ chỉ số CCHC các sở, ban, ngành tỉnh Quảng Ngãi năm {year}",
    )
    framework = Framework.objects.get(year=year)
    ctx.extra["framework"] = framework
    responsible = ctx.people.get("chuyenvien")
    if responsible is not None:
        node = framework.nodes.get(code="1.5")
        services.assignment_set(
            actor=None,
            agency=ctx.agency,
            node=node,
            lead_unit=ctx.units["QLCN"],
            cooperating_units=[ctx.units["TTUD"]],
            responsible=responsible,
        )
    today = timezone.localdate()
    assessment = services.assessment_open(
        actor=None,
        agency=ctx.agency,
        year=year,
        deadlines={
            "self_deadline": today - dt.timedelta(days=40),
            "appraisal_1_deadline": today - dt.timedelta(days=15),
            "explanation_deadline": today + dt.timedelta(days=7),
            "appraisal_2_deadline": today + dt.timedelta(days=21),
        },
    )
    ctx.extra["assessment"] = assessment
    if (
        assessment.stage == Stage.DRAFT
        and not Score.objects.filter(assessment=assessment, self_points__isnull=False).exists()
    ):
        _walk(assessment)
    _second_agency(ctx, year)
    ctx.say(
        f"Scorecards: framework {year} ({framework.nodes.count()} criteria), "
        f"{ctx.agency.code} at stage {Assessment.objects.get(pk=assessment.pk).stage}"
    )


def _scores(assessment):
    return {
        s.node.code: s
        for s in Score.objects.filter(assessment=assessment).select_related(
            "node", "assessment__agency", "assessment__framework"
        )
    }


def _walk(assessment) -> None:
    year = assessment.framework.year
    for code, score in _scores(assessment).items():
        if score.node.kind == NodeKind.SURVEY:
            continue
        points = Decimal(SELF.get(code, score.node.max_points))
        explanation = (
            "" if points == score.node.max_points else "Đơn vị tự đánh giá chưa đạt tối đa."
        )
        services.score_self(actor=None, score=score, points=points, explanation=explanation)
        services.reference_add(
            actor=None,
            score=score,
            number=f"{10 + len(code)}/BC-SKHCN",
            issued_on=dt.date(year, 1, 1) if year > 2000 else None,
            summary=f"Báo cáo kết quả thực hiện tiêu chí {code}",
        )
    services.assessment_move(actor=None, assessment=assessment, to_stage=Stage.SUBMITTED)
    services.assessment_move(actor=None, assessment=assessment, to_stage=Stage.APPRAISAL_1)
    scores = _scores(assessment)
    for code, (points, reason) in APPRAISAL.items():
        services.score_appraise(actor=None, score=scores[code], points=points, reason=reason)
    for code, points in SURVEY.items():
        services.score_appraise(actor=None, score=scores[code], points=points)
    services.assessment_move(actor=None, assessment=assessment, to_stage=Stage.EXPLANATION)
    scores = _scores(assessment)
    for code, answer in EXPLANATIONS.items():
        services.score_explain(actor=None, score=scores[code], answer=answer)


def _second_agency(ctx, year: int) -> None:
    """A second agency with self scores only, so the ranking has more than one row."""
    assessment = services.assessment_open(actor=None, agency=ctx.second_agency, year=year)
    if Score.objects.filter(assessment=assessment, self_points__isnull=False).exists():
        return
    for score in _scores(assessment).values():
        if score.node.kind in (NodeKind.SELF,):
            services.score_self(
                actor=None,
                score=score,
                points=(score.node.max_points * Decimal("0.9")).quantize(Decimal("0.01")),
            )
