"""The people screens' sub-navigation: each tab shown only to those who may open it."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from parindex.people import selectors, services

register = template.Library()


@register.inclusion_tag("people/_subnav.html", takes_context=True)
def people_subnav(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    agencies = list(selectors.people_agencies_for_user(user)) if user is not None else []
    current = context.get("agency")
    full = [a for a in agencies if selectors.sees_full_records(user, a)]
    placement_agency = (
        current if current is not None and selectors.sees_full_records(user, current) else None
    ) or (full[0] if full else None)
    placement_url = (
        f"{reverse('people:placement')}?agency={placement_agency.code}" if placement_agency else ""
    )
    return {
        "placement_url": placement_url,
        "may_import": user is not None and any(services.may_manage(user, a) for a in agencies),
    }
