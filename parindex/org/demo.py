"""Demo organisation: the Department of Science and Technology of Quảng Ngãi, one person a role.

`parindex demo` calls each installed app's `demo.load(ctx)` in INSTALLED_APPS order, so later
apps add their own demo data on top of this one. Every step is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from parindex.org.choices import Role, UnitKind
from parindex.org.models import Agency, Council, Membership, Province, Unit, User

DEMO_PASSWORD = "Demo@2026"

AGENCY = {
    "code": "SKHCN",
    "name": "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
    "parent_body": "UBND TỈNH QUẢNG NGÃI",
    "place_name": "Quảng Ngãi",
    "document_code": "SKHCN",
}
UNITS = [
    ("VP", "Văn phòng Sở", UnitKind.OFFICE),
    ("HCTH", "Phòng Hành chính – Tổng hợp", UnitKind.OFFICE),
    ("QLCN", "Phòng Quản lý Công nghệ và Chuyên ngành", UnitKind.OFFICE),
    ("TDC", "Phòng Tiêu chuẩn Đo lường Chất lượng", UnitKind.OFFICE),
    ("KHTC", "Phòng Kế hoạch – Tài chính", UnitKind.OFFICE),
    ("TTRA", "Thanh tra Sở", UnitKind.INSPECTORATE),
    ("TTUD", "Trung tâm Ứng dụng và Dịch vụ KH&CN", UnitKind.CENTRE),
]
SECOND_AGENCY = {
    "code": "STP",
    "name": "Sở Tư pháp tỉnh Quảng Ngãi",
    "parent_body": "UBND TỈNH QUẢNG NGÃI",
    "place_name": "Quảng Ngãi",
    "document_code": "STP",
}
SECOND_UNITS = [
    ("VP", "Văn phòng Sở", UnitKind.OFFICE),
    ("VBQP", "Phòng Xây dựng và Kiểm tra văn bản QPPL", UnitKind.OFFICE),
    ("HCTP", "Phòng Hành chính tư pháp", UnitKind.OFFICE),
    ("TTRA", "Thanh tra Sở", UnitKind.INSPECTORATE),
]
# Names for the head and the staff member each unit gets, in UNITS order.
UNIT_PEOPLE = [
    ("Ngô Thị Mai", "Bùi Văn Khánh"),
    ("Trương Công Định", "Lý Thị Ngọc Ánh"),
    ("Lê Văn Hùng", "Phạm Thị Lan"),
    ("Huỳnh Văn Tâm", "Đỗ Minh Quân"),
    ("Phan Thị Hạnh", "Nguyễn Hữu Phước"),
    ("Đinh Quang Vinh", "Tạ Thị Thanh Hương"),
    ("Châu Văn Lợi", "Hồ Thị Diễm"),
]
PROVINCE = {"code": "TINH", "name": "Tỉnh Quảng Ngãi"}
COUNCIL = {"code": "HDTD", "name": "Hội đồng thẩm định Chỉ số CCHC tỉnh Quảng Ngãi"}

# (username, full name, position, role, target): target is a unit code, "agency" or "council".
PEOPLE = [
    ("quantri", "Quản trị hệ thống", "Quản trị viên", Role.ADMIN, None),
    ("thuky", "Nguyễn Thị Thu", "Chuyên viên Phòng HC-TH, thư ký CCHC", Role.SECRETARIAT, "agency"),
    ("giamdoc", "Trần Văn Minh", "Giám đốc Sở", Role.LEADER, "agency"),
    ("truongphong", "Lê Văn Hùng", "Trưởng phòng QLCN&CN", Role.UNIT_HEAD, "QLCN"),
    ("chuyenvien", "Phạm Thị Lan", "Chuyên viên Phòng QLCN&CN", Role.UNIT_STAFF, "QLCN"),
    (
        "thamdinh",
        "Võ Thị Hoa",
        "Thành viên Hội đồng thẩm định (Sở Nội vụ)",
        Role.APPRAISER,
        "council",
    ),
    ("xem", "Đặng Quốc Bảo", "Thanh tra Sở", Role.VIEWER, "agency"),
    ("truongtdc", "Huỳnh Văn Tâm", "Trưởng phòng TĐC", Role.UNIT_HEAD, "TDC"),
    (
        "tinh_thuky",
        "Hoàng Thị Vân",
        "Chuyên viên Sở Nội vụ, thường trực CCHC tỉnh",
        Role.PROVINCE_SECRETARIAT,
        "province",
    ),
    (
        "tinh_hoidong",
        "Vũ Đức Thắng",
        "Phó Giám đốc Sở Nội vụ, Hội đồng thẩm định tỉnh",
        Role.PROVINCE_COUNCIL,
        "province",
    ),
]


@dataclass
class DemoContext:
    """What each app's demo step gets and may extend."""

    agency: Agency
    units: dict[str, Unit]
    people: dict[str, User]
    second_agency: Agency
    out: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def say(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text)


def _agency(
    data: dict[str, str], units: list[tuple[str, str, str]]
) -> tuple[Agency, dict[str, Unit]]:
    agency, _ = Agency.objects.update_or_create(code=data["code"], defaults=data)
    result = {}
    for code, name, kind in units:
        result[code], _ = Unit.objects.update_or_create(
            agency=agency, code=code, defaults={"name": name, "kind": kind}
        )
    return agency, result


def build_organisation(out: Any = None) -> DemoContext:
    province, _ = Province.objects.get_or_create(code=PROVINCE["code"], defaults=PROVINCE)
    agency, units = _agency({**AGENCY, "province": province}, UNITS)
    second, _ = _agency({**SECOND_AGENCY, "province": province}, SECOND_UNITS)
    council, _ = Council.objects.update_or_create(code=COUNCIL["code"], defaults=COUNCIL)
    council.agencies.add(agency, second)
    people = {}
    for username, full_name, position, role, target in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "position": position,
                "email": f"{username}@example.vn",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        kwargs: dict[str, Any] = {}
        if target == "agency":
            kwargs["agency"] = agency
        elif target == "council":
            kwargs["council"] = council
        elif target == "province":
            kwargs["province"] = province
        elif target:
            kwargs["unit"] = units[target]
        Membership.objects.get_or_create(user=user, role=role, **kwargs)
        people[username] = user
    # Every unit gets a head and a staff member, so tasks and scores have owners.
    for (code, unit), names in zip(units.items(), UNIT_PEOPLE, strict=True):
        for role, prefix, full_name in zip(
            (Role.UNIT_HEAD, Role.UNIT_STAFF), ("tp", "cv"), names, strict=True
        ):
            if Membership.objects.filter(unit=unit, role=role).exists():
                continue
            user, created = User.objects.get_or_create(
                username=f"{prefix}.{code.lower()}",
                defaults={
                    "full_name": full_name,
                    "position": f"{'Trưởng' if role == Role.UNIT_HEAD else 'Chuyên viên'} {unit.name}",
                    "email": f"{prefix}.{code.lower()}@example.vn",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.get_or_create(user=user, role=role, unit=unit)
    return DemoContext(agency=agency, units=units, people=people, second_agency=second, out=out)
