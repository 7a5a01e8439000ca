"""Reads of the organisation, always within the viewer's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from parindex.common.tabular import normalize_header, parse_text
from parindex.org import access
from parindex.org.access import Action, get_object_for_user
from parindex.org.choices import Role
from parindex.org.models import Agency, ApiToken, Council, Membership, Unit, User


def units_for_user(user: Any) -> QuerySet[Unit]:
    return (
        Unit.objects.restrict(user)
        .select_related("agency")
        .annotate(member_count=Count("memberships__user", distinct=True))
        .order_by("agency__code", "code")
    )


def get_unit_for_user(user: Any, agency_code: str, code: str, *, write: bool = False) -> Unit:
    return get_object_for_user(
        Unit.objects.select_related("agency"),
        user,
        write=write,
        agency__code=agency_code,
        code=code,
    )


def agencies_for_user(user: Any, action: str = Action.VIEW) -> QuerySet[Agency]:
    return Agency.objects.restrict(user, action)


def get_agency_for_user(user: Any, code: str, *, write: bool = False) -> Agency:
    return get_object_for_user(Agency.objects.all(), user, write=write, code=code)


def people_for_user(user: Any) -> QuerySet[User]:
    memberships = Membership.objects.select_related("agency", "unit__agency", "council")
    return User.objects.restrict(user).prefetch_related(
        Prefetch("memberships", queryset=memberships)
    )


def openable_people(user: Any, ids: list[int]) -> set[int]:
    """Which of these people the user may open (for links on other pages)."""
    return set(User.objects.restrict(user).filter(pk__in=ids).values_list("pk", flat=True))


def get_person_for_user(user: Any, username: str, *, write: bool = False) -> User:
    return get_object_for_user(people_for_user(user), user, write=write, username=username)


def assignable_targets(user: Any) -> dict[str, QuerySet]:
    """Agencies, units and councils the user may give roles in (for the role form)."""
    if access.is_admin(user):
        return {
            "roles": list(Role.choices),
            "agencies": Agency.objects.all(),
            "units": Unit.objects.select_related("agency"),
            "councils": Council.objects.all(),
        }
    return {
        "roles": [(r.value, r.label) for r in access.assignable_roles(user)],
        "agencies": Agency.objects.filter(pk__in=access.managed_agency_ids(user)),
        "units": Unit.objects.filter(agency__in=access.managed_agency_ids(user)).select_related(
            "agency"
        ),
        "councils": Council.objects.none(),
    }


def default_agency_for_user(user: Any) -> Agency | None:
    """The agency a screen opens on: the user's own (secretariat, leader, unit), else the first."""
    for ids in access.home_agency_ids(user):
        if ids:
            return Agency.objects.filter(pk__in=ids).order_by("code").first()
    return Agency.objects.restrict(user).order_by("code").first()


def active_tokens_for(user: Any) -> QuerySet[ApiToken]:
    """A person's own API tokens that still work (nobody sees another's)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


class UnitFinder:
    """An agency's units by code or exact name, case-, accent- and space-insensitively, as the
    imports read them (a code wins over another unit's name)."""

    def __init__(self, agency: Agency) -> None:
        self.agency = agency
        self.by_key: dict[str, Unit] = {}
        units = list(Unit.objects.filter(agency=agency))
        for unit in units:
            self.by_key.setdefault(normalize_header(unit.code), unit)
        for unit in units:
            self.by_key.setdefault(normalize_header(unit.name), unit)

    def find(self, text: object) -> Unit | None:
        return self.by_key.get(normalize_header(text or ""))

    def cell(self, row: Any, key: str) -> Unit | None:
        """The unit a row's cell names (a `tabular.RowReader` look-up): an error of that row and
        column when the cell is empty or names no unit of the agency."""
        text = parse_text(row.values.get(key)) or ""
        if not text:
            row.error(key, _("a unit is required"))
            return None
        unit = self.find(text)
        if unit is None:
            row.error(
                key,
                _("no unit %(unit)s in agency %(agency)s")
                % {"unit": text, "agency": self.agency.code},
            )
        return unit
