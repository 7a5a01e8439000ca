"""Rights and look-ups shared by the registers' services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from parindex.org import access
from parindex.org.choices import UnitKind
from parindex.org.models import Unit


def is_secretariat(actor: Any, agency_id: int) -> bool:
    """The system (actor None), an administrator or the agency's PAR secretariat."""
    if actor is None:
        return True
    return access.may_manage_agency(actor, agency_id)


def is_inspectorate(actor: Any, agency_id: int) -> bool:
    """The system, an administrator, or a member of one of the agency's inspectorate units."""
    if actor is None:
        return True
    if access.is_admin(actor):
        return True
    return Unit.objects.filter(
        pk__in=access.member_unit_ids(actor), agency_id=agency_id, kind=UnitKind.INSPECTORATE
    ).exists()


def heads_unit(actor: Any, unit_id: int) -> bool:
    return actor is not None and access.heads_unit(actor, unit_id)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
