"""`import_positions`, `import_staff`, `import_training` (docs/people.md, "Files").

Each validates every row first; any invalid row refuses the whole file (nothing written) unless
`skip_invalid`. Valid rows are upserted by their natural key through the audited services, so a
second run of the same file changes nothing.
"""

from __future__ import annotations

import datetime as dt
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
    _finish,
    _Outcome,
    _upsert,
    code_cell,
    unit_cell,
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

F = tabular.Field


def _position_name(value: object) -> str:
    name = str(value or "").strip()
    if not name:
        raise ValueError(_("the position name is empty"))
    if len(name) > 255:
        raise ValueError(_("at most 255 characters"))
    return name


def _group(value: object) -> Any:
    try:
        return tabular.match_choice(value, POSITION_GROUP_NAMES)
    except ValueError:
        raise ValueError(
            _("unknown group %(value)r (lãnh đạo, quản lý; chuyên môn, nghiệp vụ; hỗ trợ, phục vụ)")
            % {"value": str(value or "")}
        ) from None


def _headcount(value: object) -> int:
    try:
        headcount = tabular.parse_whole(value)
    except ValueError:
        headcount = -1
    if headcount < 0:
        raise ValueError(
            _("the headcount must be a whole number ≥ 0, not %(value)r")
            % {"value": tabular.parse_text(value) or ""}
        )
    if headcount > 100000:
        raise ValueError(_("the headcount is too large"))
    return headcount


def _staff_name(value: object) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise ValueError(_("the name is empty"))
    if len(name) > 150:
        raise ValueError(_("at most 150 characters"))
    return name


def _course_name(value: object) -> str:
    name = " ".join(str(value or "").split())
    if len(name) > 255:
        raise ValueError(_("at most 255 characters"))
    return name


def _plan_year(value: object) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        year = tabular.parse_whole(value)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        raise ValueError(
            _("the plan year must be a year between 2000 and 2100, not %(value)r")
            % {"value": tabular.parse_text(value) or ""}
        )
    return year


