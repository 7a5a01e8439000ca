"""Reads of the people app, always within the viewer's scope.

A full staff record is personal data: screens and the API read it through
``services.staff_record_read``, which writes an audit row (``staff.viewed``) for every read;
reads never write, so the audit row is the service's, not this module's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from parindex.org import access
from parindex.org.access import Action, can, get_object_for_user
from parindex.org.models import Agency, Unit
from parindex.people.choices import PositionGroup
from parindex.people.figures import (
    DEFAULT_ROTATION_YEARS,
    default_as_of,
    rank_matches,
    rotation_due_on,
)
from parindex.people.models import (
    EXPORT,
    LIST,
    Position,
    RatingSeason,
    RotationPlanEntry,
    StaffingQuota,
    StaffMember,
    TrainingRecord,
)

# -- access answers -------------------------------------------------------------------------


def sees_full_records(user: Any, agency: Agency | int) -> bool:
    """The secretariat, the leaders (and administrators) read every full record of the agency."""
    return access.may_manage_agency(user, agency) or access.is_leader_of(user, agency)


def may_export_staff(user: Any, agency: Agency | int | None = None) -> bool:
    """Only the secretariat exports personal data."""
    if agency is None:
        return access.may_create(user)
    return access.may_manage_agency(user, agency)


def people_agencies_for_user(user: Any) -> QuerySet[Agency]:
    """Agencies whose people screens the user may open: full readers, and the people of its
    units (each then sees what the records' own rules allow)."""
    if access.is_admin(user):
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=access.working_agency_ids(user)).order_by("code")


def own_staff_record(user: Any) -> StaffMember | None:
    """The signed-in person's own staff record, if one is linked to the account."""
    if not getattr(user, "is_authenticated", False):
        return None
    return StaffMember.objects.filter(user=user).select_related("agency").first()


def default_agency_for_user(user: Any, code: str | None = None) -> Agency | None:
    agencies = people_agencies_for_user(user)
    if code:
        return agencies.filter(code=code).first()
    return agencies.first()


# -- positions and staff --------------------------------------------------------------------


def positions_for_user(user: Any) -> QuerySet[Position]:
    return (
        Position.objects.restrict(user)
        .select_related("agency", "unit")
        .annotate(
            held=Count(
                "holders",
                filter=Q(holders__left_on__isnull=True)
                | Q(holders__left_on__gte=timezone.localdate()),
            )
        )
        .order_by("agency__code", "unit__code", "code")
    )


def staff_list_for_user(user: Any) -> QuerySet[StaffMember]:
    """The staff a user may list: full readers see their agency, unit heads their unit."""
    return StaffMember.objects.restrict(user, LIST).select_related(
        "agency", "unit", "position", "user"
    )


def staff_export_for_user(user: Any) -> QuerySet[StaffMember]:
    return StaffMember.objects.restrict(user, EXPORT).select_related(
        "agency", "unit", "position", "user"
    )


def get_staff_record_for_user(user: Any, agency_code: str, code: str) -> StaffMember:
    """One full staff record (404 for anyone else). Not audited here: callers showing it go
    through ``services.staff_record_read``."""
    return get_object_for_user(
        StaffMember.objects.select_related("agency", "unit", "position", "user"),
        user,
        agency__code=agency_code,
        code=code,
    )


def get_staff_for_manager(user: Any, agency_code: str, code: str) -> StaffMember:
    """A staff record the user manages (the secretariat): 404 otherwise; not a read to audit."""
    return get_object_for_user(
        StaffMember.objects.restrict(user, Action.CHANGE).select_related("agency", "unit"),
        user,
        write=True,
        agency__code=agency_code,
        code=code,
    )


def staff_of_unit(unit: Unit, *, on: dt.date) -> list[StaffMember]:
    return [
        m
        for m in StaffMember.objects.filter(unit=unit).select_related("position")
        if m.is_present(on)
    ]


# -- training -------------------------------------------------------------------------------


def training_for_user(user: Any) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.restrict(user).select_related("agency", "staff", "staff__unit")


def get_training_for_user(user: Any, pk: int) -> TrainingRecord:
    return get_object_for_user(
        TrainingRecord.objects.select_related("agency", "staff", "staff__unit"), user, pk=pk
    )


