"""Demo data of the people app: the job-position scheme of the demo department, invented staff
(linked to the demo accounts of the unit heads and staff), a training plan, a rotation plan and
the rating season of last year. Safe to re-run: everything goes through the upserting services.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from parindex.org.choices import Role
from parindex.org.models import Membership
from parindex.people import services
from parindex.people.choices import PositionGroup
from parindex.people.models import (
    Position,
    RatingSeason,
    RotationPlanEntry,
    StaffMember,
    TrainingRecord,
)

# Invented people (no real person): two more in each unit besides the demo accounts.
EXTRA_NAMES = [
    "Nguyễn Văn Bình", "Trần Thị Cúc", "Lê Hoàng Duy", "Phạm Thị Giang", "Võ Minh Hải",
    "Đặng Thị Hoa", "Bùi Quốc Khải", "Hồ Thị Liên", "Dương Văn Long", "Mai Thị Nga",
    "Tô Văn Phát", "Lương Thị Quyên", "Kiều Văn Sơn", "Châu Thị Trang",
]  # fmt: skip
COURSES = [
    ("QLNN-CVC", "Bồi dưỡng kiến thức QLNN ngạch chuyên viên chính"),
    ("CCHC-2", "Kỹ năng thực hiện cải cách hành chính"),
    ("CDS", "Chuyển đổi số trong cơ quan nhà nước"),
]


def _position(ctx, unit, code, name, group, ranks, headcount) -> Position:
    position = Position.objects.filter(agency=ctx.agency, code=code).first()
    data = {
        "unit": unit,
        "name": name,
        "group": group,
        "required_ranks": ranks,
        "headcount": headcount,
    }
    if position is None:
        return services.position_create(actor=None, agency=ctx.agency, code=code, **data)
    services.position_update(actor=None, position=position, **data)
    return position


def _member(ctx, code, **data) -> StaffMember:
    member = StaffMember.objects.filter(agency=ctx.agency, code=code).first()
    if member is None:
        return services.staff_create(actor=None, agency=ctx.agency, code=code, **data)
    return member


def load(ctx) -> None:
    today = timezone.localdate()
    year = today.year
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    names = iter(EXTRA_NAMES)
    number = 0
    for unit_code, unit in ctx.units.items():
        head = _position(ctx, unit, f"TP-{unit_code}", f"Trưởng {unit.name}",
                         PositionGroup.LEADERSHIP, ["chuyên viên chính"], 1)  # fmt: skip
        deputy = _position(ctx, unit, f"PP-{unit_code}", f"Phó {unit.name}",
                           PositionGroup.LEADERSHIP, ["chuyên viên chính", "chuyên viên"], 2)  # fmt: skip
        expert = _position(ctx, unit, f"CV-{unit_code}", f"Chuyên viên {unit.name}",
                           PositionGroup.PROFESSIONAL, ["chuyên viên"], 3)  # fmt: skip
        memberships = {
            m.role: m.user
            for m in Membership.objects.filter(unit=unit).select_related("user").order_by("pk")
        }
        placed = [
            (memberships.get(Role.UNIT_HEAD), head, "chuyên viên chính"),
            (memberships.get(Role.UNIT_STAFF), expert, "chuyên viên"),
            (None, deputy if unit_code in ("QLCN", "VP", "TDC") else expert, "chuyên viên"),
            (None, expert, "cán sự" if unit_code in ("TDC", "KHTC") else "chuyên viên"),
        ]
        for user, position, rank in placed:
            if user is None:
                name = next(names, None)
                if name is None:
                    continue
            else:
                name = user.full_name
            number += 1
            placed_on = dt.date(year - rng.randint(1, 6), rng.randint(1, 12), rng.randint(1, 28))
            _member(
                ctx,
                f"CB{number:03}",
                full_name=name,
                unit=unit,
                position=position,
                rank=rank,
                placed_on=placed_on,
                must_rotate=unit_code in ("TTRA", "KHTC", "TDC"),
                left_on=None,
                user=user,
            )
        # Each unit's quota: its approved headcount, one short in two units (a post cut).
        quota = head.headcount + deputy.headcount + expert.headcount
        services.quota_set(
            actor=None, unit=unit, year=year, quota=quota - (unit_code in ("VP", "TTUD"))
        )
    for index, member in enumerate(StaffMember.objects.filter(agency=ctx.agency)):
        code, name = COURSES[index % len(COURSES)]
        if TrainingRecord.objects.filter(
            agency=ctx.agency, course_code=code, staff=member
        ).exists():
            continue
        done = dt.date(year, rng.randint(1, max(1, today.month)), 15)
        services.training_create(
            actor=None,
            agency=ctx.agency,
            staff=member,
            course_code=code,
            course_name=name,
            in_plan=True,
            plan_year=year,
            completed_on=done if index % 3 and done <= today else None,
        )
    due = StaffMember.objects.filter(agency=ctx.agency, must_rotate=True).order_by("code").first()
    if due is not None and not RotationPlanEntry.objects.filter(staff=due, year=year).exists():
        services.rotation_plan_add(
            actor=None, member=due, year=year, planned_on=dt.date(year, 12, 1), note="Demo"
        )
    if not RatingSeason.objects.filter(agency=ctx.agency, year=year - 1).exists():
        services.season_open(actor=None, agency=ctx.agency, year=year - 1)
    ctx.say(
        f"people: {Position.objects.filter(agency=ctx.agency).count()} positions, "
        f"{StaffMember.objects.filter(agency=ctx.agency).count()} staff (invented names)"
    )
