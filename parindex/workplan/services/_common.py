"""Permission helpers shared by the work-plan services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from parindex.org.access import can, scope_for


def is_secretariat(actor: Any, agency_id: int) -> bool:
    """The system (actor None), an administrator or the agency's PAR secretariat."""
    if actor is None:
        return True
    scope = scope_for(actor)
    return scope.is_admin or agency_id in scope.secretariat


def heads_unit(actor: Any, unit_id: int) -> bool:
    return actor is not None and unit_id in scope_for(actor).head_units


def require(actor: Any, action: str, obj: Any) -> None:
    if actor is not None and not can(actor, action, obj):
        raise PermissionDenied