# -- placement ------------------------------------------------------------------------------


@dataclass
class Vacancy:
    position: Position
    held: int

    @property
    def gap(self) -> int:
        return max(0, self.position.headcount - self.held)


@dataclass
class RotationDue:
    member: StaffMember
    due_on: dt.date
    planned: RotationPlanEntry | None = None


@dataclass
class StaffingRow:
    """A unit's quota (biên chế) for the year against the people it counts on the day."""

    unit: Unit
    quota: int | None
    present: int

    @property
    def gap(self) -> int | None:
        """Places still to fill (negative: over the quota); None without a quota."""
        return None if self.quota is None else self.quota - self.present


@dataclass
class Placement:
    """The placement screen of one agency: vacancies, empty leadership posts, rank mismatches,
    people due to rotate (by the end of `year`) and the year's rotation plan."""

    agency: Agency
    year: int
    as_of: dt.date
    vacancies: list[Vacancy] = field(default_factory=list)
    leadership_empty: list[Vacancy] = field(default_factory=list)
    mismatches: list[StaffMember] = field(default_factory=list)
    rotation_due: list[RotationDue] = field(default_factory=list)
    plan: list[RotationPlanEntry] = field(default_factory=list)
    staffing: list[StaffingRow] = field(default_factory=list)


def placement(agency: Agency, year: int, *, as_of: dt.date | None = None) -> Placement:
    """Read for the secretariat and the leaders (the caller checks `sees_full_records`)."""
    as_of = as_of or default_as_of(year)
    result = Placement(agency=agency, year=year, as_of=as_of)
    positions = list(Position.objects.filter(agency=agency).select_related("unit"))
    members = [
        m
        for m in StaffMember.objects.filter(agency=agency).select_related("unit", "position")
        if m.is_present(as_of)
    ]
    present_by_unit: dict[int, int] = {}
    for member in members:
        present_by_unit[member.unit_id] = present_by_unit.get(member.unit_id, 0) + 1
    quotas = dict(
        StaffingQuota.objects.filter(agency=agency, year=year).values_list("unit_id", "quota")
    )
    result.staffing = [
        StaffingRow(unit, quotas.get(unit.pk), present_by_unit.get(unit.pk, 0))
        for unit in Unit.objects.filter(agency=agency, is_active=True).order_by("code")
    ]
    held: dict[int, int] = {}
    for member in members:
        if member.position_id:
            held[member.position_id] = held.get(member.position_id, 0) + 1
            if not rank_matches(member.rank, member.position.required_ranks):
                result.mismatches.append(member)
    for position in positions:
        vacancy = Vacancy(position, held.get(position.pk, 0))
        if vacancy.gap:
            result.vacancies.append(vacancy)
            if position.group == PositionGroup.LEADERSHIP:
                result.leadership_empty.append(vacancy)
    plan = {
        e.staff_id: e
        for e in RotationPlanEntry.objects.filter(agency=agency, year=year).select_related(
            "staff", "staff__unit", "to_position"
        )
    }
    result.plan = sorted(plan.values(), key=lambda e: (e.staff.unit.code, e.staff.full_name))
    end = dt.date(year, 12, 31)
    for member in members:
        if not (member.must_rotate and member.placed_on):
            continue
        years = (member.position and member.position.rotation_years) or DEFAULT_ROTATION_YEARS
        due = rotation_due_on(member.placed_on, years)
        if due <= end:
            result.rotation_due.append(RotationDue(member, due, plan.get(member.pk)))
    result.rotation_due.sort(key=lambda r: (r.due_on, r.member.full_name))
    return result


# -- rating seasons -------------------------------------------------------------------------


def seasons_for_user(user: Any) -> QuerySet[RatingSeason]:
    return RatingSeason.objects.restrict(user).select_related("agency")


def get_season_for_user(user: Any, agency_code: str, year: int) -> RatingSeason:
    return get_object_for_user(
        RatingSeason.objects.select_related("agency"), user, agency__code=agency_code, year=year
    )


def may_open_season(user: Any, agency: Agency) -> bool:
    return can(user, Action.CHANGE, agency) or access.is_admin(user)
