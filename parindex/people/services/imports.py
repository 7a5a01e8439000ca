"""`import_positions`, `import_staff`, `import_training` (docs/people.md, "Files").

Each validates every row first; any invalid row refuses the whole file (nothing written) unless
`skip_invalid`. Valid rows are upserted by their natural key through the audited services, so a
second run of the same file changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.org.models import Agency, Membership
from parindex.org.selectors import UnitFinder
from parindex.people.choices import POSITION_GROUP_NAMES
from parindex.people.models import Position, StaffMember, TrainingRecord
from parindex.people.ranks import clean_rank, split_ranks
from parindex.people.services._rows import (
    Source,
    _close,
    _code,
    _finish,
    _optional_date,
    _Rows,
    _upsert,
)
from parindex.people.services.records import (
    POSITION_FIELDS,
    STAFF_FIELDS,
    TRAINING_FIELDS,
    position_create,
    position_update,
    require_manager,
    staff_create,
    staff_update,
    training_create,
    training_update,
)

POSITION_COLUMNS = [
    tabular.Column("code", "Mã vị trí", ("Mã",), required=True),
    tabular.Column("name", "Tên vị trí", ("Vị trí việc làm",), required=True),
    tabular.Column("unit", "Đơn vị", (), required=True),
    tabular.Column("group", "Nhóm", ("Nhóm vị trí",), required=True),
    tabular.Column("ranks", "Ngạch yêu cầu", ("Ngạch", "Chức danh nghề nghiệp")),
    tabular.Column("headcount", "Số lượng", ("Số người",), required=True),
]
STAFF_COLUMNS = [
    tabular.Column("code", "Mã cán bộ", ("Mã", "Mã CBCCVC"), required=True),
    tabular.Column("name", "Họ và tên", ("Họ tên",), required=True),
    tabular.Column("unit", "Đơn vị", (), required=True),
    tabular.Column("position", "Mã vị trí", ("Vị trí",)),
    tabular.Column("rank", "Ngạch", ("Ngạch hiện giữ", "Chức danh nghề nghiệp")),
    tabular.Column("placed_on", "Ngày nhận vị trí", ("Ngày bố trí",)),
    tabular.Column("must_rotate", "Diện chuyển đổi", ("Thuộc diện chuyển đổi vị trí",)),
    tabular.Column("left_on", "Ngày nghỉ", ("Ngày thôi việc", "Ngày chuyển đi")),
    # Added by parindex (optional): the person's user name, to link the record to the account.
    tabular.Column("account", "Tài khoản", ("Tên đăng nhập", "Username")),
]
TRAINING_COLUMNS = [
    tabular.Column("course", "Mã khóa", ("Mã khóa học",), required=True),
    tabular.Column("course_name", "Tên khóa", ("Tên khóa học", "Khóa học")),
    tabular.Column("staff", "Mã cán bộ", ("Mã CBCCVC",), required=True),
    tabular.Column("in_plan", "Trong kế hoạch", ("Theo kế hoạch",)),
    tabular.Column("plan_year", "Năm kế hoạch", ("Năm",)),
    tabular.Column("completed_on", "Ngày hoàn thành", ()),
]


def find_agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=str(code or "").strip().upper()).first()
    if agency is None:
        raise DomainError(_("No agency %(code)s.") % {"code": code})
    return agency


# -- positions ------------------------------------------------------------------------------


def import_positions(
    source: Source,
    *,
    agency: Agency,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """The approved job-position scheme of an agency (natural key: agency, Mã vị trí)."""
    require_manager(actor, agency)
    units = UnitFinder(agency)
    valid: dict[str, tuple[int, dict[str, Any]]] = {}
    with tabular.open_table(source, POSITION_COLUMNS, filename=filename, sheet=sheet) as table:
        rows = _Rows(table)
        for number, values, raw in table.rows(with_raw=True):
            rows.start(number)
            code = rows.code("code", values, _("the position code is empty"), valid)
            name = str(values.get("name") or "").strip()
            if not name:
                rows.error("name", _("the position name is empty"))
            elif len(name) > 255:
                rows.error("name", _("at most 255 characters"))
            unit = rows.unit("unit", values, units)
            group = None
            try:
                group = tabular.match_choice(values.get("group"), POSITION_GROUP_NAMES)
            except ValueError:
                rows.error(
                    "group",
                    _(
                        "unknown group %(value)r (lãnh đạo, quản lý; chuyên môn, nghiệp vụ; "
                        "hỗ trợ, phục vụ)"
                    )
                    % {"value": str(values.get("group") or "")},
                )
            ranks: list[str] = []
            try:
                ranks = split_ranks(values.get("ranks"))
            except ValueError as exc:
                rows.error("ranks", str(exc))
            headcount = 0
            try:
                headcount = tabular.parse_whole(values.get("headcount"))
                if headcount < 0:
                    raise ValueError(_("the headcount must be a whole number ≥ 0"))
            except ValueError:
                rows.error(
                    "headcount",
                    _("the headcount must be a whole number ≥ 0, not %(value)r")
                    % {"value": tabular.parse_text(values.get("headcount")) or ""},
                )
            if headcount > 100000:
                rows.error("headcount", _("the headcount is too large"))
            if rows.finish(raw):
                valid[code] = (
                    number,
                    {
                        "unit": unit,
                        "name": name,
                        "group": group,
                        "required_ranks": ranks,
                        "headcount": headcount,
                    },
                )
        raw_header = table.raw_header
    _close(rows, source, raw_header, skip_invalid)
    with transaction.atomic():
        _upsert(
            rows,
            valid,
            {p.code: p for p in Position.objects.filter(agency=agency)},
            POSITION_FIELDS,
            lambda code, data: position_create(actor=actor, agency=agency, code=code, **data),
            lambda position, changes: position_update(actor=actor, position=position, **changes),
        )
    return _finish(rows, source, raw_header)


# -- staff ----------------------------------------------------------------------------------


def _accounts_by_name(agency: Agency) -> dict[str, Any]:
    """The agency's user accounts by folded full name, names held by two people left out."""
    members = Membership.objects.filter(Q(agency=agency) | Q(unit__agency=agency))
    found: dict[str, Any] = {}
    twice: set[str] = set()
    for user in get_user_model().objects.filter(pk__in=members.values("user_id")):
        key = tabular.normalize_header(user.display_name)
        if key in found and found[key].pk != user.pk:
            twice.add(key)
        found[key] = user
    return {k: v for k, v in found.items() if k not in twice}


