"""The people screens' sub-navigation: each tab shown only to those who may open it."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from parindex.org.access import may_manage_people, may_read_full_staff, scope_for
from parindex.people import selectors

register = template.Library()


@register.inclusion_tag("people/_subnav.html", takes_context=True)
def people_subnav(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    scope = scope_for(user)
    agencies = list(selectors.people_agencies_for_user(user)) if user is not None else []
    current = context.get("agency")
    full = [a for a in agencies if may_read_full_staff(scope, a.pk)]
    placement_agency = (
        current if current is not None and may_read_full_staff(scope, current.pk) else None
    ) or (full[0] if full else None)
    placement_url = (
        f"{reverse('people:placement')}?agency={placement_agency.code}" if placement_agency else ""
    )
    return {
        "placement_url": placement_url,
        "may_import": any(may_manage_people(scope, a.pk) for a in agencies),
    }
