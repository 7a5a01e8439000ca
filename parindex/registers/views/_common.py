"""Helpers the registers' screens share: the year and agency asked for, the units a user
may pick."""

from __future__ import annotations

from django.http import HttpRequest

from parindex.org import access
from parindex.org.access import Action
from parindex.org.models import Agency, Unit
from parindex.org.selectors import default_agency_for_user
from parindex.registers.models import today


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or today().year)
    except ValueError:
        return today().year
    return year if 2000 <= year <= 2100 else today().year


def _agency(request: HttpRequest) -> Agency | None:
    code = request.GET.get("agency")
    if code:
        found = Agency.objects.restrict(request.user).filter(code=code).first()
        if found:
            return found
    return default_agency_for_user(request.user)


def _agency_units(user, agency_id: int):
    return Unit.objects.filter(agency_id=agency_id, is_active=True).order_by("code")


def _keeps_documents(user, agency: Agency | None) -> bool:
    return agency is not None and (
        access.may_manage_agency(user, agency)
        or Unit.objects.filter(pk__in=access.head_unit_ids(user), agency=agency).exists()
    )


def _document_units(user, agency: Agency):
    """Units whose documents (and reviews) this user may create."""
    return _agency_units(user, agency.pk).restrict(user, Action.CHANGE)