def import_staff(
    source: Source,
    *,
    agency: Agency,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """Staff records of an agency (natural key: agency, Mã cán bộ); personal data."""
    require_manager(actor, agency)
    units = UnitFinder(agency)
    positions = {
        tabular.normalize_header(p.code): p for p in Position.objects.filter(agency=agency)
    }
    # Only accounts of the agency's people: an account elsewhere reads as unknown, so the file
    # neither links nor reveals another agency's users (issue 12, item 15).
    users = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(Q(agency=agency) | Q(unit__agency=agency)).values(
            "user_id"
        )
    )
    valid: dict[str, tuple[int, dict[str, Any]]] = {}
    accounts_in_file: dict[int, int] = {}
    with tabular.open_table(source, STAFF_COLUMNS, filename=filename, sheet=sheet) as table:
        rows = _Rows(table)
        for number, values, raw in table.rows(with_raw=True):
            rows.start(number)
            code = rows.code("code", values, _("the staff code is empty"), valid)
            name = " ".join(str(values.get("name") or "").split())
            if not name:
                rows.error("name", _("the name is empty"))
            elif len(name) > 150:
                rows.error("name", _("at most 150 characters"))
            unit = rows.unit("unit", values, units)
            position = None
            position_text = _code(values.get("position"))
            if position_text:
                position = positions.get(tabular.normalize_header(position_text))
                if position is None:
                    rows.error(
                        "position",
                        _("no position %(code)s in agency %(agency)s")
                        % {"code": position_text, "agency": agency.code},
                    )
            rank = ""
            try:
                rank = clean_rank(values.get("rank"))
            except ValueError as exc:
                rows.error("rank", str(exc))
            placed_on = left_on = None
            try:
                placed_on = _optional_date(values.get("placed_on"))
            except ValueError as exc:
                rows.error("placed_on", str(exc))
            try:
                left_on = _optional_date(values.get("left_on"))
            except ValueError as exc:
                rows.error("left_on", str(exc))
            if placed_on and left_on and left_on < placed_on:
                rows.error("left_on", _("the leaving date is before the placement date"))
            must_rotate = False
            try:
                must_rotate = tabular.parse_bool(values.get("must_rotate"))
            except ValueError as exc:
                rows.error("must_rotate", str(exc))
            account = None
            account_text = _code(values.get("account"))
            if account_text:
                account = users.filter(username__iexact=account_text).first()
                if account is None:
                    rows.error("account", _("no user account %(name)s") % {"name": account_text})
                elif account.pk in accounts_in_file:
                    rows.error(
                        "account",
                        _("this account is already given in row %(row)s")
                        % {"row": accounts_in_file[account.pk]},
                    )
                else:
                    taken = (
                        StaffMember.objects.filter(agency=agency, user=account)
                        .exclude(code=code)
                        .first()
                    )
                    if taken is not None:
                        rows.error(
                            "account",
                            _("this account is linked to staff member %(code)s")
                            % {"code": taken.code},
                        )
                    else:
                        accounts_in_file[account.pk] = number
            if rows.finish(raw):
                valid[code] = (
                    number,
                    {
                        "full_name": name,
                        "unit": unit,
                        "position": position,
                        "rank": rank,
                        "placed_on": placed_on,
                        "must_rotate": must_rotate,
                        "left_on": left_on,
                        "user": account,
                    },
                )
        raw_header = table.raw_header
    _close(rows, source, raw_header, skip_invalid)
    with transaction.atomic():
        existing = {m.code: m for m in StaffMember.objects.filter(agency=agency)}
        linked = set(
            StaffMember.objects.filter(agency=agency, user__isnull=False).values_list(
                "user_id", flat=True
            )
        )
        linked |= set(accounts_in_file)
        by_name = _accounts_by_name(agency)
        for code, (_number, data) in valid.items():
            member = existing.get(code)
            if data["user"] is None:
                if member is not None and member.user_id:
                    data["user"] = member.user
                else:
                    guess = by_name.get(tabular.normalize_header(data["full_name"]))
                    if guess is not None and guess.pk not in linked:
                        data["user"] = guess
                        linked.add(guess.pk)
        _upsert(
            rows,
            valid,
            existing,
            STAFF_FIELDS,
            lambda code, data: staff_create(actor=actor, agency=agency, code=code, **data),
            lambda member, changes: staff_update(actor=actor, member=member, **changes),
        )
    return _finish(rows, source, raw_header)


