from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone

from parindex.org.models import Agency
from parindex.people import selectors


def chosen_agency(request: HttpRequest) -> Agency:
    """The agency a people screen shows: `?agency=CODE` or the user's first; 403 without one."""
    agency = selectors.default_agency_for_user(request.user, request.GET.get("agency"))
    if agency is None:
        if request.GET.get("agency"):
            raise Http404
        raise PermissionDenied
    return agency


def chosen_year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def chosen_as_of(request: HttpRequest) -> dt.date | None:
    from parindex.common import tabular

    text = request.GET.get("as_of")
    if not text:
        return None
    try:
        return tabular.parse_date(text)
    except ValueError:
        return None


def context(agency: Agency, **extra: Any) -> dict[str, Any]:
    return {"agency": agency, "agencies": None, **extra}
