"""API: the metric registry and values, the risk list and the projection, within the caller's
scope. Rates are JSON fractions 0..1 (or null when the denominator is 0), as everywhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from parindex.common.db import reads_from_replica
from parindex.common.periods import PlausibleDate, PlausibleYear
from parindex.metrics import registry, selectors
from parindex.org.models import Unit

router = Router(tags=["metrics"])


def _agency(request: HttpRequest, code: str):
    agency = selectors.agencies_for(request.user).filter(code=code).first()
    if agency is None:
        raise Http404
    return agency


@router.get("/", summary="The metrics: key, label, unit, definition")
def metric_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "key": m.key,
            "label": str(m.label),
            "unit": m.unit,
            "description": str(m.description),
            "available": m.available,
        }
        for m in registry.all_metrics()
    ]


@router.get("/{agency}/values", summary="Every metric's value for an agency over a period")
@reads_from_replica
def metric_values(
    request: HttpRequest,
    agency: str,
    date_from: PlausibleDate | None = None,
    date_to: PlausibleDate | None = None,
    unit: str | None = None,
) -> dict[str, Any]:
    agency_obj = _agency(request, agency)
    reach = selectors.reach(request.user, agency_obj)
    unit_obj = None
    if unit:
        unit_obj = Unit.objects.filter(agency=agency_obj, code=unit).first()
        if unit_obj is None or (reach is not None and unit_obj.pk not in reach):
            raise Http404
    elif reach is not None:
        if len(reach) != 1:
            raise Http404
        unit_obj = Unit.objects.get(pk=next(iter(reach)))
    start, end = selectors.period_of((date_to or dt.date.today()).year)  # noqa: DTZ011
    start, end = date_from or start, date_to or end
    values = []
    with selectors.caching():
        for m in registry.all_metrics():
            r = selectors.read_metric(m.key, agency_obj, unit_obj, start, end)
            values.append(
                {
                    "key": m.key,
                    "unit": m.unit,
                    "value": (
                        r.fraction
                        if m.unit == registry.PERCENT
                        else (int(r.value) if r.value is not None else None)
                    ),
                    "numerator": r.numerator,
                    "denominator": r.denominator,
                    "items": r.items,
                    "available": m.available,
                }
            )
    return {
        "agency": agency_obj.code,
        "unit": unit_obj.code if unit_obj else None,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "metrics": values,
    }


@router.get("/{agency}/{year}/risks", summary="Points at risk, most first, in the caller's scope")
@reads_from_replica
def risk_list(request: HttpRequest, agency: str, year: PlausibleYear) -> dict[str, Any]:
    agency_obj = _agency(request, agency)
    units = selectors.reach(request.user, agency_obj)
    with selectors.caching():
        rows = selectors.risk_rows(agency_obj, year, units=units)
    return {
        "agency": agency_obj.code,
        "year": year,
        "total": float(sum(r.at_risk for r in rows)),
        "items": selectors.risk_items(rows),
        "by_unit": [
            {"unit": r["unit"].code if r["unit"] else None, "at_risk": float(r["at_risk"])}
            for r in selectors.risk_by_unit(rows)
        ],
    }


@router.get("/{agency}/{year}/projection", summary="The projected index and how it was made")
@reads_from_replica
def projection(request: HttpRequest, agency: str, year: PlausibleYear) -> dict[str, Any]:
    agency_obj = _agency(request, agency)
    if selectors.reach(request.user, agency_obj) is not None:
        raise Http404
    with selectors.caching():
        proj = selectors.projection(agency_obj, year)
    if proj is None:
        raise Http404
    return {
        "agency": agency_obj.code,
        "year": year,
        "index": float(proj.index) if proj.index is not None else None,
        "last_year_index": float(proj.last_year_index)
        if proj.last_year_index is not None
        else None,
        "sources": proj.sources,
        "leaves": [
            {
                "code": leaf.code,
                "max": float(leaf.max_points),
                "projected": float(leaf.projected),
                "source": leaf.source,
                "lead_unit": leaf.lead_unit,
            }
            for leaf in proj.leaves
        ],
    }
