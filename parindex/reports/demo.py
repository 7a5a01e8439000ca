"""Demo reports: the director's notice of conclusions (issued, as in the seed document), a draft
self-assessment report, a draft quarterly dossier report and a monthly schedule. Idempotent."""

from __future__ import annotations

import datetime as dt

from parindex.reports import periods, services
from parindex.reports.models import ReportRun, ReportSchedule

CONCLUSIONS = [
    {
        "text": "Rà soát, bổ sung đầy đủ tài liệu kiểm chứng cho các tiêu chí bị trừ điểm năm "
        "2025; gửi Phòng Hành chính – Tổng hợp tổng hợp.",
        "units": ["QLCN", "TDC", "HCTH"],
        "deadline": "2026-03-15",
    },
    {
        "text": "Nâng tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến đạt tối thiểu 50 %.",
        "units": ["QLCN", "TDC"],
        "deadline": "2026-06-30",
    },
    {
        "text": "Xây dựng và đăng ký sáng kiến cải cách hành chính của từng phòng, đơn vị.",
        "units": ["TTUD", "KHTC"],
        "deadline": "2026-04-30",
    },
    {
        "text": "Theo dõi điểm bị trừ theo đơn vị chủ trì làm căn cứ đánh giá, xếp loại công "
        "chức, viên chức cuối năm.",
        "units": ["HCTH"],
        "deadline": "2026-12-15",
    },
]


def _existing(ctx, type_key: str, period: periods.Period) -> ReportRun | None:
    return (
        ReportRun.objects.filter(
            agency=ctx.agency,
            type_key=type_key,
            period_start=period.start,
            period_end=period.end,
        )
        .exclude(status="superseded")
        .first()
    )


def load(ctx) -> None:
    secretariat = ctx.people["thuky"]
    notice_period = periods.parse("2026-02")
    notice = _existing(ctx, "conclusion_notice", notice_period)
    if notice is None:
        notice = services.run_create(
            actor=secretariat,
            agency=ctx.agency,
            type_key="conclusion_notice",
            period=notice_period,
        )
        notice = services.run_update_sections(
            actor=secretariat,
            run=notice,
            summary="Kết luận của Giám đốc Sở tại cuộc họp đánh giá kết quả Chỉ số cải cách "
            "hành chính năm 2025 và triển khai nhiệm vụ năm 2026",
            sections={
                "opening": "Ngày 03 tháng 02 năm 2026, Giám đốc Sở chủ trì cuộc họp đánh giá "
                "kết quả Chỉ số cải cách hành chính năm 2025 của Sở Khoa học và Công nghệ. Tham "
                "dự cuộc họp có các Phó Giám đốc Sở, lãnh đạo các phòng, đơn vị trực thuộc. Sau "
                "khi nghe Phòng Hành chính – Tổng hợp báo cáo và ý kiến của các đại biểu, Giám "
                "đốc Sở kết luận như sau:",
            },
            conclusions=CONCLUSIONS,
        )
        services.run_issue(
            actor=secretariat,
            run=notice,
            number=12,
            issued_on=dt.date(2026, 2, 5),
            signer_name="Trương Công Định",
            signer_authority="TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG",
            recipients=["Giám đốc, các Phó Giám đốc Sở", "Các phòng, đơn vị thuộc Sở"],
        )
    for type_key, key in (("self_assessment", "2026"), ("dossiers", "2026-Q1")):
        period = periods.parse(key)
        if _existing(ctx, type_key, period) is None:
            services.run_create(
                actor=secretariat, agency=ctx.agency, type_key=type_key, period=period
            )
    schedule = ReportSchedule.objects.filter(
        agency=ctx.agency, type_key="dossiers", frequency="monthly"
    ).first()
    if schedule is None:
        services.schedule_create(
            actor=secretariat,
            agency=ctx.agency,
            type_key="dossiers",
            frequency="monthly",
            recipients=[secretariat, ctx.people["giamdoc"]],
        )
    ctx.extra["reports_notice"] = notice
    ctx.say("Reports: a notice of conclusions (12/TB), two drafts and a monthly schedule.")
