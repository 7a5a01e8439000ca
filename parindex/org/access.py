"""The one access layer: who may see and change what.

Every model that users reach defines `scope_filter(scope, action) -> Q`; views, commands and the
API ask `Model.objects.restrict(user, action)` or `get_object_for_user(...)`, never their own
checks. A user's roles are read once per request into a `Scope`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from parindex.org.models import User

M = TypeVar("M", bound=models.Model)


class Action:
    """Action names understood by every `scope_filter`; apps may add their own (e.g. appraise)."""

    VIEW = "view"
    CHANGE = "change"
    CREATE = "create"
    DELETE = "delete"


@dataclass(frozen=True)
class Scope:
    """A user's roles, flattened to sets of ids for building query filters."""

    user_id: int | None
    is_admin: bool = False
    secretariat: frozenset[int] = frozenset()  # agency ids
    leader: frozenset[int] = frozenset()  # agency ids
    viewer: frozenset[int] = frozenset()  # agency ids
    appraiser: frozenset[int] = frozenset()  # agency ids reached through councils
    councils: frozenset[int] = frozenset()
    head_units: frozenset[int] = frozenset()
    staff_units: frozenset[int] = frozenset()
    member_agencies: frozenset[int] = frozenset()  # agencies of the units above
    province_secretariat: frozenset[int] = frozenset()  # province ids
    province_council: frozenset[int] = frozenset()  # province ids
    province_agencies: frozenset[int] = frozenset()  # agencies of the two sets above

    @property
    def agencies_read_all(self) -> frozenset[int]:
        """Agencies whose every record this user may read (a province role reads them all)."""
        return (
            self.secretariat | self.leader | self.viewer | self.appraiser | self.province_agencies
        )

    @property
    def provinces(self) -> frozenset[int]:
        """Provinces where this user holds a province role."""
        return self.province_secretariat | self.province_council

    @property
    def agencies_visible(self) -> frozenset[int]:
        """Agencies this user may see at all (their own unit's agency included)."""
        return self.agencies_read_all | self.member_agencies

    @property
    def member_units(self) -> frozenset[int]:
        return self.head_units | self.staff_units

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None


ANONYMOUS = Scope(user_id=None)


def scope_for(user: User | AnonymousUser | None) -> Scope:
    """The user's scope, computed once and kept on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_parindex_scope", None)
    if cached is not None:
        return cached
    from parindex.org.models import Membership

    sets: dict[str, set[int]] = {
        "secretariat": set(),
        "leader": set(),
        "viewer": set(),
        "appraiser": set(),
        "councils": set(),
        "head_units": set(),
        "staff_units": set(),
        "member_agencies": set(),
        "province_secretariat": set(),
        "province_council": set(),
        "province_agencies": set(),
    }
    is_admin = user.is_superuser
    rows = Membership.objects.filter(user=user).values_list(
        "role", "agency_id", "unit_id", "unit__agency_id", "council_id", "province_id"
    )
    council_ids: set[int] = set()
    for role, agency_id, unit_id, unit_agency_id, council_id, province_id in rows:
        if role in ("province_secretariat", "province_council"):
            sets[role].add(province_id)
        elif role == "admin":
            is_admin = True
        elif role in ("secretariat", "leader", "viewer"):
            sets[role].add(agency_id)
        elif role == "unit_head":
            sets["head_units"].add(unit_id)
            sets["member_agencies"].add(unit_agency_id)
        elif role == "unit_staff":
            sets["staff_units"].add(unit_id)
            sets["member_agencies"].add(unit_agency_id)
        elif role == "appraiser":
            council_ids.add(council_id)
    if council_ids:
        from parindex.org.models import Council

        sets["councils"] = council_ids
        sets["appraiser"] = set(
            Council.agencies.through.objects.filter(council_id__in=council_ids).values_list(
                "agency_id", flat=True
            )
        )
    provinces = sets["province_secretariat"] | sets["province_council"]
    if provinces:
        from parindex.org.models import Agency

        sets["province_agencies"] = set(
            Agency.objects.filter(province_id__in=provinces).values_list("pk", flat=True)
        )
    scope = Scope(user_id=user.pk, is_admin=is_admin, **{k: frozenset(v) for k, v in sets.items()})
    user._parindex_scope = scope
    return scope


# Province predicates: the one place that says who owns the province-wide records.


def may_manage_framework(scope: Scope, province_id: int | None) -> bool:
    """Write the year's framework of a province: administrators and its PAR secretariat only
    (never an agency's secretariat: the framework is shared by every agency)."""
    if scope.is_admin:
        return True
    return province_id is not None and province_id in scope.province_secretariat


def may_set_national_calendar(scope: Scope) -> bool:
    """Write the calendar overrides (the government's yearly notice, shared by everyone)."""
    return scope.is_admin or bool(scope.province_secretariat)


def may_view_province(scope: Scope, province_id: int) -> bool:
    """See the province-wide page and drill into any of its agencies."""
    return scope.is_admin or province_id in scope.provinces


# People predicates: who opens the staffing screens, reads full records, manages the records.


def may_open_people(scope: Scope, agency_id: int | None = None) -> bool:
    """Open the people screens (of one agency, or of any): administrators, the secretariat,
    the leaders, and the members of the agency's units (who then see what their role allows)."""
    if scope.is_admin:
        return True
    agencies = scope.secretariat | scope.leader | scope.member_agencies
    return bool(agencies) if agency_id is None else agency_id in agencies


def may_read_full_staff(scope: Scope, agency_id: int | None = None) -> bool:
    """Read full staff records and the placement views: the secretariat and the leaders."""
    if scope.is_admin:
        return True
    agencies = scope.secretariat | scope.leader
    return bool(agencies) if agency_id is None else agency_id in agencies


def may_manage_people(scope: Scope, agency_id: int | None = None) -> bool:
    """Import and change the staff records of an agency: its secretariat only."""
    if scope.is_admin:
        return True
    return bool(scope.secretariat) if agency_id is None else agency_id in scope.secretariat


def may_set_feedback_deadlines(scope: Scope, agency_id: int) -> bool:
    """Change how many days an agency has to answer citizens' feedback: its secretariat."""
    return scope.is_admin or agency_id in scope.secretariat


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to what a user may do."""

    def restrict(self, user: Any, action: str = Action.VIEW) -> RestrictedQuerySet:
        scope = user if isinstance(user, Scope) else scope_for(user)
        if scope.is_anonymous:
            return self.none()
        return self.filter(self.model.scope_filter(scope, action))


def can(user: Any, action: str, obj: models.Model) -> bool:
    """Whether `user` may do `action` on this saved object."""
    return obj.__class__._default_manager.restrict(user, action).filter(pk=obj.pk).exists()


def get_object_for_user(
    queryset: models.QuerySet[M], user: Any, *, write: bool = False, **lookup: Any
) -> M:
    """Fetch one object the user may see: 404 when hidden, 403 when visible but read-only."""
    try:
        obj = queryset.restrict(user, Action.VIEW).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    if write and not can(user, Action.CHANGE, obj):
        raise PermissionDenied
    return obj
