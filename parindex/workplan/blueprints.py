"""Templates of tasks for the plan types that repeat every year (the 6-month review, inspections).

A step's due date is given relative to the plan's anchor date (the review meeting, or each
inspection's date), in calendar days; a negative offset is before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from parindex.workplan.choices import PlanType


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    offset_days: int
    expected_output: str = ""
    #: Which unit leads the step: "lead" (the plan's lead unit, usually the secretariat's) or
    #: "each" (one task per active unit of the agency).
    lead: str = "lead"


HALF_YEAR_REVIEW = (
    Step(
        "units_report",
        "Các đơn vị báo cáo kết quả CCHC 6 tháng đầu năm",
        -20,
        "Báo cáo CCHC 6 tháng của đơn vị",
        lead="each",
    ),
    Step(
        "self_check",
        "Rà soát, tự đánh giá tiến độ các tiêu chí Chỉ số CCHC",
        -15,
        "Bảng tự đánh giá giữa kỳ",
    ),
    Step(
        "draft_report",
        "Dự thảo báo cáo sơ kết CCHC 6 tháng đầu năm của Sở",
        -10,
        "Dự thảo báo cáo sơ kết",
    ),
    Step("invite", "Ban hành giấy mời hội nghị sơ kết CCHC 6 tháng", -7, "Giấy mời"),
    Step("meeting", "Tổ chức hội nghị sơ kết CCHC 6 tháng đầu năm", 0, "Biên bản hội nghị"),
    Step(
        "final_report",
        "Hoàn thiện, gửi báo cáo sơ kết CCHC 6 tháng về Sở Nội vụ",
        5,
        "Báo cáo sơ kết CCHC 6 tháng (đã ký)",
    ),
)

INSPECTION_VISIT = (
    Step("notice", "Thông báo kế hoạch kiểm tra CCHC tới {unit}", -10, "Thông báo kiểm tra"),
    Step("visit", "Kiểm tra CCHC tại {unit}", 0, "Biên bản kiểm tra"),
    Step("conclusion", "Ban hành kết luận kiểm tra CCHC tại {unit}", 10, "Kết luận kiểm tra"),
)

TEMPLATES: dict[str, tuple[Step, ...]] = {
    PlanType.HALF_YEAR_REVIEW: HALF_YEAR_REVIEW,
    PlanType.INSPECTION: INSPECTION_VISIT,
}