# The people imports' columns in the order their cells are read (the errors of a row follow it).
POSITIONS = tabular.RowSchema(
    F("code", "Mã vị trí", ("Mã",), required=True, kind="lookup"),
    F("name", "Tên vị trí", ("Vị trí việc làm",), required=True, kind="parse", parse=_position_name),
    F("unit", "Đơn vị", required=True, kind="lookup"),
    F("group", "Nhóm", ("Nhóm vị trí",), required=True, kind="parse", parse=_group),
    F("ranks", "Ngạch yêu cầu", ("Ngạch", "Chức danh nghề nghiệp"), kind="parse", parse=split_ranks),
    F("headcount", "Số lượng", ("Số người",), required=True, kind="parse", parse=_headcount),
)  # fmt: skip
STAFF = tabular.RowSchema(
    F("code", "Mã cán bộ", ("Mã", "Mã CBCCVC"), required=True, kind="lookup"),
    F("name", "Họ và tên", ("Họ tên",), required=True, kind="parse", parse=_staff_name),
    F("unit", "Đơn vị", required=True, kind="lookup"),
    F("position", "Mã vị trí", ("Vị trí",), kind="lookup"),
    F("rank", "Ngạch", ("Ngạch hiện giữ", "Chức danh nghề nghiệp"), kind="parse", parse=clean_rank),
    F("placed_on", "Ngày nhận vị trí", ("Ngày bố trí",), kind="date"),
    # A date, read by a look-up to be checked against "Ngày nhận vị trí" where it is read.
    F("left_on", "Ngày nghỉ", ("Ngày thôi việc", "Ngày chuyển đi"), kind="lookup"),
    F("must_rotate", "Diện chuyển đổi", ("Thuộc diện chuyển đổi vị trí",), kind="bool", default=False),
    # Added by parindex (optional): the person's user name, to link the record to the account.
    F("account", "Tài khoản", ("Tên đăng nhập", "Username"), kind="lookup"),
)  # fmt: skip
TRAINING = tabular.RowSchema(
    F("course", "Mã khóa", ("Mã khóa học",), required=True, kind="lookup"),
    F("course_name", "Tên khóa", ("Tên khóa học", "Khóa học"), kind="parse", parse=_course_name),
    F("staff", "Mã cán bộ", ("Mã CBCCVC",), required=True, kind="lookup"),
    F("in_plan", "Trong kế hoạch", ("Theo kế hoạch",), kind="bool", default=True),
    F("plan_year", "Năm kế hoạch", ("Năm",), kind="parse", parse=_plan_year),
    F("completed_on", "Ngày hoàn thành", kind="date"),
)
POSITION_COLUMNS = POSITIONS.columns
STAFF_COLUMNS = STAFF.columns
TRAINING_COLUMNS = TRAINING.columns


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
    lookups = {"code": code_cell(_("the position code is empty"), valid), "unit": unit_cell(units)}
    with tabular.open_table(source, POSITION_COLUMNS, filename=filename, sheet=sheet) as table:
        outcome = _Outcome(table)
        for number, values, raw in table.rows(with_raw=True):
            row = tabular.RowReader(table, number, values)
            data = POSITIONS.read(row, **lookups)
            if outcome.keep(row, raw):
                valid[data["code"]] = (
                    number,
                    {
                        "unit": data["unit"],
                        "name": data["name"],
                        "group": data["group"],
                        "required_ranks": data["ranks"],
                        "headcount": data["headcount"],
                    },
                )
        raw_header = table.raw_header
    _close(outcome, skip_invalid)
    with transaction.atomic():
        _upsert(
            outcome,
            valid,
            {p.code: p for p in Position.objects.filter(agency=agency)},
            POSITION_FIELDS,
            lambda code, data: position_create(actor=actor, agency=agency, code=code, **data),
            lambda position, changes: position_update(actor=actor, position=position, **changes),
        )
    return _finish(outcome, source, raw_header)


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

    def position_of(row: tabular.RowReader, key: str) -> Position | None:
        text = tabular.parse_text(row.values.get(key))
        if not text:
            return None
        position = positions.get(tabular.normalize_header(text))
        if position is None:
            row.error(
                key,
                _("no position %(code)s in agency %(agency)s")
                % {"code": text, "agency": agency.code},
            )
        return position

    def left_on_of(row: tabular.RowReader, key: str) -> dt.date | None:
        left_on, placed_on = row.date(key), row.data["placed_on"]
        if placed_on and left_on and left_on < placed_on:
            row.error(key, _("the leaving date is before the placement date"))
        return left_on

    def account_of(row: tabular.RowReader, key: str) -> Any:
        text = tabular.parse_text(row.values.get(key))
        if not text:
            return None
        account = users.filter(username__iexact=text).first()
        if account is None:
            row.error(key, _("no user account %(name)s") % {"name": text})
        elif account.pk in accounts_in_file:
            row.error(
                key,
                _("this account is already given in row %(row)s")
                % {"row": accounts_in_file[account.pk]},
            )
        else:
            taken = (
                StaffMember.objects.filter(agency=agency, user=account)
                .exclude(code=row.data["code"])
                .first()
            )
            if taken is not None:
                row.error(
                    key,
                    _("this account is linked to staff member %(code)s") % {"code": taken.code},
                )
            else:
                accounts_in_file[account.pk] = row.number
        return account

    lookups = {
        "code": code_cell(_("the staff code is empty"), valid),
        "unit": unit_cell(units),
        "position": position_of,
        "left_on": left_on_of,
        "account": account_of,
    }
    with tabular.open_table(source, STAFF_COLUMNS, filename=filename, sheet=sheet) as table:
        outcome = _Outcome(table)
        for number, values, raw in table.rows(with_raw=True):
            row = tabular.RowReader(table, number, values)
            data = STAFF.read(row, **lookups)
            if outcome.keep(row, raw):
                valid[data["code"]] = (
                    number,
                    {
                        "full_name": data["name"],
                        "unit": data["unit"],
                        "position": data["position"],
                        "rank": data["rank"],
                        "placed_on": data["placed_on"],
                        "must_rotate": data["must_rotate"],
                        "left_on": data["left_on"],
                        "user": data["account"],
                    },
                )
        raw_header = table.raw_header
    _close(outcome, skip_invalid)
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
            outcome,
            valid,
            existing,
            STAFF_FIELDS,
            lambda code, data: staff_create(actor=actor, agency=agency, code=code, **data),
            lambda member, changes: staff_update(actor=actor, member=member, **changes),
        )
    return _finish(outcome, source, raw_header)


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

    def member_of(row: tabular.RowReader, key: str) -> StaffMember | None:
        text = tabular.parse_text(row.values.get(key))
        if not text:
            row.error(key, _("the staff code is empty"))
            return None
        member = staff.get(tabular.normalize_header(text))
        if member is None:
            row.error(
                key,
                _("no staff member %(code)s in agency %(agency)s")
                % {"code": text, "agency": agency.code},
            )
        return member

    lookups = {"course": code_cell(_("the course code is empty")), "staff": member_of}
    with tabular.open_table(source, TRAINING_COLUMNS, filename=filename, sheet=sheet) as table:
        outcome = _Outcome(table)
        for number, values, raw in table.rows(with_raw=True):
            row = tabular.RowReader(table, number, values)
            data = TRAINING.read(row, **lookups)
            course, member = data["course"], data["staff"]
            key = (course, member.pk) if member is not None else None
            if key is not None and key in valid:
                row.error(
                    "staff",
                    _("this person is already in course %(code)s in row %(row)s")
                    % {"code": course, "row": valid[key][0]},
                )
            if outcome.keep(row, raw):
                valid[key] = (
                    number,
                    {
                        "staff": member,
                        "course_name": data["course_name"],
                        "in_plan": data["in_plan"],
                        "plan_year": data["plan_year"],
                        "completed_on": data["completed_on"],
                    },
                )
        raw_header = table.raw_header
    _close(outcome, skip_invalid)

    def update(item: TrainingRecord, changes: dict[str, Any]) -> bool:
        if not changes["course_name"]:
            changes.pop("course_name")
        return training_update(actor=actor, item=item, **changes)

    with transaction.atomic():
        _upsert(
            outcome,
            valid,
            {(t.course_code, t.staff_id): t for t in TrainingRecord.objects.filter(agency=agency)},
            TRAINING_FIELDS,
            lambda key, data: training_create(
                actor=actor, agency=agency, course_code=key[0], **data
            ),
            update,
        )
    return _finish(outcome, source, raw_header)
