"""Demo: the provincial framework of the current year (8 areas, 100 points, bonus and penalty),
SKHCN's assignments, and its assessment part-way through the appraisal."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from django.utils import timezone

from parindex.scorecards import services
from parindex.scorecards.choices import NodeKind, Stage
from parindex.scorecards.models import Assessment, Framework, Score
from parindex.scorecards.services.framework import FRAMEWORK_COLUMNS

# code, title, max, kind, lead, cooperating, metric, rule, method
FRAMEWORK = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "10", "", "HCTH", "", "", "", ""),
    ("1.1", "Kế hoạch cải cách hành chính năm", "3", "", "HCTH", "", "", "", ""),
    (
        "1.1.1",
        "Ban hành kế hoạch CCHC năm đúng thời hạn",
        "1",
        "",
        "HCTH",
        "",
        "",
        "",
        "Ban hành trước ngày 31/12 năm trước: 1 điểm; chậm: 0 điểm",
    ),
    (
        "1.1.2",
        "Mức độ hoàn thành kế hoạch CCHC năm",
        "2",
        "",
        "HCTH",
        "VP; QLCN; TDC",
        "tasks.on_time_rate",
        "steps 100:1, 80:0.5",
        "Hoàn thành 100% nhiệm vụ: 2 điểm; từ 80% đến dưới 100%: 1 điểm; dưới 80%: 0 điểm",
    ),
    (
        "1.2",
        "Thực hiện chế độ báo cáo CCHC định kỳ",
        "2",
        "",
        "HCTH",
        "",
        "",
        "",
        "Đủ số lượng, đúng thời hạn: 2 điểm; thiếu hoặc chậm 1 báo cáo: trừ 0,5 điểm",
    ),
    (
        "1.3",
        "Kiểm tra công tác CCHC đối với các đơn vị trực thuộc",
        "2",
        "",
        "TTRA",
        "HCTH",
        "inspections.plan_rate",
        "full_at 100",
        "Kiểm tra ≥ 30% đơn vị và xử lý sau kiểm tra: 2 điểm",
    ),
    ("1.4", "Công tác tuyên truyền cải cách hành chính", "1.5", "", "VP", "", "", "", ""),
    (
        "1.5",
        "Sáng kiến, giải pháp mới trong CCHC",
        "1.5",
        "",
        "QLCN",
        "TTUD",
        "initiatives.coverage",
        "at_least 100",
        "Mỗi phòng, đơn vị có ít nhất 1 sáng kiến được công nhận: 1,5 điểm",
    ),
    ("2", "Xây dựng và tổ chức thực hiện văn bản QPPL", "10", "", "TTRA", "", "", "", ""),
    (
        "2.1",
        "Tham mưu xây dựng văn bản QPPL thuộc lĩnh vực quản lý",
        "3",
        "",
        "QLCN",
        "TTRA",
        "legal.on_time_rate",
        "full_at 100",
        "",
    ),
    ("2.2", "Rà soát, hệ thống hóa văn bản QPPL", "2.5", "", "TTRA", "", "", "", ""),
    (
        "2.3",
        "Theo dõi tình hình thi hành pháp luật",
        "2",
        "",
        "TTRA",
        "",
        "recommendations.rate",
        "full_at 100",
        "",
    ),
    ("2.4", "Kiểm tra, xử lý văn bản QPPL", "2.5", "", "TTRA", "", "", "", ""),
    ("3", "Cải cách thủ tục hành chính", "14.5", "", "VP", "", "", "", ""),
    ("3.1", "Rà soát, đơn giản hóa thủ tục hành chính", "2", "", "VP", "QLCN; TDC", "", "", ""),
    ("3.2", "Công bố, công khai thủ tục hành chính", "2", "", "VP", "", "", "", ""),
    ("3.3", "Thực hiện cơ chế một cửa, một cửa liên thông", "6.5", "", "TDC", "", "", "", ""),
    (
        "3.3.1",
        "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn",
        "3",
        "",
        "TDC",
        "VP",
        "dossiers.on_time_rate",
        "steps 100:1, 95:0.5",
        "100% đúng hạn: 3 điểm; từ 95% đến dưới 100%: 1,5 điểm; dưới 95%: 0 điểm",
    ),
    (
        "3.3.2",
        "Tỷ lệ hồ sơ giải quyết trong năm được tiếp nhận trực tuyến",
        "2",
        "",
        "TDC",
        "TTUD",
        "dossiers.resolved_online_share",
        "full_at 50",
        "Đạt ≥ 50%: 2 điểm; dưới 50%: tính theo tỷ lệ",
    ),
    (
        "3.3.3",
        "Thực hiện xin lỗi người dân khi giải quyết hồ sơ trễ hạn",
        "1.5",
        "",
        "TDC",
        "",
        "",
        "",
        "",
    ),
    (
        "3.4",
        "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức",
        "1.5",
        "",
        "VP",
        "",
        "",
        "",
        "",
    ),
    (
        "3.5",
        "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC",
        "2.5",
        "điều tra XHH",
        "",
        "",
        "",
        "",
        "Điểm điều tra xã hội học do Hội đồng thẩm định nhập",
    ),
    ("4", "Cải cách tổ chức bộ máy hành chính", "11", "", "VP", "", "", "", ""),
    ("4.1", "Sắp xếp, kiện toàn tổ chức bộ máy theo quy định", "3", "", "VP", "", "", "", ""),
    ("4.2", "Thực hiện quy định về vị trí việc làm", "3", "", "VP", "", "", "", ""),
    ("4.3", "Quản lý, sử dụng biên chế được giao", "2.5", "", "VP", "KHTC", "", "", ""),
    ("4.4", "Thực hiện phân cấp quản lý", "2.5", "", "HCTH", "", "", "", ""),
    ("5", "Xây dựng và nâng cao chất lượng đội ngũ CBCCVC", "16", "", "VP", "", "", "", ""),
    ("5.1", "Tuyển dụng, sử dụng công chức, viên chức", "4", "", "VP", "", "", "", ""),
    ("5.2", "Đánh giá, xếp loại công chức, viên chức", "4", "", "VP", "", "", "", ""),
    ("5.3", "Đào tạo, bồi dưỡng công chức, viên chức", "3", "", "VP", "", "", "", ""),
    ("5.4", "Chấp hành kỷ luật, kỷ cương hành chính", "3", "", "TTRA", "VP", "", "", ""),
    (
        "5.5",
        "Đánh giá của người dân về thái độ phục vụ của công chức",
        "2",
        "điều tra XHH",
        "",
        "",
        "",
        "",
        "",
    ),
    ("6", "Cải cách tài chính công", "7", "", "KHTC", "", "", "", ""),
    ("6.1", "Thực hiện cơ chế tự chủ tài chính", "3", "", "KHTC", "", "", "", ""),
    ("6.2", "Quản lý, sử dụng tài sản công", "2", "", "KHTC", "", "", "", ""),
    ("6.3", "Công khai ngân sách theo quy định", "2", "", "KHTC", "", "", "", ""),
    ("7", "Xây dựng chính quyền điện tử, chuyển đổi số", "16", "", "TTUD", "", "", "", ""),
    (
        "7.1",
        "Ứng dụng công nghệ thông tin trong hoạt động nội bộ",
        "4",
        "",
        "TTUD",
        "VP",
        "",
        "",
        "",
    ),
    ("7.2", "Cung cấp dịch vụ công trực tuyến", "6", "", "TTUD", "", "", "", ""),
    (
        "7.2.1",
        "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
        "3",
        "",
        "TTUD",
        "VP",
        "procedures.online_coverage",
        "full_at 80",
        "",
    ),
    (
        "7.2.2",
        "Tỷ lệ hồ sơ TTHC nộp trực tuyến",
        "3",
        "",
        "TTUD",
        "TDC",
        "dossiers.online_share",
        "full_at 50",
        "",
    ),
    ("7.3", "Số hóa hồ sơ, kết quả giải quyết TTHC", "3", "", "TTUD", "", "", "", ""),
    ("7.4", "Áp dụng Hệ thống quản lý chất lượng ISO 9001", "3", "", "TDC", "", "", "", ""),
    (
        "8",
        "Tác động của cải cách hành chính",
        "15.5",
        "điều tra XHH",
        "",
        "",
        "",
        "",
        "Điều tra xã hội học do tỉnh tổ chức",
    ),
    ("8.1", "Tác động đến chất lượng thể chế", "3", "", "", "", "", "", ""),
    ("8.2", "Tác động đến chất lượng giải quyết TTHC", "4", "", "", "", "", "", ""),
    ("8.3", "Tác động đến tổ chức bộ máy hành chính", "2.5", "", "", "", "", "", ""),
    ("8.4", "Tác động đến đội ngũ công chức, viên chức", "3", "", "", "", "", "", ""),
    ("8.5", "Tác động đến phát triển kinh tế - xã hội của tỉnh", "3", "", "", "", "", "", ""),
    ("9", "Điểm thưởng", "2", "thưởng", "", "", "", "", ""),
    ("9.1", "Sáng kiến CCHC được UBND tỉnh công nhận", "1", "", "QLCN", "", "", "", ""),
    ("9.2", "Mô hình mới được nhân rộng trong tỉnh", "1", "", "TTUD", "", "", "", ""),
    ("10", "Điểm phạt", "3", "phạt", "", "", "", "", ""),
    (
        "10.1",
        "Để xảy ra sai phạm bị cấp có thẩm quyền xử lý kỷ luật",
        "2",
        "",
        "TTRA",
        "",
        "",
        "",
        "",
    ),
    ("10.2", "Chậm báo cáo CCHC theo yêu cầu của UBND tỉnh", "1", "", "HCTH", "", "", "", ""),
]

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


def _csv() -> io.BytesIO:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.label for column in FRAMEWORK_COLUMNS])
    for code, title, mx, kind, lead, coop, metric, rule, method in FRAMEWORK:
        evidence = "Kế hoạch, báo cáo, quyết định có liên quan" if "." in code else ""
        writer.writerow([code, title, mx, method, evidence, kind, lead, coop, metric, rule])
    return io.BytesIO(out.getvalue().encode("utf-8"))


def load(ctx) -> None:
    year = timezone.localdate().year
    services.import_framework(
        _csv(),
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
