"""Demo reports: the director's notice of conclusions (issued, as in the seed document), a draft
self-assessment report, a draft quarterly dossier report and a monthly schedule. Idempotent."""

from __future__ import annotations

import datetime as dt

from parindex.reports import periods, services
from parindex.reports.models import ReportRun, ReportSchedule

ALL_UNITS = ["VP", "HCTH", "QLCN", "TDC", "KHTC", "TTRA", "TTUD"]

# The eleven conclusions of the director's notice after the PAR Index talk of May 2022 (the
# document parindex was made for), carried to the demo year; each becomes one task per unit.
CONCLUSIONS = [
    {
        "text": "Để duy trì, cải thiện Chỉ số CCHC năm 2026 đạt thứ hạng cao trong nhóm đầu các "
        "sở, ban, ngành, các phòng, đơn vị căn cứ Kế hoạch CCHC năm 2026 và nhiệm vụ được giao, "
        "chủ động triển khai đạt hiệu quả cao nhất các nội dung được phân công và thực hiện đầy "
        "đủ chế độ thông tin, báo cáo về CCHC theo quy định.",
        "units": ALL_UNITS,
        "deadline": "2026-12-15",
    },
    {
        "text": "Trưởng các phòng, đơn vị căn cứ cách chấm điểm theo hướng dẫn của Sở rà soát, "
        "hoàn thành các tiêu chí thuộc chức năng, nhiệm vụ của mình; tiêu chí bị Hội đồng thẩm "
        "định trừ điểm thì người đứng đầu phòng, đơn vị tham mưu chịu trách nhiệm, gắn với xếp "
        "loại công chức, viên chức. Phòng QLCN&CN chủ trì, phối hợp Phòng TĐC và Trung tâm "
        "ƯD&DV KH&CN tham mưu đánh giá các chỉ tiêu PCI được giao.",
        "units": ["QLCN", "TDC", "TTUD"],
        "deadline": "2026-03-31",
    },
    {
        "text": "Mỗi phòng, đơn vị thuộc Sở đăng ký và triển khai thực hiện 01 sáng kiến hoặc "
        "giải pháp đổi mới trong cải cách hành chính.",
        "units": ALL_UNITS,
        "deadline": "2026-04-30",
    },
    {
        "text": "Các phòng, đơn vị tiếp nhận và tham mưu giải quyết thủ tục hành chính đẩy mạnh "
        "tuyên truyền, hướng dẫn người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến; trả "
        "kết quả đúng và sớm hạn, hạn chế tối đa hồ sơ trễ hạn; phấn đấu tỷ lệ hồ sơ giải quyết "
        "trực tuyến đạt từ 50 % tổng số hồ sơ trong năm; rà soát thủ tục đã cung cấp trực tuyến "
        "nhưng không phát sinh hồ sơ để đề xuất điều chỉnh.",
        "units": ["QLCN", "TDC", "TTUD"],
        "deadline": "2026-06-30",
    },
    {
        "text": "Đẩy mạnh tuyên truyền CCHC và các lĩnh vực CCHC của Sở; tổ chức tốt các "
        "chương trình, đề án, sự kiện hỗ trợ tổ chức, doanh nghiệp để nâng điểm tiêu chí đánh "
        "giá tác động của CCHC qua điều tra xã hội học về mức độ hài lòng của người dân, tổ "
        "chức.",
        "units": ["VP", "QLCN", "TDC", "TTUD"],
        "deadline": "2026-09-30",
    },
    {
        "text": "Tham mưu xây dựng, ban hành văn bản quy phạm pháp luật đúng trình tự, thủ tục; "
        "rà soát văn bản quy phạm pháp luật và kịp thời kiến nghị xử lý các nội dung không còn "
        "phù hợp.",
        "units": ["VP", "QLCN", "TDC"],
        "deadline": "2026-10-31",
    },
    {
        "text": "Thanh tra Sở thực hiện tốt công tác thanh tra và theo dõi thi hành pháp luật năm "
        "2026 thuộc lĩnh vực khoa học và công nghệ; xử lý hoặc kiến nghị xử lý các vấn đề phát "
        "hiện qua thanh tra, theo dõi.",
        "units": ["TTRA"],
        "deadline": "2026-11-30",
    },
    {
        "text": "Rà soát, trình công bố kịp thời, đầy đủ thủ tục hành chính thuộc thẩm quyền "
        "giải quyết của Sở; đề xuất trang thiết bị duy trì cơ chế một cửa, một cửa liên thông "
        "đối với 100 % thủ tục trên môi trường mạng; hiện đại hóa việc thanh toán.",
        "units": ["VP", "HCTH", "KHTC"],
        "deadline": "2026-08-31",
    },
    {
        "text": "Bố trí công chức, viên chức đúng cơ cấu ngạch và chức danh nghề nghiệp theo Đề án "
        "vị trí việc làm; Trung tâm Ứng dụng và Dịch vụ KH&CN kiện toàn lãnh đạo cấp phòng; "
        "hoàn thành đào tạo, bồi dưỡng công chức, viên chức theo kế hoạch.",
        "units": ["HCTH", "TTUD"],
        "deadline": "2026-09-30",
    },
    {
        "text": "Trên cơ sở Chương trình công tác năm 2026 và nhiệm vụ được cấp có thẩm quyền "
        "giao, các phòng, đơn vị hoàn thành nhiệm vụ đúng tiến độ, bảo đảm chất lượng để không "
        "ảnh hưởng đến Chỉ số CCHC.",
        "units": ALL_UNITS,
        "deadline": "2026-12-15",
    },
    {
        "text": "Phòng Hành chính – Tổng hợp chủ trì, phối hợp các phòng, đơn vị tổ chức sơ kết "
        "công tác CCHC 6 tháng đầu năm của Sở; tham mưu lịch kiểm tra công tác CCHC năm 2026.",
        "units": ["HCTH"],
        "deadline": "2026-07-15",
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
            summary="Kết luận của Giám đốc Sở tại buổi Tọa đàm chuyên đề về xây dựng và triển "
            "khai các giải pháp duy trì, nâng cao Chỉ số cải cách hành chính của Sở năm 2026",
            sections={
                "opening": "Ngày 03 tháng 02 năm 2026, Sở Khoa học và Công nghệ tổ chức buổi "
                "Tọa đàm chuyên đề đánh giá kết quả Chỉ số cải cách hành chính (CCHC) năm 2025 "
                "và bàn giải pháp duy trì, nâng cao Chỉ số CCHC của Sở năm 2026. Tham dự có lãnh "
                "đạo Sở, lãnh đạo các phòng, đơn vị và công chức theo dõi công tác CCHC. Sau khi "
                "nghe Phòng Hành chính – Tổng hợp báo cáo kết quả CCHC năm 2025 và nhiệm vụ, giải "
                "pháp trọng tâm năm 2026, tham luận của các phòng, đơn vị và ý kiến của các đại "
                "biểu, Giám đốc Sở kết luận như sau:",
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
