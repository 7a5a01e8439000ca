"""Demo registers for the demo agency (SKHCN), for the current year.

A drafting plan of six legal documents (submitted on time, late, overdue, not due, one
withdrawn), a review with its verdicts, ten inspections (the inspectorate's plan, an unplanned
one and the PAR checks of four units) and about thirty recommendations from every source, some
done on time, some late, some overdue. Each recommendation comes with its task. Idempotent:
records that exist are left as they are. Dates after today are left empty.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from parindex.registers.choices import InspectionKind, RecommendationSource, ReviewKind, Verdict
from parindex.registers.models import Inspection, LegalDocument, Recommendation, Review, today
from parindex.registers.services import (
    document_create,
    inspection_create,
    recommendation_create,
    review_create,
)

# code, title, lead unit, (month, day) due, sent, submitted, issued, withdrawn, number
DOCUMENTS = [
    (
        "DT-01",
        "Quy định quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh",
        "QLCN",
        (3, 31),
        (3, 5),
        (3, 28),
        (4, 15),
        None,
        "08/{y}/QĐ-UBND",
    ),
    (
        "DT-02",
        "Quy định xét tặng giải thưởng khoa học và công nghệ tỉnh",
        "QLCN",
        (6, 30),
        (6, 10),
        (7, 8),
        (7, 25),
        None,
        "21/{y}/QĐ-UBND",
    ),
    (
        "DT-03",
        "Quy định quản lý đo lường đối với hàng đóng gói sẵn",
        "TDC",
        (9, 30),
        (9, 1),
        None,
        None,
        None,
        "",
    ),
    (
        "DT-04",
        "Quy chế quản lý chương trình phát triển tài sản trí tuệ",
        "QLCN",
        (11, 30),
        (11, 20),
        None,
        None,
        None,
        "",
    ),
    (
        "DT-05",
        "Quy định hỗ trợ doanh nghiệp đổi mới công nghệ",
        "KHTC",
        (12, 31),
        None,
        None,
        None,
        None,
        "",
    ),
    (
        "DT-06",
        "Quy định về an toàn bức xạ trong y tế",
        "TDC",
        (5, 31),
        None,
        None,
        None,
        (4, 20),
        "",
    ),
]

# code, subject, kind, unit, target, planned, decision, due, concluded
INSPECTIONS = [
    (
        "TTr-01",
        "Thanh tra việc thực hiện nhiệm vụ KH&CN cấp tỉnh",
        InspectionKind.INSPECTION,
        "TTRA",
        "Trung tâm Ứng dụng và Dịch vụ KH&CN",
        True,
        (2, 15),
        (4, 30),
        (4, 25),
    ),
    (
        "TTr-02",
        "Thanh tra chuyên ngành đo lường xăng dầu",
        InspectionKind.SPECIALISED,
        "TTRA",
        "Cửa hàng xăng dầu trên địa bàn tỉnh",
        True,
        (3, 10),
        (5, 31),
        (6, 12),
    ),
    (
        "TTr-03",
        "Kiểm tra an toàn bức xạ cơ sở X-quang",
        InspectionKind.SPECIALISED,
        "TTRA",
        "Cơ sở y tế tư nhân",
        True,
        (5, 5),
        (7, 31),
        (7, 20),
    ),
    (
        "TTr-04",
        "Kiểm tra sở hữu trí tuệ hàng hóa lưu thông",
        InspectionKind.SPECIALISED,
        "TTRA",
        "Chợ và siêu thị",
        True,
        (8, 1),
        (10, 31),
        None,
    ),
    (
        "TTr-05",
        "Theo dõi thi hành pháp luật về chuyển giao công nghệ",
        InspectionKind.LAW_MONITORING,
        "TTRA",
        "Doanh nghiệp",
        True,
        (9, 1),
        (12, 31),
        None,
    ),
    (
        "TTr-06",
        "Thanh tra đột xuất chất lượng mũ bảo hiểm",
        InspectionKind.SPECIALISED,
        "TTRA",
        "Cửa hàng kinh doanh",
        False,
        (6, 1),
        (7, 15),
        (7, 10),
    ),
    (
        "KT-CCHC-01",
        "Kiểm tra công tác CCHC Phòng QLCN&CN",
        InspectionKind.PAR_CHECK,
        "HCTH",
        "QLCN",
        True,
        (4, 1),
        (4, 30),
        (4, 28),
    ),
    (
        "KT-CCHC-02",
        "Kiểm tra công tác CCHC Phòng TĐC",
        InspectionKind.PAR_CHECK,
        "HCTH",
        "TDC",
        True,
        (5, 2),
        (5, 31),
        (6, 5),
    ),
    (
        "KT-CCHC-03",
        "Kiểm tra công tác CCHC Trung tâm Ứng dụng",
        InspectionKind.PAR_CHECK,
        "HCTH",
        "TTUD",
        True,
        (8, 3),
        (8, 31),
        (8, 28),
    ),
    (
        "KT-CCHC-04",
        "Kiểm tra công tác CCHC Phòng KH-TC",
        InspectionKind.PAR_CHECK,
        "HCTH",
        "KHTC",
        True,
        (10, 1),
        (10, 31),
        None,
    ),
]

# inspection, text, unit, due (month, day), done (month, day) or None, amount
FROM_INSPECTIONS = [
    ("TTr-01", "Thu hồi kinh phí chi sai quy định", "TTUD", (6, 30), (6, 20), 45_000_000),
    ("TTr-01", "Hoàn thiện hồ sơ nghiệm thu nhiệm vụ", "QLCN", (6, 30), (7, 10), None),
    ("TTr-01", "Kiểm điểm trách nhiệm cá nhân liên quan", "TTUD", (7, 31), None, None),
    ("TTr-02", "Nộp phạt vi phạm hành chính về đo lường", "TDC", (7, 15), (7, 1), 30_000_000),
    ("TTr-02", "Kiểm định lại cột đo nhiên liệu", "TDC", (8, 31), (9, 5), None),
    ("TTr-02", "Báo cáo kết quả khắc phục sau thanh tra", "TDC", (9, 30), None, None),
    ("TTr-03", "Bổ sung giấy phép tiến hành công việc bức xạ", "TDC", (9, 30), (9, 25), None),
    ("TTr-03", "Tập huấn an toàn bức xạ cho nhân viên", "TDC", (12, 31), None, None),
    (
        "TTr-06",
        "Thu hồi, tiêu hủy mũ bảo hiểm không đạt chuẩn",
        "TDC",
        (8, 31),
        (8, 20),
        12_500_000,
    ),
    ("KT-CCHC-01", "Niêm yết đầy đủ TTHC tại Bộ phận Một cửa", "QLCN", (5, 31), (5, 20), None),
    (
        "KT-CCHC-01",
        "Cập nhật hồ sơ lên Hệ thống thông tin giải quyết TTHC",
        "QLCN",
        (6, 30),
        None,
        None,
    ),
    ("KT-CCHC-01", "Báo cáo CCHC định kỳ đúng hạn", "QLCN", (12, 15), None, None),
    ("KT-CCHC-02", "Rà soát quy trình nội bộ giải quyết TTHC", "TDC", (7, 31), (8, 10), None),
    ("KT-CCHC-02", "Xin lỗi tổ chức có hồ sơ trễ hạn", "TDC", (6, 30), (6, 25), None),
    ("KT-CCHC-02", "Tăng tỷ lệ hồ sơ trực tuyến toàn trình", "TDC", (10, 31), None, None),
    (
        "KT-CCHC-03",
        "Xây dựng Kế hoạch tuyên truyền CCHC của Trung tâm",
        "TTUD",
        (9, 30),
        (9, 28),
        None,
    ),
    ("KT-CCHC-03", "Cập nhật danh mục dịch vụ sự nghiệp công", "TTUD", (10, 31), None, None),
    ("KT-CCHC-03", "Đăng ký sáng kiến CCHC năm nay", "TTUD", (12, 31), None, None),
]

# source, reference, text, unit, due, done, criterion
OTHER_SOURCES = [
    (
        RecommendationSource.APPRAISAL,
        "Hội đồng thẩm định trừ điểm tiêu chí 2.1",
        "Bổ sung minh chứng ban hành văn bản QPPL đúng tiến độ",
        "QLCN",
        (3, 31),
        (3, 25),
        "2.1",
    ),
    (
        RecommendationSource.APPRAISAL,
        "Hội đồng thẩm định trừ điểm tiêu chí 6.2",
        "Công khai kết quả thanh tra trên Cổng thông tin điện tử",
        "TTRA",
        (4, 30),
        None,
        "2.3",
    ),
    (
        RecommendationSource.APPRAISAL,
        "Hội đồng thẩm định trừ điểm tiêu chí 3.3",
        "Xử lý dứt điểm hồ sơ TTHC trễ hạn",
        "TDC",
        (5, 31),
        (6, 15),
        "3.3",
    ),
    (
        RecommendationSource.NOTICE,
        "Thông báo kết luận của Giám đốc Sở, kết luận 6",
        "Rà soát văn bản QPPL không còn phù hợp",
        "QLCN",
        (8, 31),
        (8, 30),
        "2.2",
    ),
    (
        RecommendationSource.NOTICE,
        "Thông báo kết luận của Giám đốc Sở, kết luận 7",
        "Theo dõi, đôn đốc thực hiện kiến nghị sau thanh tra",
        "TTRA",
        (10, 31),
        None,
        "2.3",
    ),
    (
        RecommendationSource.NOTICE,
        "Thông báo kết luận của Giám đốc Sở, kết luận 11",
        "Hoàn thành lịch kiểm tra công tác CCHC năm",
        "HCTH",
        (11, 30),
        None,
        "1.3",
    ),
    (
        RecommendationSource.OTHER,
        "Đoàn kiểm tra của UBND tỉnh",
        "Kiện toàn Tổ công tác CCHC của Sở",
        "HCTH",
        (7, 31),
        (7, 15),
        "1.1",
    ),
]

# from the review: text, unit, due, done
FROM_REVIEW = [
    ("Trình sửa đổi Quyết định 15 về quản lý nhiệm vụ KH&CN", "QLCN", (9, 30), None),
    (
        "Trình bãi bỏ Quyết định 20 về phí thẩm định hợp đồng chuyển giao công nghệ",
        "QLCN",
        (10, 31),
        (10, 20),
    ),
    ("Đề xuất thay thế quy định về quản lý đo lường", "TDC", (12, 31), None),
]


def _day(year: int, pair: tuple[int, int] | None, on: dt.date) -> dt.date | None:
    """The date of (month, day) in `year`, or None when missing or still in the future."""
    if pair is None:
        return None
    day = dt.date(year, *pair)
    return day if day <= on else None


def load(ctx: Any) -> None:
    agency, units = ctx.agency, ctx.units
    on = today()
    year = on.year
    for code, title, unit, due, sent, submitted, issued, withdrawn, number in DOCUMENTS:
        if LegalDocument.objects.filter(agency=agency, code=code).exists():
            continue
        issued_on = _day(year, issued, on)
        document_create(
            actor=None,
            agency=agency,
            code=code,
            title=title,
            form="Quyết định",
            lead_unit=units[unit],
            plan_year=year,
            submission_due=dt.date(year, *due),
            sent_for_appraisal=_day(year, sent, on),
            submitted_on=_day(year, submitted, on),
            issued_on=issued_on,
            number=number.format(y=year) if issued_on else "",
            withdrawn_on=_day(year, withdrawn, on),
        )
    review_day = _day(year, (3, 15), on) or dt.date(year, 1, 15)
    review = Review.objects.filter(agency=agency, code=f"RS-{year}").first()
    if review is None:
        first = LegalDocument.objects.filter(
            agency=agency, code="DT-01", issued_on__isnull=False
        ).first()
        items = [
            {
                "document_label": f"15/{year - 3}/QĐ-UBND",
                "verdict": Verdict.AMEND,
                "note": "Luật Khoa học, công nghệ và đổi mới sáng tạo thay đổi",
            },
            {
                "document_label": f"20/{year - 5}/QĐ-UBND",
                "verdict": Verdict.REPEAL,
                "note": "Phí đã bãi bỏ",
            },
            {
                "document_label": f"07/{year - 4}/QĐ-UBND",
                "verdict": Verdict.REPLACE,
                "note": "Quy chuẩn mới",
            },
            {"document_label": f"11/{year - 2}/QĐ-UBND", "verdict": Verdict.VALID},
        ]
        if first is not None:
            items.append({"document": first, "verdict": Verdict.VALID})
        review = review_create(
            actor=None,
            agency=agency,
            code=f"RS-{year}",
            title=f"Rà soát văn bản QPPL do Sở tham mưu ban hành năm {year}",
            kind=ReviewKind.REVIEW,
            unit=units["QLCN"],
            done_on=review_day,
            basis="Luật Khoa học, công nghệ và đổi mới sáng tạo",
            items=items,
        )
    for code, subject, kind, unit, target, planned, decision, due, concluded in INSPECTIONS:
        if Inspection.objects.filter(agency=agency, code=code).exists():
            continue
        decision_on = _day(year, decision, on)
        inspection_create(
            actor=None,
            agency=agency,
            code=code,
            subject=subject,
            kind=kind,
            plan_year=year,
            planned=planned,
            unit=units[unit],
            target=units[target].name if target in units else target,
            target_unit=units.get(target) if kind == InspectionKind.PAR_CHECK else None,
            decision_on=decision_on,
            decision_number=f"{decision[0]:02d}/QĐ-TTr" if decision_on else "",
            conclusion_due=dt.date(year, *due),
            concluded_on=_day(year, concluded, on) if decision_on else None,
        )
    inspections = {i.code: i for i in Inspection.objects.filter(agency=agency)}
    numbers: dict[str, int] = {}
    for code, text, unit, due, done, amount in FROM_INSPECTIONS:
        inspection = inspections[code]
        numbers[code] = numbers.get(code, 0) + 1
        rec_code = f"{code}-KN{numbers[code]}"
        if inspection.concluded_on is None:
            continue
        if Recommendation.objects.filter(agency=agency, code=rec_code).exists():
            continue
        recommendation_create(
            actor=None,
            agency=agency,
            inspection=inspection,
            code=rec_code,
            text=text,
            unit=units[unit],
            due_date=dt.date(year, *due),
            done_on=_day(year, done, on),
            amount=amount,
        )
    for n, (source, reference, text, unit, due, done, criterion) in enumerate(OTHER_SOURCES, 1):
        rec_code = f"KN-{year}-{n:03d}"
        if Recommendation.objects.filter(agency=agency, code=rec_code).exists():
            continue
        recommendation_create(
            actor=None,
            agency=agency,
            code=rec_code,
            source=source,
            source_reference=reference,
            text=text,
            unit=units[unit],
            due_date=dt.date(year, *due),
            done_on=_day(year, done, on),
            criterion=criterion,
        )
    for n, (text, unit, due, done) in enumerate(FROM_REVIEW, 1):
        rec_code = f"RS-{year}-KN{n}"
        if Recommendation.objects.filter(agency=agency, code=rec_code).exists():
            continue
        recommendation_create(
            actor=None,
            agency=agency,
            review=review,
            code=rec_code,
            text=text,
            unit=units[unit],
            due_date=dt.date(year, *due),
            done_on=_day(year, done, on),
        )
    ctx.say(
        f"registers: {LegalDocument.objects.filter(agency=agency).count()} legal documents, "
        f"{Inspection.objects.filter(agency=agency).count()} inspections, "
        f"{Recommendation.objects.filter(agency=agency).count()} recommendations\n"
    )
