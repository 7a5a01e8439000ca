"""The one access layer: who may see and change what.

Every model that users reach defines `scope_filter(scope, action) -> Q`, most of them as a
`ScopeRule`; views, commands and the API ask `Model.objects.restrict(user, action)` or
`get_object_for_user(...)`, never their own checks. A user's roles are read once per request into
a `Scope`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
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
    WRITE = (CHANGE, CREATE, DELETE)


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


# Predicates: the one vocabulary for "who is this user" outside the models' `scope_filter`.
# Each takes a `Scope` or a user (`scope_for` is applied), and an agency or unit as an object or
# an id. Views, services and selectors ask these, never the scope's sets by hand (a test greps).

Who = Any  # a Scope, a User, an AnonymousUser or None


def as_scope(who: Who) -> Scope:
    """The scope of a user, or the scope itself."""
    return who if isinstance(who, Scope) else scope_for(who)


def _id(obj: Any) -> Any:
    return getattr(obj, "pk", obj)


def is_admin(who: Who) -> bool:
    """A system administrator (superuser or the admin role): may do everything."""
    return as_scope(who).is_admin


def is_secretariat_of(who: Who, agency: Any) -> bool:
    """Holds the PAR secretariat role of this agency (administrators not included)."""
    return _id(agency) in as_scope(who).secretariat


def may_manage_agency(who: Who, agency: Any) -> bool:
    """Administrator or the agency's secretariat: runs the agency's records and people."""
    scope = as_scope(who)
    return scope.is_admin or _id(agency) in scope.secretariat


def may_create(who: Who) -> bool:
    """Administrator or the secretariat of some agency: may create agency records at all."""
    scope = as_scope(who)
    return scope.is_admin or bool(scope.secretariat)


def is_leader_of(who: Who, agency: Any) -> bool:
    """Holds the leader (director) role of this agency."""
    return _id(agency) in as_scope(who).leader


def heads_unit(who: Who, unit: Any) -> bool:
    """Is the head of this unit."""
    return _id(unit) in as_scope(who).head_units


def heads_any_unit(who: Who) -> bool:
    return bool(as_scope(who).head_units)


def is_member_of_unit(who: Who, unit: Any) -> bool:
    """Head or staff of this unit."""
    return _id(unit) in as_scope(who).member_units


def works_in_agency(who: Who, agency: Any) -> bool:
    """Head or staff of one of the agency's units."""
    return _id(agency) in as_scope(who).member_agencies


def reads_agency(who: Who, agency: Any) -> bool:
    """Administrator, or a role that reads every record of the agency (secretariat, leader,
    viewer, appraiser, province role) rather than only its own unit's."""
    scope = as_scope(who)
    return scope.is_admin or _id(agency) in scope.agencies_read_all


def appraises_agency(who: Who, agency: Any) -> bool:
    """Sits on a council that appraises this agency."""
    return _id(agency) in as_scope(who).appraiser


def sees_agencies(who: Who) -> bool:
    """Administrator or anyone with a role in some agency."""
    scope = as_scope(who)
    return scope.is_admin or bool(scope.agencies_visible)


def is_province_staff(who: Who) -> bool:
    """Administrator or a province role (province secretariat or council)."""
    scope = as_scope(who)
    return scope.is_admin or bool(scope.provinces)


def is_province_secretariat(who: Who) -> bool:
    """Administrator or the PAR secretariat of some province."""
    scope = as_scope(who)
    return scope.is_admin or bool(scope.province_secretariat)


def may_read_audit(who: Who) -> bool:
    """Administrator, an agency secretariat or a province secretariat: may read the audit log."""
    scope = as_scope(who)
    return scope.is_admin or bool(scope.secretariat or scope.province_secretariat)


def may_set_framework_or_agency_weights(who: Who) -> bool:
    """Administrator, a province secretariat or an agency secretariat (frameworks page)."""
    scope = as_scope(who)
    return scope.is_admin or bool(scope.province_secretariat or scope.secretariat)


def sees_director_page(who: Who) -> bool:
    """Administrator, a secretariat, a leader, a unit head or a province role."""
    scope = as_scope(who)
    return scope.is_admin or bool(
        scope.secretariat or scope.leader or scope.head_units or scope.provinces
    )


def reads_agency_boards(who: Who) -> bool:
    """Administrator or an agency-wide role (secretariat, leader, viewer)."""
    scope = as_scope(who)
    return scope.is_admin or bool(scope.secretariat or scope.leader or scope.viewer)


def is_viewer(who: Who) -> bool:
    """Holds the viewer role of some agency."""
    return bool(as_scope(who).viewer)


def may_assign_role(who: Who, role: str, agency: Any) -> bool:
    """Give or take a role: administrators any; a secretariat the agency and unit roles of its
    own agency (never admin or appraiser)."""
    scope = as_scope(who)
    if scope.is_admin:
        return True
    if role not in assignable_roles(scope):
        return False
    return agency is not None and _id(agency) in scope.secretariat


def assignable_roles(who: Who) -> list[str]:
    """The roles this user may give at all (an agency's secretariat: not admin or appraiser)."""
    from parindex.org.choices import Role

    if as_scope(who).is_admin:
        return list(Role)
    return [r for r in Role if r not in (Role.ADMIN, Role.APPRAISER)]


# Id sets, for filters that cannot go through a model's `restrict`.


def head_unit_ids(who: Who) -> frozenset[int]:
    return as_scope(who).head_units


def member_unit_ids(who: Who) -> frozenset[int]:
    return as_scope(who).member_units


def managed_agency_ids(who: Who) -> frozenset[int]:
    """Agencies where the user holds the secretariat role (administrators: use `is_admin`)."""
    return as_scope(who).secretariat


