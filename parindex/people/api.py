"""API of the people app (under /api/v1/people), with the screens' access rules: full staff
records for the secretariat, the leaders and the person (every read audited), names, positions
and ranks for a unit head; imports and the export for the secretariat."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from parindex.common.api import given, schema_of
from parindex.common.api_imports import ImportOut, RefusedOut, run_import
from parindex.common.errors import DomainError
from parindex.common.periods import PlausibleDate, PlausibleYear
from parindex.org.models import Unit
from parindex.people import selectors, services
from parindex.people.figures import staffing_figures
from parindex.people.models import LIST, Rating, StaffMember
from parindex.people.parfile import par_file

router = Router(tags=["people"])
LIMIT = 5000


def _agency(request: HttpRequest, code: str):
    agency = selectors.default_agency_for_user(request.user, code)
    if agency is None:
        raise Http404
    return agency


@router.get("/figures", summary="Staffing figures (same document as `parindex staffing_figures`)")
def figures(
    request: HttpRequest,
    agency: str,
    year: PlausibleYear,
    as_of: PlausibleDate | None = None,
    rotation_years: int | None = None,
) -> dict[str, Any]:
    if rotation_years is not None and not 1 <= rotation_years <= 50:
        raise DomainError("rotation_years must be from 1 to 50", field="rotation_years")
    return staffing_figures(
        _agency(request, agency), year, as_of=as_of, rotation_years=rotation_years
    )


class StaffBasicOut(Schema):
    code: str | None = None
    full_name: str
    unit: str
    position: str | None
    rank: str


class StaffOut(Schema):
    code: str
    full_name: str
    unit: str
    position: str | None
    position_name: str | None
    rank: str
    placed_on: dt.date | None
    must_rotate: bool
    left_on: dt.date | None
    user: str | None


def _full(m: StaffMember) -> StaffOut:
    return schema_of(
        StaffOut,
        m,
        unit=m.unit.code,
        position=m.position.code if m.position else None,
        position_name=m.position.name if m.position else None,
        user=m.user.username if m.user else None,
    )


@router.get("/staff", response=list[StaffBasicOut], summary="Names, positions and ranks")
def staff_list(request: HttpRequest, agency: str):
    """The people the caller may list (a unit head: the unit); no personal details."""
    members = selectors.staff_list_for_user(request.user).filter(agency__code=agency)[:LIMIT]
    return [
        {
            "code": m.code,
            "full_name": m.full_name,
            "unit": m.unit.code,
            "position": m.position.name if m.position else None,
            "rank": m.rank,
        }
        for m in members
    ]


@router.get("/staff/export", response=list[StaffOut], summary="Full records (secretariat only)")
def staff_export(request: HttpRequest, agency: str):
    agency_obj = _agency(request, agency)
    if not selectors.may_export_staff(request.user, agency_obj):
        raise PermissionDenied
    members = list(selectors.staff_export_for_user(request.user).filter(agency=agency_obj)[:LIMIT])
    services.staff_export_recorded(request.user, agency_obj, len(members))
    return [_full(m) for m in members]


@router.get("/staff/{agency}/{code}", response=StaffOut, summary="One full record (audited)")
def staff_detail(request: HttpRequest, agency: str, code: str):
    return _full(services.staff_record_read(request.user, agency, code))


IMPORTERS = {
    "positions": services.import_positions,
    "staff": services.import_staff,
    "training": services.import_training,
    "quotas": services.import_quotas,
}


@router.post(
    "/import/{kind}",
    response={200: ImportOut, 400: RefusedOut},
    summary="Import a positions, staff or training file (same rules as the commands)",
)
def import_file(
    request: HttpRequest,
    kind: str,
    agency: Form[str],
    file: File[UploadedFile],
    skip_invalid: Form[bool] = False,
):
    if kind not in IMPORTERS:
        raise Http404
    agency_obj = get_object_or_404(selectors.people_agencies_for_user(request.user), code=agency)
    return run_import(
        IMPORTERS[kind], file, agency=agency_obj, actor=request.user, skip_invalid=skip_invalid
    )


class TrainingOut(Schema):
    id: int
    course_code: str
    course_name: str
    staff: str
    unit: str
    in_plan: bool
    plan_year: int | None
    completed_on: dt.date | None
    certificate: bool


class QuotaOut(Schema):
    unit: str
    unit_name: str
    year: int
    quota: int | None
    present: int
    gap: int | None


class QuotaIn(Schema):
    unit: str
    year: int
    quota: int


@router.get(
    "/quotas",
    response=list[QuotaOut],
    summary="Each unit's staffing quota (biên chế) for the year and the people in post",
)
def quota_list(
    request: HttpRequest, agency: str, year: PlausibleYear, as_of: PlausibleDate | None = None
):
    found = _agency(request, agency)
    if not selectors.sees_full_records(request.user, found):
        raise PermissionDenied
    if not 2000 <= year <= 2100:
        raise DomainError("year must be from 2000 to 2100", field="year")
    data = selectors.placement(found, year, as_of=as_of)
    return [
        {
            "unit": row.unit.code,
            "unit_name": row.unit.name,
            "year": year,
            "quota": row.quota,
            "present": row.present,
            "gap": row.gap,
        }
        for row in data.staffing
    ]


@router.put("/quotas/{agency}", response=QuotaOut, summary="Set one unit's quota for a year")
def quota_put(request: HttpRequest, agency: str, payload: QuotaIn):
    found = _agency(request, agency)
    unit = get_object_or_404(Unit, agency=found, code=payload.unit)
    quota = services.quota_set(
        actor=request.user, unit=unit, year=payload.year, quota=payload.quota
    )
    rows = selectors.placement(found, quota.year).staffing
    present = next((r.present for r in rows if r.unit.pk == unit.pk), 0)
    return {
        "unit": unit.code,
        "unit_name": unit.name,
        "year": quota.year,
        "quota": quota.quota,
        "present": present,
        "gap": quota.quota - present,
    }


@router.get("/training", response=list[TrainingOut], summary="Training rows the caller may see")
def training_list(request: HttpRequest, agency: str, year: int | None = None):
    rows = selectors.training_for_user(request.user).filter(
        agency__code=agency, **given(plan_year=year)
    )
    return [training_list_row(t) for t in rows[:LIMIT]]


@router.post("/training/{pk}/complete", response=TrainingOut, summary="Record a completion")
def training_complete(
    request: HttpRequest,
    pk: int,
    completed_on: Form[dt.date],
    certificate: File[UploadedFile] | None = None,
):
    item = selectors.get_training_for_user(request.user, pk)
    item = services.training_complete(
        actor=request.user, item=item, completed_on=completed_on, certificate=certificate
    )
    return training_list_row(item)


def training_list_row(t) -> TrainingOut:
    return schema_of(
        TrainingOut,
        t,
        staff=t.staff.code,
        unit=t.staff.unit.code,
        certificate=bool(t.certificate),
    )


# -- rating ---------------------------------------------------------------------------------


class RatingIn(Schema):
    level: str = ""
    text: str = ""


def _season_member(request: HttpRequest, agency: str, year: int, code: str):
    season = selectors.get_season_for_user(request.user, agency, year)
    member = get_object_or_404(
        StaffMember.objects.restrict(request.user, LIST).select_related("agency", "unit", "user"),
        agency__code=agency,
        code=code,
    )
    return season, member


def _rating_out(season, member) -> dict[str, Any]:
    rating = Rating.objects.filter(season=season, staff=member).first()
    file = par_file(member, season.year)
    return {
        "agency": season.agency.code,
        "year": season.year,
        "staff": member.code,
        "full_name": member.full_name,
        "unit": member.unit.code,
        "is_head": file.is_head,
        "as_of": file.as_of,
        "unit_lost": float(file.unit_lost_total),
        "unit_lost_criteria": [{"code": c.code, "lost": float(c.lost)} for c in file.unit_lost],
        "own_lost": float(file.own_lost_total),
        "tasks": None
        if file.tasks is None
        else {
            "done_on_time": file.tasks.done_on_time,
            "done_late": file.tasks.done_late,
            "overdue": file.tasks.overdue,
            "open": file.tasks.open,
        },
        "unit_tasks_overdue": None if file.unit_tasks is None else file.unit_tasks.overdue,
        "recommendations_overdue": None
        if file.recommendations is None
        else len(file.recommendations),
        "initiatives": len(file.initiatives),
        "training_planned": len(file.training),
        "training_done": file.training_done,
        "stage": rating.stage if rating else None,
        "self_level": rating.self_level if rating else "",
        "proposed_level": rating.proposed_level if rating else "",
        "decided_level": rating.decided_level if rating else "",
    }


@router.get("/rating/{agency}/{year}/{code}", summary="A person's rating file and rating")
def rating_get(request: HttpRequest, agency: str, year: int, code: str) -> dict[str, Any]:
    return _rating_out(*_season_member(request, agency, year, code))


@router.post("/rating/{agency}/{year}/{code}/self", summary="Write one's self-assessment")
def rating_self(request: HttpRequest, agency: str, year: int, code: str, payload: RatingIn):
    season, member = _season_member(request, agency, year, code)
    services.rating_self_assess(
        actor=request.user, season=season, member=member, text=payload.text, level=payload.level
    )
    return _rating_out(season, member)


@router.post("/rating/{agency}/{year}/{code}/propose", summary="The head proposes a level")
def rating_propose(request: HttpRequest, agency: str, year: int, code: str, payload: RatingIn):
    season, member = _season_member(request, agency, year, code)
    _rating, cap = services.rating_propose(
        actor=request.user,
        season=season,
        member=member,
        level=payload.level,
        comment=payload.text,
    )
    return {**_rating_out(season, member), "cap_exceeded": cap.over}


@router.post("/rating/{agency}/{year}/{code}/decide", summary="The competent level decides")
def rating_decide(request: HttpRequest, agency: str, year: int, code: str, payload: RatingIn):
    season, member = _season_member(request, agency, year, code)
    _rating, cap = services.rating_decide(
        actor=request.user, season=season, member=member, level=payload.level, note=payload.text
    )
    return {**_rating_out(season, member), "cap_exceeded": cap.over}
