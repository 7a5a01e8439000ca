"""Demo: a Department of Science and Technology's procedure catalogue and ~20 000 dossiers.

Dossiers cover the 18 months up to today with the usual patterns: most resolved early or on
time, some late (a few from repeated supplement requests), some withdrawn, some still pending
and a few overdue; about 40 % received online, and some procedures offered online unused.
Idempotent: the catalogue is upserted, dossiers are created only when the agency has none.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from parindex.common.workdays import TZ
from parindex.dossiers.choices import LimitUnit, OnlineLevel
from parindex.dossiers.models import CalendarDay, Dossier, Procedure
from parindex.dossiers.rules import derived_fields
from parindex.dossiers.services.calendar import work_calendar
from parindex.dossiers.services.counts import dossiers_counted

FULL, PART, NONE = OnlineLevel.FULL, OnlineLevel.PARTIAL, OnlineLevel.NONE
WD, CD, WH = LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS, LimitUnit.WORKING_HOURS

# (code, name, field, unit, limit, limit unit, online level, fee, weight of volume, online use)
PROCEDURES = [
    (
        "1.004459",
        "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
        "Hoạt động khoa học và công nghệ",
        "QLCN",
        10,
        WD,
        FULL,
        0,
        8,
        0.6,
    ),
    (
        "1.004470",
        "Thay đổi, bổ sung nội dung Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
        "Hoạt động khoa học và công nghệ",
        "QLCN",
        5,
        WD,
        FULL,
        0,
        4,
        0.6,
    ),
    (
        "1.004481",
        "Cấp lại Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
        "Hoạt động khoa học và công nghệ",
        "QLCN",
        5,
        WD,
        FULL,
        0,
        2,
        0.5,
    ),
    (
        "2.001184",
        "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước",
        "Hoạt động khoa học và công nghệ",
        "KHTC",
        5,
        WD,
        PART,
        0,
        2,
        0.3,
    ),
    (
        "1.003706",
        "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh sử dụng ngân sách nhà nước",
        "Hoạt động khoa học và công nghệ",
        "KHTC",
        5,
        WD,
        PART,
        0,
        2,
        0.0,
    ),
    (
        "1.002362",
        "Đăng ký chuyển giao công nghệ (trừ trường hợp thuộc thẩm quyền của Bộ Khoa học và Công nghệ)",
        "Chuyển giao công nghệ",
        "QLCN",
        5,
        WD,
        FULL,
        0,
        3,
        0.5,
    ),
    (
        "1.002380",
        "Đăng ký gia hạn, sửa đổi, bổ sung nội dung chuyển giao công nghệ",
        "Chuyển giao công nghệ",
        "QLCN",
        5,
        WD,
        FULL,
        0,
        1,
        0.0,
    ),
    (
        "1.002315",
        "Cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ",
        "Hoạt động khoa học và công nghệ",
        "QLCN",
        7,
        WD,
        PART,
        0,
        1,
        0.3,
    ),
    (
        "1.011837",
        "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế",
        "An toàn bức xạ và hạt nhân",
        "QLCN",
        15,
        WD,
        FULL,
        2000000,
        10,
        0.55,
    ),
    (
        "1.011838",
        "Gia hạn giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế",
        "An toàn bức xạ và hạt nhân",
        "QLCN",
        10,
        WD,
        FULL,
        1000000,
        6,
        0.55,
    ),
    (
        "1.011839",
        "Sửa đổi, bổ sung giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế",
        "An toàn bức xạ và hạt nhân",
        "QLCN",
        5,
        WD,
        FULL,
        0,
        3,
        0.5,
    ),
    (
        "1.011840",
        "Cấp lại giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế",
        "An toàn bức xạ và hạt nhân",
        "QLCN",
        5,
        WD,
        FULL,
        0,
        1,
        0.4,
    ),
    (
        "1.011841",
        "Cấp chứng chỉ nhân viên bức xạ cho người phụ trách an toàn cơ sở X-quang chẩn đoán trong y tế",
        "An toàn bức xạ và hạt nhân",
        "QLCN",
        10,
        WD,
        FULL,
        100000,
        5,
        0.5,
    ),
    (
        "1.011842",
        "Cấp lại chứng chỉ nhân viên bức xạ cho người phụ trách an toàn cơ sở X-quang chẩn đoán trong y tế",
        "An toàn bức xạ và hạt nhân",
        "QLCN",
        5,
        WD,
        FULL,
        0,
        1,
        0.0,
    ),
    (
        "1.011843",
        "Phê duyệt kế hoạch ứng phó sự cố bức xạ cấp cơ sở (X-quang chẩn đoán trong y tế)",
        "An toàn bức xạ và hạt nhân",
        "QLCN",
        10,
        WD,
        PART,
        0,
        2,
        0.2,
    ),
    (
        "2.002254",
        "Khai báo thiết bị X-quang chẩn đoán trong y tế",
        "An toàn bức xạ và hạt nhân",
        "QLCN",
        3,
        WD,
        FULL,
        0,
        4,
        0.7,
    ),
    (
        "1.000504",
        "Kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu thuộc trách nhiệm quản lý của Bộ Khoa học và Công nghệ",
        "Tiêu chuẩn đo lường chất lượng",
        "TDC",
        1,
        WD,
        FULL,
        0,
        18,
        0.75,
    ),
    (
        "1.000526",
        "Tiếp nhận hồ sơ công bố hợp chuẩn dựa trên kết quả chứng nhận hợp chuẩn của tổ chức chứng nhận",
        "Tiêu chuẩn đo lường chất lượng",
        "TDC",
        5,
        WD,
        FULL,
        150000,
        6,
        0.6,
    ),
    (
        "1.000538",
        "Tiếp nhận hồ sơ công bố hợp chuẩn dựa trên kết quả tự đánh giá của tổ chức, cá nhân",
        "Tiêu chuẩn đo lường chất lượng",
        "TDC",
        5,
        WD,
        FULL,
        150000,
        4,
        0.5,
    ),
    (
        "1.000546",
        "Tiếp nhận hồ sơ công bố hợp quy dựa trên kết quả chứng nhận hợp quy của tổ chức chứng nhận",
        "Tiêu chuẩn đo lường chất lượng",
        "TDC",
        5,
        WD,
        FULL,
        150000,
        8,
        0.6,
    ),
    (
        "1.000558",
        "Tiếp nhận hồ sơ công bố hợp quy dựa trên kết quả tự đánh giá của tổ chức, cá nhân",
        "Tiêu chuẩn đo lường chất lượng",
        "TDC",
        5,
        WD,
        FULL,
        150000,
        3,
        0.5,
    ),
    (
        "1.000567",
        "Đăng ký tham dự sơ tuyển, xét tặng Giải thưởng Chất lượng quốc gia",
        "Tiêu chuẩn đo lường chất lượng",
        "TDC",
        30,
        CD,
        PART,
        0,
        1,
        0.0,
    ),
    (
        "1.001034",
        "Cấp giấy xác nhận đăng ký lĩnh vực hoạt động xét tặng giải thưởng chất lượng sản phẩm, hàng hóa",
        "Tiêu chuẩn đo lường chất lượng",
        "TDC",
        10,
        WD,
        NONE,
        0,
        1,
        0.0,
    ),
    (
        "1.003720",
        "Chứng nhận chuẩn đo lường để kiểm định, hiệu chuẩn, thử nghiệm phương tiện đo nhóm 2",
        "Đo lường",
        "TDC",
        10,
        WD,
        PART,
        0,
        3,
        0.1,
    ),
    (
        "1.003722",
        "Chỉ định tổ chức kiểm định, hiệu chuẩn, thử nghiệm phương tiện đo, chuẩn đo lường",
        "Đo lường",
        "TDC",
        15,
        WD,
        PART,
        0,
        1,
        0.0,
    ),
    (
        "1.003735",
        "Điều chỉnh nội dung quyết định chỉ định tổ chức kiểm định, hiệu chuẩn, thử nghiệm phương tiện đo",
        "Đo lường",
        "TDC",
        10,
        WD,
        PART,
        0,
        1,
        0.0,
    ),
    (
        "1.003748",
        "Cấp chứng chỉ kiểm định viên đo lường",
        "Đo lường",
        "TDC",
        10,
        WD,
        PART,
        0,
        2,
        0.2,
    ),
    (
        "2.001262",
        "Đăng ký kiểm tra nhà nước về đo lường đối với phương tiện đo, lượng của hàng đóng gói sẵn nhập khẩu",
        "Đo lường",
        "TDC",
        1,
        WD,
        FULL,
        0,
        5,
        0.6,
    ),
    (
        "1.004194",
        "Miễn giảm kiểm tra chất lượng hàng hóa nhập khẩu",
        "Tiêu chuẩn đo lường chất lượng",
        "TDC",
        5,
        WD,
        FULL,
        0,
        2,
        0.0,
    ),
    (
        "1.002048",
        "Cấp giấy phép vận chuyển hàng nguy hiểm là các chất ôxy hóa, các hợp chất ô xít hữu cơ và các chất ăn mòn bằng phương tiện giao thông cơ giới đường bộ",
        "Tiêu chuẩn đo lường chất lượng",
        "TDC",
        5,
        WD,
        PART,
        0,
        2,
        0.2,
    ),
    (
        "1.008386",
        "Cấp Giấy xác nhận đăng ký hoạt động xét tặng giải thưởng về khoa học và công nghệ",
        "Hoạt động khoa học và công nghệ",
        "KHTC",
        15,
        WD,
        NONE,
        0,
        1,
        0.0,
    ),
    (
        "1.005219",
        "Hỗ trợ doanh nghiệp nhỏ và vừa sử dụng dịch vụ tư vấn về sở hữu trí tuệ",
        "Sở hữu trí tuệ",
        "QLCN",
        10,
        WD,
        PART,
        0,
        1,
        0.0,
    ),
    (
        "2.001599",
        "Cấp Giấy chứng nhận tổ chức giám định sở hữu công nghiệp (cấp tỉnh)",
        "Sở hữu trí tuệ",
        "QLCN",
        10,
        WD,
        NONE,
        0,
        1,
        0.0,
    ),
    (
        "2.002227",
        "Công nhận kết quả thực hiện nhiệm vụ khoa học và công nghệ do tổ chức, cá nhân tự đầu tư",
        "Hoạt động khoa học và công nghệ",
        "KHTC",
        30,
        CD,
        PART,
        0,
        1,
        0.0,
    ),
    (
        "1.004490",
        "Xét tiến hành kiểm tra đột xuất việc triển khai thực hiện nhiệm vụ khoa học và công nghệ",
        "Hoạt động khoa học và công nghệ",
        "KHTC",
        20,
        WD,
        NONE,
        0,
        1,
        0.0,
    ),
    (
        "2.001240",
        "Cấp lại Giấy chứng nhận doanh nghiệp khoa học và công nghệ",
        "Hoạt động khoa học và công nghệ",
        "QLCN",
        5,
        WD,
        FULL,
        0,
        1,
        0.0,
    ),
    (
        "1.010913",
        "Xác nhận hàng hóa sử dụng trực tiếp cho phát triển hoạt động ươm tạo công nghệ, ươm tạo doanh nghiệp khoa học và công nghệ",
        "Hoạt động khoa học và công nghệ",
        "QLCN",
        8,
        WH,
        NONE,
        0,
        1,
        0.0,
    ),
    (
        "1.009793",
        "Thẩm định cơ sở khoa học phát triển ngành, lĩnh vực (ý kiến về công nghệ của dự án đầu tư)",
        "Thẩm định công nghệ",
        "QLCN",
        15,
        WD,
        NONE,
        0,
        2,
        0.0,
    ),
    (
        "1.009794",
        "Cho ý kiến về công nghệ của dự án đầu tư sử dụng vốn ngoài ngân sách",
        "Thẩm định công nghệ",
        "QLCN",
        10,
        WD,
        PART,
        0,
        2,
        0.1,
    ),
    (
        "1.011553",
        "Cấp giấy xác nhận tổ chức sử dụng mã số, mã vạch (tiếp nhận hồ sơ tại địa phương)",
        "Mã số, mã vạch",
        "TDC",
        0,
        WD,
        FULL,
        0,
        3,
        0.8,
    ),
]

DOSSIER_COUNT = 20_000
MONTHS = 18


def _office_moment(rng: random.Random, day: dt.date) -> dt.datetime:
    minutes = rng.choice(
        (rng.randint(7 * 60, 11 * 60 + 29), rng.randint(13 * 60 + 30, 16 * 60 + 59))
    )
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=TZ)


def load(ctx: Any) -> None:
    agency = ctx.agency
    # The 2026 notice: swap Monday 31/08 with Saturday 22/08 (DOMAIN.md §2).
    CalendarDay.objects.get_or_create(
        day=dt.date(2026, 8, 31),
        defaults={"working": False, "note": "Nghỉ hoán đổi (làm bù thứ Bảy 22/8)"},
    )
    CalendarDay.objects.get_or_create(
        day=dt.date(2026, 8, 22), defaults={"working": True, "note": "Làm bù cho thứ Hai 31/8"}
    )
    existing = {p.code: p for p in Procedure.objects.filter(agency=agency)}
    new = []
    for code, name, field, unit, limit, unit_kind, level, fee, _w, _o in PROCEDURES:
        if code not in existing:
            new.append(
                Procedure(
                    agency=agency,
                    code=code,
                    name=name,
                    field=field,
                    unit=ctx.units.get(unit),
                    time_limit=Decimal(limit),
                    limit_unit=unit_kind,
                    online_level=level,
                    fee=fee,
                    decision="Quyết định số 1234/QĐ-UBND ngày 15/6/2023 của Chủ tịch UBND tỉnh",
                    published_on=dt.date(2023, 6, 15),
                )
            )
    Procedure.objects.bulk_create(new)
    procedures = {p.code: p for p in Procedure.objects.filter(agency=agency)}
    ctx.extra["procedures"] = procedures
    if Dossier.objects.filter(agency=agency).exists():
        ctx.say("Dossiers: already present, left as they are.")
        return
    _dossiers(ctx, procedures)


def _dossiers(ctx: Any, procedures: dict[str, Procedure]) -> None:
    rng = random.Random(20260301)  # noqa: S311 - reproducible demo data, not secrets
    calendar = work_calendar()
    now = timezone.now()
    today = timezone.localdate()
    start = (today.replace(day=1) - dt.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    days = [start + dt.timedelta(days=i) for i in range((today - start).days + 1)]
    work_days = [d for d in days if calendar.is_working_day(d)]
    specs = PROCEDURES
    weights = [s[8] for s in specs]
    counters: dict[dt.date, int] = {}
    rows = []
    for _i in range(DOSSIER_COUNT):
        spec = rng.choices(specs, weights)[0]
        procedure = procedures[spec[0]]
        # Volume grows a little over time; online use grows faster (the push for 50 %).
        day = work_days[int(len(work_days) * (rng.random() ** 0.85))]
        progress = (day - start).days / max((today - start).days, 1)
        received = _office_moment(rng, day)
        if received > now:
            received = now - dt.timedelta(minutes=rng.randint(5, 600))
        online_use = spec[9] * (0.55 + 0.4 * progress) if spec[6] != NONE else 0
        roll = rng.random()
        channel = 2 if roll < online_use else (3 if roll > 0.93 else 1)
        due = calendar.due_at(received, int(procedure.time_limit), procedure.limit_unit)
        supplements = 0 if rng.random() > 0.12 else rng.choice((1, 1, 1, 2))
        status, finished, returned = 4, None, None
        fate = rng.random()
        if fate < 0.015:
            status = 1  # registered online, never received
        elif fate < 0.025:
            status = 3  # refused at reception
            finished = received + dt.timedelta(hours=2)
        elif fate < 0.04:
            status = 7  # withdrawn: only a result date
            returned = received + dt.timedelta(days=rng.randint(1, 6), hours=1)
        else:
            late = rng.random() < (0.09 if spec[4] >= 10 else 0.04)
            total = due - received
            if late:
                finished = due + dt.timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 5))
            else:
                finished = received + total * rng.uniform(0.25, 1.0)
            if finished > now or (rng.random() < 0.02 and due < now):
                status = 5 if supplements else 4  # still pending (a few forgotten: overdue)
                finished = None
            else:
                status = 10 if rng.random() < 0.8 else 9
                if status == 10:
                    returned = finished + dt.timedelta(hours=rng.randint(1, 48))
                    returned = min(returned, now)
        counters[day] = counters.get(day, 0) + 1
        code = f"H48.31-{day:%y%m%d}-{counters[day]:04d}"
        ended = finished if finished is not None or status not in (7, 8) else returned
        rows.append(
            Dossier(
                agency=ctx.agency,
                code=code,
                procedure=procedure,
                unit=procedure.unit,
                channel=channel,
                received_at=received,
                due_at=due,
                finished_at=finished,
                returned_at=returned,
                status=status,
                supplement_count=supplements,
                online_payment=1 if channel == 2 and procedure.fee and rng.random() < 0.6 else 0,
                ended_at=ended,
                **derived_fields(
                    received_at=received,
                    due_at=due,
                    ended_at=ended,
                    status=status,
                    supplement_count=supplements,
                ),
            )
        )
    Dossier.objects.bulk_create(rows, batch_size=2000)
    if rows:
        dossiers_counted(rows[0].agency_id, rows)
    ctx.say(f"Dossiers: {len(rows)} created over {MONTHS} months.")