def full_read_agency_ids(who: Who) -> frozenset[int]:
    """Agencies whose every record the user reads (administrators: use `is_admin`)."""
    return as_scope(who).agencies_read_all


def own_agency_ids(who: Who) -> frozenset[int]:
    """Agencies where the user holds any role (administrators: use `is_admin`)."""
    return as_scope(who).agencies_visible


def working_agency_ids(who: Who) -> frozenset[int]:
    """Agencies where the user works: secretariat, leader or a unit's member (not viewers,
    appraisers or province roles)."""
    scope = as_scope(who)
    return scope.secretariat | scope.leader | scope.member_agencies


def secretariat_province_ids(who: Who) -> frozenset[int]:
    """Provinces where the user holds the province PAR secretariat role."""
    return as_scope(who).province_secretariat


def appraised_agency_ids(who: Who) -> frozenset[int]:
    return as_scope(who).appraiser


def home_agency_ids(who: Who) -> list[frozenset[int]]:
    """The user's own agencies by role, most specific first: secretariat, leader, unit, viewer."""
    scope = as_scope(who)
    return [scope.secretariat, scope.leader, scope.member_agencies, scope.viewer]


# Province predicates: the one place that says who owns the province-wide records.


def may_manage_framework(who: Who, province_id: int | None) -> bool:
    """Write the year's framework of a province: administrators and its PAR secretariat only
    (never an agency's secretariat: the framework is shared by every agency)."""
    scope = as_scope(who)
    if scope.is_admin:
        return True
    return province_id is not None and province_id in scope.province_secretariat


def may_set_national_calendar(who: Who) -> bool:
    """Write the calendar overrides (the government's yearly notice, shared by everyone)."""
    scope = as_scope(who)
    return scope.is_admin or bool(scope.province_secretariat)


def may_view_province(who: Who, province_id: int) -> bool:
    """See the province-wide page and drill into any of its agencies."""
    scope = as_scope(who)
    return scope.is_admin or province_id in scope.provinces


# People predicates: who opens the staffing screens.


def may_open_people(who: Who) -> bool:
    """Open the people screens at all: administrators and those who work in an agency
    (secretariat, leader, a unit's member); each then sees what its role allows."""
    return is_admin(who) or bool(working_agency_ids(who))


ScopeQ = Callable[[Scope], Q]


# Rules shared by many models, for a `ScopeRule`: rows with an `agency` (and a `unit`) field.


def agency_members(scope: Scope) -> Q:
    """Rows of an agency the user has any role in (its units' people included)."""
    return Q(agency__in=scope.agencies_visible)


def agency_readers(scope: Scope) -> Q:
    """Rows of an agency whose every record the user reads."""
    return Q(agency__in=scope.agencies_read_all)


def agency_readers_or_unit_members(scope: Scope) -> Q:
    """Rows of an agency the user reads in full, or of a unit the user works in."""
    return Q(agency__in=scope.agencies_read_all) | Q(unit__in=scope.member_units)


def agency_secretariat(scope: Scope) -> Q:
    """Rows of an agency whose secretariat the user is."""
    return Q(agency__in=scope.secretariat)


def agency_leadership(scope: Scope) -> Q:
    """Rows of an agency whose secretariat or leader the user is."""
    return Q(agency__in=scope.secretariat | scope.leader)


def agency_secretariat_or_unit_heads(scope: Scope) -> Q:
    """Rows of an agency whose secretariat the user is, or of a unit the user heads."""
    return Q(agency__in=scope.secretariat) | Q(unit__in=scope.head_units)


def agency_secretariat_or_unit_members(scope: Scope) -> Q:
    """Rows of an agency whose secretariat the user is, or of a unit the user works in."""
    return Q(agency__in=scope.secretariat) | Q(unit__in=scope.member_units)


class ScopeRule:
    """A model's `scope_filter`, stated once: `scope_filter = ScopeRule(view=…, write=…)`.

    Administrators get everything (`Q()`). `view` answers `Action.VIEW`; `write` answers each of
    `writes` (change, create and delete unless narrowed); `extra` maps further actions, one or a
    tuple, to their rule. Each rule takes the `Scope` and returns the `Q`. Any other action gets
    nothing, so access is denied by default. A model whose rule binds administrators too writes
    its own static method instead.
    """

    def __init__(
        self,
        *,
        view: ScopeQ | None = None,
        write: ScopeQ | None = None,
        writes: tuple[str, ...] = Action.WRITE,
        extra: Mapping[str | tuple[str, ...], ScopeQ] | None = None,
    ) -> None:
        self.rules: dict[str, ScopeQ] = {}
        for actions, rule in [(Action.VIEW, view), (writes, write), *(extra or {}).items()]:
            if rule is None:
                continue
            for action in (actions,) if isinstance(actions, str) else actions:
                if action in self.rules:
                    raise ValueError(f"two rules for the action {action!r}")
                self.rules[action] = rule

    def __call__(self, scope: Scope, action: str) -> Q:
        if scope.is_admin:
            return Q()
        rule = self.rules.get(action)
        return rule(scope) if rule is not None else Q(pk__in=[])

    @staticmethod
    def via(field: str, parent: type[models.Model]) -> staticmethod[[Scope, str], Q]:
        """The rule of a row that belongs to `parent` through `field`: what the user may do to
        the parent (administrators included, so the parent's own rule decides)."""

        def scope_filter(scope: Scope, action: str) -> Q:
            allowed = parent.objects.filter(parent.scope_filter(scope, action))
            return Q(**{f"{field}__in": allowed.values("pk")})

        return staticmethod(scope_filter)


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
