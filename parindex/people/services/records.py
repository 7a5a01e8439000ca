"""Writes of positions, staff records and training: each atomic, checked and audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record, record_created, save_changes, snapshot
from parindex.common.errors import DomainError
from parindex.common.uploads import check_upload
from parindex.org import access
from parindex.org.access import can
from parindex.org.models import Agency
from parindex.people import selectors
from parindex.people.models import COMPLETE, Position, StaffMember, TrainingRecord

POSITION_FIELDS = ("unit", "name", "group", "required_ranks", "headcount", "rotation_years")
STAFF_FIELDS = (
    "full_name",
    "unit",
    "position",
    "rank",
    "placed_on",
    "must_rotate",
    "left_on",
    "user",
)
TRAINING_FIELDS = ("course_name", "in_plan", "plan_year", "completed_on")


def may_manage(actor: Any, agency: Any) -> bool:
    """The agency's secretariat (or an administrator, or the system) manages its people."""
    if actor is None:
        return True
    return access.may_manage_agency(actor, agency)


def require_manager(actor: Any, agency: Any) -> None:
    if not may_manage(actor, agency):
        raise PermissionDenied


def _check_staff(data: dict[str, Any]) -> None:
    placed, left = data.get("placed_on"), data.get("left_on")
    if placed and left and left < placed:
        raise DomainError(_("The leaving date is before the placement date."), field="left_on")


# -- positions ------------------------------------------------------------------------------


@transaction.atomic
def position_create(*, actor: Any, agency: Any, code: str, **data: Any) -> Position:
    require_manager(actor, agency)
    if data["unit"].agency_id != agency.pk:
        raise DomainError(_("The unit belongs to another agency."), field="unit")
    position = Position.objects.create(agency=agency, code=code, **data)
    record_created(actor, "position.created", position, ("code", *POSITION_FIELDS))
    return position


@transaction.atomic
def position_update(*, actor: Any, position: Position, **changes: Any) -> bool:
    require_manager(actor, position.agency_id)
    return save_changes(actor, "position.updated", position, POSITION_FIELDS, changes).changed


# -- staff ----------------------------------------------------------------------------------


@transaction.atomic
def staff_create(*, actor: Any, agency: Any, code: str, **data: Any) -> StaffMember:
    require_manager(actor, agency)
    _check_staff(data)
    member = StaffMember.objects.create(agency=agency, code=code, **data)
    record_created(actor, "staff.created", member, ("code", *STAFF_FIELDS))
    return member


@transaction.atomic
def staff_update(*, actor: Any, member: StaffMember, **changes: Any) -> bool:
    require_manager(actor, member.agency_id)
    _check_staff({f: changes.get(f, getattr(member, f)) for f in ("placed_on", "left_on")})
    return save_changes(actor, "staff.updated", member, STAFF_FIELDS, changes).changed


@transaction.atomic
def staff_link_user(*, actor: Any, member: StaffMember, user: Any) -> bool:
    """Link a staff record to the person's user account (or unlink it with None)."""
    require_manager(actor, member.agency_id)
    if user is not None:
        taken = StaffMember.objects.filter(agency_id=member.agency_id, user=user).exclude(
            pk=member.pk
        )
        if taken.exists():
            raise DomainError(_("This account is already linked to a staff record."), field="user")
    return staff_update(actor=actor, member=member, user=user)


# -- training -------------------------------------------------------------------------------


@transaction.atomic
def training_create(
    *, actor: Any, agency: Any, staff: StaffMember, course_code: str, **data: Any
) -> TrainingRecord:
    require_manager(actor, agency)
    if staff.agency_id != agency.pk:
        raise DomainError(_("The person belongs to another agency."), field="staff")
    item = TrainingRecord.objects.create(
        agency=agency, staff=staff, course_code=course_code, **data
    )
    record_created(actor, "training.created", item, ("course_code", "staff", *TRAINING_FIELDS))
    return item


@transaction.atomic
def training_update(*, actor: Any, item: TrainingRecord, **changes: Any) -> bool:
    require_manager(actor, item.agency_id)
    return save_changes(actor, "training.updated", item, TRAINING_FIELDS, changes).changed


@transaction.atomic
def training_complete(
    *, actor: Any, item: TrainingRecord, completed_on: Any, certificate: Any = None
) -> TrainingRecord:
    """Record that the person finished the course, with the certificate file when given."""
    if actor is not None and not can(actor, COMPLETE, item):
        raise PermissionDenied
    if completed_on is None:
        raise DomainError(_("Give the date the course was completed."), field="completed_on")
    fields = (*TRAINING_FIELDS, "certificate_name")
    with audited(actor, "training.completed", item, fields, always=True):
        item.completed_on = completed_on
        if certificate is not None:
            name = Path(getattr(certificate, "name", "") or "certificate").name
            sha = check_upload(certificate, field="certificate", name=name).sha256
            item.certificate.save(
                name,
                certificate if isinstance(certificate, File) else File(certificate),
                save=False,
            )
            item.certificate_name = name[:255]
            item.certificate_sha256 = sha
        item.save()
    return item


# -- rotation plan --------------------------------------------------------------------------


@transaction.atomic
def rotation_plan_add(
    *,
    actor: Any,
    member: StaffMember,
    year: int,
    planned_on: Any = None,
    to_position: Position | None = None,
    note: str = "",
) -> Any:
    """Put a person in the agency's rotation plan of `year` (once a year)."""
    from parindex.people.models import RotationPlanEntry

    require_manager(actor, member.agency_id)
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    if planned_on is not None and planned_on.year != int(year):
        raise DomainError(_("The planned date must fall in the plan's year."), field="planned_on")
    if to_position is not None and to_position.agency_id != member.agency_id:
        raise DomainError(_("The position belongs to another agency."), field="to_position")
    if RotationPlanEntry.objects.filter(staff=member, year=year).exists():
        raise DomainError(_("This person is already in this year's rotation plan."))
    entry = RotationPlanEntry.objects.create(
        agency_id=member.agency_id,
        staff=member,
        year=year,
        planned_on=planned_on,
        to_position=to_position,
        note=(note or "").strip()[:500],
    )
    record(
        actor=actor,
        action="rotation.planned",
        target=member,
        agency=member.agency_id,
        after=snapshot(entry, ("year", "planned_on", "to_position", "note")),
    )
    return entry


# -- reads of personal data --------------------------------------------------------------------


def staff_record_read(actor: Any, agency_code: str, code: str) -> StaffMember:
    """One full staff record for `actor` (404 for anyone else). A full record is personal data,
    so every read is written to the audit trail (``staff.viewed``, naming the reader)."""
    member = selectors.get_staff_record_for_user(actor, agency_code, code)
    record(actor=actor, action="staff.viewed", target=member, agency=member.agency_id)
    return member


def staff_export_recorded(actor: Any, agency: Agency | None, count: int) -> None:
    """An export of personal data is itself written to the audit trail."""
    record(actor=actor, action="staff.exported", agency=agency, note=f"{count} rows")