# -- training -------------------------------------------------------------------------------


def import_training(
    source: Source,
    *,
    agency: Agency,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """The training plan and its completion: one row per person per course (natural key:
    agency, Mã khóa, Mã cán bộ)."""
    require_manager(actor, agency)
    staff = {tabular.normalize_header(m.code): m for m in StaffMember.objects.filter(agency=agency)}
    valid: dict[tuple[str, int], tuple[int, dict[str, Any]]] = {}
    with tabular.open_table(source, TRAINING_COLUMNS, filename=filename, sheet=sheet) as table:
        rows = _Rows(table)
        for number, values, raw in table.rows(with_raw=True):
            rows.start(number)
            course = rows.code("course", values, _("the course code is empty"))
            course_name = " ".join(str(values.get("course_name") or "").split())
            if len(course_name) > 255:
                rows.error("course_name", _("at most 255 characters"))
            staff_text = _code(values.get("staff"))
            member = staff.get(tabular.normalize_header(staff_text)) if staff_text else None
            if not staff_text:
                rows.error("staff", _("the staff code is empty"))
            elif member is None:
                rows.error(
                    "staff",
                    _("no staff member %(code)s in agency %(agency)s")
                    % {"code": staff_text, "agency": agency.code},
                )
            in_plan = True
            raw_plan = values.get("in_plan")
            if raw_plan is not None and str(raw_plan).strip() != "":
                try:
                    in_plan = tabular.parse_bool(raw_plan)
                except ValueError as exc:
                    rows.error("in_plan", str(exc))
            plan_year = None
            raw_year = values.get("plan_year")
            if raw_year is not None and str(raw_year).strip() != "":
                try:
                    plan_year = tabular.parse_whole(raw_year)
                    if not 2000 <= plan_year <= 2100:
                        raise ValueError
                except ValueError:
                    rows.error(
                        "plan_year",
                        _("the plan year must be a year between 2000 and 2100, not %(value)r")
                        % {"value": tabular.parse_text(raw_year) or ""},
                    )
            completed_on = None
            try:
                completed_on = _optional_date(values.get("completed_on"))
            except ValueError as exc:
                rows.error("completed_on", str(exc))
            key = (course, member.pk) if member is not None else None
            if key is not None and key in valid:
                rows.error(
                    "staff",
                    _("this person is already in course %(code)s in row %(row)s")
                    % {"code": course, "row": valid[key][0]},
                )
            if rows.finish(raw):
                valid[key] = (
                    number,
                    {
                        "staff": member,
                        "course_name": course_name,
                        "in_plan": in_plan,
                        "plan_year": plan_year,
                        "completed_on": completed_on,
                    },
                )
        raw_header = table.raw_header
    _close(rows, source, raw_header, skip_invalid)

    def update(item: TrainingRecord, changes: dict[str, Any]) -> bool:
        if not changes["course_name"]:
            changes.pop("course_name")
        return training_update(actor=actor, item=item, **changes)

    with transaction.atomic():
        _upsert(
            rows,
            valid,
            {(t.course_code, t.staff_id): t for t in TrainingRecord.objects.filter(agency=agency)},
            TRAINING_FIELDS,
            lambda key, data: training_create(
                actor=actor, agency=agency, course_code=key[0], **data
            ),
            update,
        )
    return _finish(rows, source, raw_header)
