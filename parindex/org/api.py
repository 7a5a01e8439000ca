from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from parindex.common.api import given, schema_of
from parindex.common.errors import DomainError
from parindex.org import access, selectors, services
from parindex.org.models import Agency, Unit

router = Router(tags=["organisation"])


class RoleOut(Schema):
    role: str
    agency: str | None = None
    unit: str | None = None
    council: str | None = None


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    language: str
    is_admin: bool
    roles: list[RoleOut]


class UnitOut(Schema):
    agency: str
    code: str
    name: str
    kind: str
    is_active: bool


@router.get("/me", response=MeOut, summary="The caller and their roles")
def me(request: HttpRequest):
    user = request.user
    roles = [
        RoleOut(
            role=m.role,
            agency=(m.agency.code if m.agency else (m.unit.agency.code if m.unit else None)),
            unit=m.unit.code if m.unit else None,
            council=m.council.code if m.council else None,
        )
        for m in user.memberships.select_related("agency", "unit__agency", "council")
    ]
    return schema_of(MeOut, user, is_admin=access.is_admin(user), roles=roles)


class UnlockOut(Schema):
    username: str
    cleared: int


@router.post(
    "/people/{username}/unlock",
    response=UnlockOut,
    summary="Unlock a user name locked out after wrong passwords (secretariat)",
)
def person_unlock(request: HttpRequest, username: str):
    person = selectors.get_person_for_user(request.user, username, write=True)
    cleared = services.person_unlock(actor=request.user, user=person)
    return UnlockOut(username=person.username, cleared=cleared)


@router.get("/units", response=list[UnitOut], summary="Units the caller may see")
def units(request: HttpRequest, agency: str | None = None):
    qs = selectors.units_for_user(request.user).filter(**given(agency__code=agency))
    return [schema_of(UnitOut, u, agency=u.agency.code) for u in qs[:1000]]


class UnitChangeIn(Schema):
    agency: str
    kind: str  # merge | split | rename
    effective_on: dt.date
    units: list[str] = []  # merge: the merging units
    unit: str = ""  # split, rename: the unit
    into: str = ""  # merge: the successor's code
    name: str = ""  # merge: a new successor's name; rename: the new name
    successors: list[list[str]] = []  # split: [[code, name], …]
    decision: str = ""


@router.post("/units/changes", summary="Merge, split or rename units from a date")
def unit_change(request: HttpRequest, payload: UnitChangeIn) -> dict[str, Any]:
    from parindex.org import changes

    agency = get_object_or_404(selectors.agencies_for_user(request.user), code=payload.agency)

    def unit(code: str) -> Unit:
        return get_object_or_404(Unit.objects.filter(agency=agency), code=code.strip().upper())

    common = {"effective_on": payload.effective_on, "decision": payload.decision}
    if payload.kind == "merge":
        change = changes.unit_merge(
            actor=request.user,
            agency=agency,
            predecessors=[unit(c) for c in payload.units],
            successor_code=payload.into,
            successor_name=payload.name,
            **common,
        )
    elif payload.kind == "split":
        change = changes.unit_split(
            actor=request.user,
            agency=agency,
            predecessor=unit(payload.unit),
            successors=[(s[0], s[-1]) for s in payload.successors if s],
            **common,
        )
    elif payload.kind == "rename":
        change = changes.unit_rename(
            actor=request.user, unit=unit(payload.unit), name=payload.name, **common
        )
    else:
        raise DomainError("kind must be merge, split or rename", field="kind")
    return {
        "kind": change.kind,
        "effective_on": change.effective_on,
        "links": [
            {"from": link.code_before, "to": link.successor.code}
            for link in change.unit_links.select_related("successor")
        ],
    }


class AgencyMergeIn(Schema):
    agencies: list[str]  # the merging agencies' codes
    into: str  # the continuing agency's code
    effective_on: dt.date
    decision: str = ""


@router.post("/agencies/merge", summary="Agencies merged into another from a date (administrators)")
def agency_merge(request: HttpRequest, payload: AgencyMergeIn) -> dict[str, Any]:
    from parindex.org import changes

    def agency(code: str) -> Agency:
        return get_object_or_404(Agency, code=code.strip().upper())

    if not access.is_admin(request.user):
        raise PermissionDenied
    change = changes.agency_merge(
        actor=request.user,
        predecessors=[agency(c) for c in payload.agencies],
        successor=agency(payload.into),
        effective_on=payload.effective_on,
        decision=payload.decision,
    )
    return {
        "kind": change.kind,
        "effective_on": change.effective_on,
        "into": change.agency.code,
        "merged": [
            link.predecessor.code for link in change.agency_links.select_related("predecessor")
        ],
    }


@router.get("/units/{agency}/{code}/history", summary="A unit's year beside its predecessors'")
def unit_history(request: HttpRequest, agency: str, code: str, year: int) -> list[dict[str, Any]]:
    from parindex.org.changes import unit_history as history

    found = selectors.get_unit_for_user(request.user, agency, code)
    if not 2000 <= year <= 2100:
        raise DomainError("year must be from 2000 to 2100", field="year")
    end = dt.date(year, 12, 31)
    return [
        {
            "label": row.label,
            "unit": row.unit.code,
            "own": row.is_own,
            "from": row.start,
            "to": row.end,
            "dossiers": row.dossiers,
            "lost": float(row.lost) if row.lost is not None else None,
            "tasks": row.tasks,
        }
        for row in history(found, dt.date(year, 1, 1), end, on=min(end, timezone.localdate()))
    ]
