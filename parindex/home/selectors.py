"""What the overview page shows, within the viewer's scope."""

from __future__ import annotations

from typing import Any

from parindex.org.access import scope_for
from parindex.org.models import Agency, Membership, Unit, User


def overview_for(user: Any) -> dict[str, Any]:
    scope = scope_for(user)
    return {
        "agencies": list(Agency.objects.restrict(user).order_by("code")[:10]),
        "unit_count": Unit.objects.restrict(user).filter(is_active=True).count(),
        "people_count": User.objects.restrict(user).filter(is_active=True).count(),
        "my_roles": list(
            Membership.objects.filter(user=user).select_related("agency", "unit__agency", "council")
        ),
        "is_admin": scope.is_admin,
    }


def director_for(user: Any, *, agency_code: str | None = None) -> dict[str, Any]:
    """The director's page (leaders, secretariat, admin; unit heads for their unit), when the
    early-warning module is installed; empty otherwise."""
    from django.apps import apps

    if not apps.is_installed("parindex.metrics"):
        return {}
    from parindex.metrics.director import director_page, shows_director_page

    if not shows_director_page(user):
        return {}
    return {"director": director_page(user, agency_code=agency_code)}
