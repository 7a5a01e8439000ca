"""Demo plans, tasks and initiatives for the demo agency (SKHCN), for the current year.

The year's PAR plan and work programme (~80 tasks: done on time, done late, overdue, in
progress, not started, one cancelled), a 6-month review plan from its template, an inspection
schedule, and an initiative for every unit but one. Idempotent: a plan that exists is left as is.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from parindex.org.models import Membership
from parindex.workplan import services
from parindex.workplan.choices import InitiativeStatus, PlanType, Recurrence, TaskStatus
from parindex.workplan.models import Initiative, Plan
from parindex.workplan.models import today as local_today

# (title, lead unit, cooperating units, month due, expected output, criteria)
PAR_TASKS = [
    ("Ban hành Kế hoạch cải cách hành chính năm {y}", "HCTH", "", 1, "Kế hoạch CCHC", "1.1"),
    (
        "Ban hành Kế hoạch tuyên truyền CCHC năm {y}",
        "HCTH",
        "VP",
        1,
        "Kế hoạch tuyên truyền",
        "1.4",
    ),
    ("Ban hành Kế hoạch kiểm tra CCHC năm {y}", "HCTH", "TTRA", 2, "Kế hoạch kiểm tra", "1.3"),
    (
        "Ban hành Kế hoạch rà soát, đánh giá TTHC năm {y}",
        "VP",
        "QLCN;TDC",
        2,
        "Kế hoạch rà soát",
        "3.1",
    ),
    ("Ban hành Kế hoạch kiểm soát TTHC năm {y}", "VP", "", 1, "Kế hoạch", "3.1"),
    (
        "Cập nhật, công khai TTHC trên Cổng dịch vụ công quốc gia",
        "VP",
        "QLCN;TDC",
        3,
        "Danh mục TTHC công khai",
        "3.2",
    ),
    (
        "Rà soát, đề xuất đơn giản hóa TTHC lĩnh vực hoạt động KH&CN",
        "QLCN",
        "VP",
        6,
        "Báo cáo rà soát",
        "3.1",
    ),
    (
        "Rà soát, đề xuất đơn giản hóa TTHC lĩnh vực tiêu chuẩn đo lường chất lượng",
        "TDC",
        "VP",
        6,
        "Báo cáo rà soát",
        "3.1",
    ),
    (
        "Tái cấu trúc quy trình TTHC để cung cấp dịch vụ công trực tuyến toàn trình",
        "VP",
        "QLCN;TDC",
        8,
        "Quy trình nội bộ",
        "7.2",
    ),
    (
        "Số hóa hồ sơ, kết quả giải quyết TTHC còn hiệu lực",
        "VP",
        "QLCN;TDC;TTUD",
        9,
        "Kho dữ liệu số hóa",
        "7.3",
    ),
    (
        "Rà soát văn bản quy phạm pháp luật thuộc lĩnh vực quản lý",
        "TTRA",
        "QLCN",
        5,
        "Báo cáo rà soát văn bản",
        "2.2",
    ),
    (
        "Tự kiểm tra văn bản QPPL do UBND tỉnh ban hành về KH&CN",
        "TTRA",
        "",
        10,
        "Báo cáo kiểm tra",
        "2.3",
    ),
    (
        "Theo dõi thi hành pháp luật lĩnh vực KH&CN",
        "TTRA",
        "QLCN;TDC",
        11,
        "Báo cáo theo dõi",
        "2.4",
    ),
    (
        "Rà soát chức năng, nhiệm vụ các phòng, đơn vị trực thuộc",
        "HCTH",
        "",
        4,
        "Quyết định quy định chức năng",
        "4.1",
    ),
    ("Xây dựng, cập nhật Đề án vị trí việc làm", "HCTH", "", 7, "Đề án vị trí việc làm", "5.1"),
    ("Đánh giá, xếp loại công chức, viên chức năm {y}", "HCTH", "", 12, "Kết quả xếp loại", "5.3"),
    ("Cử công chức tham gia bồi dưỡng kỹ năng CCHC", "HCTH", "", 9, "Danh sách cử đi học", "5.4"),
    (
        "Thực hiện cơ chế tự chủ tài chính tại đơn vị sự nghiệp",
        "KHTC",
        "TTUD",
        6,
        "Phương án tự chủ",
        "6.1",
    ),
    ("Rà soát, ban hành Quy chế chi tiêu nội bộ", "KHTC", "", 3, "Quy chế chi tiêu nội bộ", "6.2"),
    ("Công khai dự toán, quyết toán ngân sách", "KHTC", "", 4, "Báo cáo công khai", "6.3"),
    ("Vận hành hệ thống quản lý văn bản và điều hành", "TTUD", "VP", 12, "Báo cáo vận hành", "7.1"),
    (
        "Duy trì, cải tiến Hệ thống quản lý chất lượng TCVN ISO 9001:2015",
        "TDC",
        "VP",
        10,
        "Báo cáo đánh giá nội bộ",
        "4.3",
    ),
    ("Cập nhật cơ sở dữ liệu KH&CN của tỉnh", "TTUD", "QLCN", 11, "CSDL cập nhật", "7.4"),
    ("Khảo sát sự hài lòng của người dân, tổ chức", "VP", "HCTH", 10, "Báo cáo khảo sát", "8.1"),
    ("Tổ chức Hội thi tìm hiểu CCHC", "HCTH", "VP;TTUD", 8, "Kết quả hội thi", "1.4"),
    (
        "Tự đánh giá, chấm điểm Chỉ số CCHC năm {y}",
        "HCTH",
        "VP;QLCN;TDC;KHTC;TTRA;TTUD",
        11,
        "Báo cáo tự đánh giá",
        "1.5",
    ),
    ("Báo cáo kết quả CCHC năm {y}", "HCTH", "", 12, "Báo cáo năm", "1.2"),
    (
        "Triển khai thanh toán trực tuyến phí, lệ phí TTHC",
        "VP",
        "KHTC",
        7,
        "Báo cáo kết quả",
        "7.2",
    ),
    ("Xây dựng kho dữ liệu dùng chung của Sở", "TTUD", "", 12, "Kho dữ liệu", "7.1"),
    (
        "Đánh giá tác động của TTHC mới ban hành",
        "QLCN",
        "",
        9,
        "Báo cáo đánh giá tác động",
        "3.1",
    ),
    ("Tuyên truyền CCHC trên Cổng thông tin điện tử của Sở", "VP", "TTUD", 12, "Tin, bài", "1.4"),
    (
        "Kiểm tra công vụ, kỷ luật, kỷ cương hành chính",
        "TTRA",
        "HCTH",
        10,
        "Báo cáo kiểm tra",
        "5.5",
    ),
]
PROGRAMME_TASKS = [
    (
        "Tham mưu quyết định phê duyệt nhiệm vụ KH&CN cấp tỉnh năm {y}",
        "QLCN",
        "KHTC",
        3,
        "Quyết định phê duyệt",
    ),
    ("Tổ chức Hội đồng tư vấn xác định nhiệm vụ KH&CN", "QLCN", "", 4, "Biên bản hội đồng"),
    ("Kiểm tra tiến độ các nhiệm vụ KH&CN đang thực hiện", "QLCN", "KHTC", 6, "Báo cáo kiểm tra"),
    ("Nghiệm thu các nhiệm vụ KH&CN đến hạn", "QLCN", "", 11, "Biên bản nghiệm thu"),
    (
        "Hướng dẫn doanh nghiệp áp dụng hệ thống quản lý tiên tiến",
        "TDC",
        "",
        7,
        "Tài liệu hướng dẫn",
    ),
    ("Kiểm tra nhà nước về đo lường, chất lượng hàng hóa", "TDC", "TTRA", 9, "Báo cáo kiểm tra"),
    ("Kiểm định phương tiện đo nhóm 2", "TDC", "", 12, "Giấy chứng nhận kiểm định"),
    ("Xây dựng dự toán ngân sách KH&CN năm sau", "KHTC", "QLCN", 7, "Dự toán"),
    ("Quyết toán kinh phí sự nghiệp KH&CN năm trước", "KHTC", "", 3, "Báo cáo quyết toán"),
    ("Thanh tra việc thực hiện nhiệm vụ KH&CN", "TTRA", "QLCN", 8, "Kết luận thanh tra"),
    ("Giải quyết khiếu nại, tố cáo thuộc thẩm quyền", "TTRA", "", 12, "Báo cáo"),
    ("Tổ chức Ngày KH&CN Việt Nam 18/5", "VP", "TTUD;QLCN", 5, "Kế hoạch tổ chức"),
    ("Hội nghị tổng kết công tác KH&CN năm {y}", "VP", "HCTH", 12, "Báo cáo tổng kết"),
    ("Chuyển giao công nghệ sản xuất giống cây trồng", "TTUD", "QLCN", 10, "Hợp đồng chuyển giao"),
    ("Vận hành Sàn giao dịch công nghệ của tỉnh", "TTUD", "", 12, "Báo cáo"),
    (
        "Phát triển tài sản trí tuệ: hỗ trợ đăng ký nhãn hiệu tập thể",
        "QLCN",
        "TTUD",
        9,
        "Đơn đăng ký",
    ),
    ("Cập nhật Quy chế làm việc của Sở", "HCTH", "", 2, "Quy chế"),
    ("Thực hiện công tác thi đua, khen thưởng năm {y}", "HCTH", "", 12, "Quyết định khen thưởng"),
    ("Triển khai ứng dụng chữ ký số trong xử lý văn bản", "TTUD", "VP", 5, "Báo cáo"),
    ("Phối hợp tổ chức Techfest tỉnh", "QLCN", "TTUD;VP", 10, "Báo cáo kết quả"),
]
RECURRING = [
    ("Báo cáo CCHC định kỳ hàng quý", "HCTH", Recurrence.QUARTERLY, 3, 15),
    ("Báo cáo tình hình giải quyết TTHC hàng tháng", "VP", Recurrence.MONTHLY, 1, 20),
    ("Báo cáo công tác thanh tra 6 tháng", "TTRA", Recurrence.HALF_YEARLY, 6, 10),
]
INITIATIVES = {
    "VP": (
        "Ứng dụng Zalo OA tra cứu tiến độ hồ sơ TTHC",
        "Người dân phải gọi điện hỏi tiến độ hồ sơ.",
        "Kết nối hệ thống một cửa với Zalo OA của Sở để tự động nhắn tiến độ.",
        "Giảm 50% cuộc gọi hỏi tiến độ.",
    ),
    "HCTH": (
        "Sổ tay điện tử chấm điểm Chỉ số CCHC",
        "Các phòng lúng túng khi chuẩn bị tài liệu kiểm chứng.",
        "Sổ tay điện tử liệt kê từng tiêu chí, tài liệu kiểm chứng và mẫu biểu.",
        "Không bị trừ điểm vì thiếu tài liệu kiểm chứng.",
    ),
    "QLCN": (
        "Số hóa quy trình thẩm định hồ sơ chuyển giao công nghệ",
        "Hồ sơ giấy lưu chuyển chậm giữa các bộ phận.",
        "Quy trình điện tử có phiếu kiểm soát và nhắc hạn tự động.",
        "Rút ngắn 30% thời gian giải quyết.",
    ),
    "TDC": (
        "Bản đồ số phương tiện đo phải kiểm định",
        "Khó theo dõi phương tiện đo đến hạn kiểm định.",
        "Bản đồ số kèm cảnh báo đến hạn gửi doanh nghiệp.",
        "Tăng 20% phương tiện đo được kiểm định đúng hạn.",
    ),
    "KHTC": (
        "Công khai tài chính trên Cổng thông tin theo thời gian thực",
        "Công khai chậm, thủ công.",
        "Trang công khai tự động từ phần mềm kế toán.",
        "Công khai đúng hạn 100%.",
    ),
    "TTRA": (
        "Phiếu tự kiểm tra CCHC trực tuyến cho các phòng",
        "Kiểm tra CCHC tốn nhiều thời gian chuẩn bị.",
        "Phiếu tự kiểm tra trực tuyến trước đợt kiểm tra.",
        "Giảm 40% thời gian kiểm tra.",
    ),
}
#: The unit left without an initiative, so the coverage warning shows.
WITHOUT_INITIATIVE = "TTUD"


def _staff(unit) -> list[Any]:
    rows = (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__username")
    )
    return [m.user for m in rows]


def _report(task, *, today: dt.date, rng: random.Random) -> None:
    """Give a task a realistic state for `today`."""
    if task.due_date < today:
        roll = rng.random()
        if roll < 0.66:
            done_at = task.due_date - dt.timedelta(days=rng.randint(0, 6))
            if task.start_date and done_at < task.start_date:
                done_at = task.start_date
            services.task_set_status(
                actor=None, task=task, status=TaskStatus.DONE, done_at=min(done_at, today)
            )
        elif roll < 0.86:
            done_at = task.due_date + dt.timedelta(days=rng.randint(2, 20))
            services.task_set_status(
                actor=None, task=task, status=TaskStatus.DONE, done_at=min(done_at, today)
            )
        else:
            services.task_set_status(
                actor=None,
                task=task,
                status=TaskStatus.IN_PROGRESS,
                progress=rng.choice([30, 60, 80]),
            )
    elif task.start_date and task.start_date <= today:
        services.task_set_status(
            actor=None,
            task=task,
            status=TaskStatus.IN_PROGRESS,
            progress=rng.choice([None, 20, 40, 70]),
        )


def _plan(ctx, code: str, **fields: Any) -> tuple[Plan, bool]:
    plan = Plan.objects.filter(agency=ctx.agency, code=code).first()
    if plan is not None:
        return plan, False
    return services.plan_create(actor=None, agency=ctx.agency, code=code, **fields), True


def _due(year: int, month: int, rng: random.Random) -> dt.date:
    return dt.date(year, month, rng.choice([10, 15, 20, 25, 28]))


def load(ctx) -> None:
    today = local_today()
    year = today.year
    rng = random.Random(year)  # noqa: S311 - demo data, not security
    units = ctx.units
    people = {code: _staff(unit) for code, unit in units.items()}

    par, created = _plan(
        ctx,
        f"KH-CCHC-{year}",
        plan_type=PlanType.PAR_ANNUAL,
        year=year,
        title=f"Kế hoạch cải cách hành chính năm {year}",
        doc_number="15/KH-SKHCN",
        doc_date=dt.date(year - 1, 12, 28),
        doc_summary=f"Kế hoạch cải cách hành chính năm {year} của Sở Khoa học và Công nghệ",
    )
    if created:
        for title, lead, cooperating, month, output, criteria in PAR_TASKS:
            for half in (month,) if month > 6 or "{y}" in title else (month, month + 6):
                due = _due(year, half, rng)
                task = services.task_create(
                    actor=None,
                    plan=par,
                    title=title.format(y=year) + (" (đợt 2)" if half != month else ""),
                    lead_unit=units[lead],
                    cooperating_units=[units[c] for c in cooperating.split(";") if c],
                    assignees=people[lead][-1:],
                    start_date=due - dt.timedelta(days=45),
                    due_date=due,
                    expected_output=output,
                    criteria=criteria,
                )
                _report(task, today=today, rng=rng)
        for title, lead, recurrence, month, day in RECURRING:
            first = services.task_create(
                actor=None,
                plan=par,
                title=title,
                lead_unit=units[lead],
                assignees=people[lead][-1:],
                due_date=dt.date(year, month, day),
                recurrence=recurrence,
                expected_output="Báo cáo định kỳ",
                criteria="1.2",
            )
            for task in [first, *first.occurrences.all()]:
                _report(task, today=today, rng=rng)
        ctx.say(f"  workplan: {par.code} with {par.tasks.count()} tasks")

    programme, created = _plan(
        ctx,
        f"CTCT-{year}",
        plan_type=PlanType.WORK_PROGRAMME,
        year=year,
        title=f"Chương trình công tác năm {year}",
        doc_number="03/CTr-SKHCN",
        doc_date=dt.date(year, 1, 8),
    )
    if created:
        for title, lead, cooperating, month, output in PROGRAMME_TASKS:
            due = _due(year, month, rng)
            task = services.task_create(
                actor=None,
                plan=programme,
                title=title.format(y=year),
                lead_unit=units[lead],
                cooperating_units=[units[c] for c in cooperating.split(";") if c],
                assignees=people[lead][-1:],
                start_date=due - dt.timedelta(days=60),
                due_date=due,
                expected_output=output,
            )
            _report(task, today=today, rng=rng)
        cancelled = programme.tasks.order_by("-due_date").first()
        services.task_set_status(
            actor=None,
            task=cancelled,
            status=TaskStatus.CANCELLED,
            note="Điều chỉnh theo chỉ đạo của UBND tỉnh",
        )
        ctx.say(f"  workplan: {programme.code} with {programme.tasks.count()} tasks")

    review, created = _plan(
        ctx,
        f"SK6T-{year}",
        plan_type=PlanType.HALF_YEAR_REVIEW,
        year=year,
        title=f"Sơ kết CCHC 6 tháng đầu năm {year}",
        doc_number="92/KH-SKHCN",
        doc_date=dt.date(year, 6, 2),
    )
    if created:
        for task in services.plan_apply_template(
            actor=None, plan=review, lead_unit=units["HCTH"], anchor=dt.date(year, 7, 10)
        ):
            _report(task, today=today, rng=rng)

    inspection, created = _plan(
        ctx,
        f"KT-CCHC-{year}",
        plan_type=PlanType.INSPECTION,
        year=year,
        title=f"Kế hoạch kiểm tra CCHC năm {year}",
        doc_number="20/KH-SKHCN",
        doc_date=dt.date(year, 2, 10),
    )
    if created:
        schedule = [
            (units["QLCN"], dt.date(year, 5, 20)),
            (units["TDC"], dt.date(year, 9, 16)),
            (units["TTUD"], dt.date(year, 12, 8)),
        ]
        for task in services.plan_apply_template(
            actor=None, plan=inspection, lead_unit=units["TTRA"], inspections=schedule
        ):
            _report(task, today=today, rng=rng)

    states = [
        InitiativeStatus.APPLIED,
        InitiativeStatus.RECOGNISED,
        InitiativeStatus.SUBMITTED,
        InitiativeStatus.IN_PROGRESS,
        InitiativeStatus.NOT_RECOGNISED,
        InitiativeStatus.REGISTERED,
    ]
    path = {
        InitiativeStatus.IN_PROGRESS: [InitiativeStatus.IN_PROGRESS],
        InitiativeStatus.SUBMITTED: [InitiativeStatus.IN_PROGRESS, InitiativeStatus.SUBMITTED],
        InitiativeStatus.RECOGNISED: [
            InitiativeStatus.IN_PROGRESS,
            InitiativeStatus.SUBMITTED,
            InitiativeStatus.RECOGNISED,
        ],
        InitiativeStatus.NOT_RECOGNISED: [
            InitiativeStatus.IN_PROGRESS,
            InitiativeStatus.SUBMITTED,
            InitiativeStatus.NOT_RECOGNISED,
        ],
        InitiativeStatus.APPLIED: [
            InitiativeStatus.IN_PROGRESS,
            InitiativeStatus.SUBMITTED,
            InitiativeStatus.RECOGNISED,
            InitiativeStatus.APPLIED,
        ],
        InitiativeStatus.REGISTERED: [],
    }
    for (code, (title, problem, solution, effect)), state in zip(
        INITIATIVES.items(), states, strict=False
    ):
        if (
            code == WITHOUT_INITIATIVE
            or Initiative.objects.filter(unit=units[code], year=year).exists()
        ):
            continue
        initiative = services.initiative_register(
            actor=None,
            unit=units[code],
            year=year,
            title=title,
            problem=problem,
            solution=solution,
            expected_effect=effect,
            owner=(people[code] or [None])[0],
            start_date=dt.date(year, 3, 1),
            end_date=dt.date(year, 10, 31),
        )
        for step in path[state]:
            good = step != InitiativeStatus.NOT_RECOGNISED
            services.initiative_transition(
                actor=None,
                initiative=initiative,
                to=step,
                board_notes=(
                    "Có tính mới, hiệu quả; đề nghị nhân rộng."
                    if good
                    else "Chưa chứng minh được hiệu quả."
                )
                if step in (InitiativeStatus.RECOGNISED, InitiativeStatus.NOT_RECOGNISED)
                else "",
                board_score=(88 if good else 45)
                if step in (InitiativeStatus.RECOGNISED, InitiativeStatus.NOT_RECOGNISED)
                else None,
            )

    ctx.extra["workplan"] = {
        "year": year,
        "par_plan": par,
        "work_programme": programme,
        "review_plan": review,
        "inspection_plan": inspection,
        "unit_without_initiative": units[WITHOUT_INITIATIVE],
    }
