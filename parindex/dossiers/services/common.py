"""Helpers shared by the importers of this app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.models import Agency, Unit


def agency_for_import(agency_code: str, actor: Any) -> Agency:
    """The agency named by code; the actor (None = a command) must be its secretariat or admin."""
    agency = Agency.objects.filter(code=(agency_code or "").strip().upper()).first()
    if agency is None:
        raise DomainError(
            _("No agency with code %(code)s.") % {"code": agency_code}, field="agency"
        )
    if actor is not None and not access.may_manage_agency(actor, agency):
        raise PermissionDenied
    return agency


class UnitLookup:
    """An agency's units by code (any case) or by exact name (case- and accent-insensitive)."""

    def __init__(self, agency: Agency) -> None:
        self.by_key: dict[str, Unit] = {}
        units = list(Unit.objects.filter(agency=agency))
        for unit in units:
            self.by_key[tabular.normalize_header(unit.name)] = unit
        for unit in units:  # codes win over names
            self.by_key[tabular.normalize_header(unit.code)] = unit

    def find(self, value: object) -> Unit:
        text = tabular.parse_text(value)
        unit = self.by_key.get(tabular.normalize_header(text))
        if unit is None:
            raise ValueError(
                _("unknown unit %(value)s (give its code or exact name)") % {"value": text}
            )
        return unit
