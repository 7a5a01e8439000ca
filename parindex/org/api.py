from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from parindex.org import selectors
from parindex.org.access import scope_for

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
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        email=user.email,
        language=user.language,
        is_admin=scope_for(user).is_admin,
        roles=roles,
    )


@router.get("/units", response=list[UnitOut], summary="Units the caller may see")
def units(request: HttpRequest, agency: str | None = None):
    qs = selectors.units_for_user(request.user)
    if agency:
        qs = qs.filter(agency__code=agency)
    return [
        UnitOut(agency=u.agency.code, code=u.code, name=u.name, kind=u.kind, is_active=u.is_active)
        for u in qs[:1000]
    ]
