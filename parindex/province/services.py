"""Writes of the province level: refreshing the standings the province page shows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import record
from parindex.common.errors import DomainError
from parindex.org.access import may_view_province, scope_for
from parindex.org.models import Province
from parindex.province.models import Standing
from parindex.province.selectors import province_agencies


def standings_refresh(
    *, actor: Any, province: Province, year: int, today: dt.date | None = None
) -> int:
    """Recompute every agency's projected index and points at risk for `year` with the
    director page's own functions; returns how many agencies were computed."""
    if actor is not None and not may_view_province(scope_for(actor), province.pk):
        raise PermissionDenied
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("The year must be between 2000 and 2100."), field="year")
    from parindex.metrics import selectors as metrics
    from parindex.scorecards.models import Framework

    if not Framework.objects.filter(year=year).exists():
        raise DomainError(_("There is no framework for %(year)s.") % {"year": year}, field="year")
    today = today or timezone.localdate()
    now = timezone.now()
    count = 0
    for agency in province_agencies(province):
        with metrics.caching():
            projection = metrics.projection(agency, year, today=today)
            risks = metrics.risk_rows(agency, year, today=today)
        with transaction.atomic():
            Standing.objects.update_or_create(
                agency=agency,
                year=year,
                defaults={
                    "projected_index": projection.index if projection else None,
                    "points_at_risk": sum((r.at_risk for r in risks), Decimal(0)),
                    "computed_at": now,
                },
            )
        count += 1
    record(
        actor=actor,
        action="province.standings_refreshed",
        target=province,
        province=province,
        after={"year": year, "agencies": count},
    )
    return count
