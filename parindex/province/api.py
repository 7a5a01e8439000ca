"""API: the province page's rows, and the refresh of the standings."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from parindex.common.db import reads_from_replica
from parindex.metrics.selectors import current_year
from parindex.province import selectors, services

router = Router(tags=["province"])


class AgencyRowOut(Schema):
    agency: str
    name: str
    stage: str | None
    appraised_index: float | None
    projected_index: float | None
    points_at_risk: float | None
    online_share: float | None
    on_time_rate: float | None
    received: int


class RefreshIn(Schema):
    year: int


class RefreshOut(Schema):
    agencies: int


def _f(value) -> float | None:
    return None if value is None else float(value)


@router.get("/{code}/agencies", response=list[AgencyRowOut], summary="Every agency of the province")
@reads_from_replica
def agencies(request: HttpRequest, code: str, year: int | None = None):
    province = selectors.get_province_for_user(request.user, code)
    rows = selectors.province_rows(province, year or current_year())
    return [
        AgencyRowOut(
            agency=r.agency.code,
            name=r.agency.name,
            stage=r.stage,
            appraised_index=_f(r.appraised_index),
            projected_index=_f(r.projected_index),
            points_at_risk=_f(r.points_at_risk),
            online_share=r.online_share,
            on_time_rate=r.on_time_rate,
            received=r.received,
        )
        for r in rows
    ]


@router.post("/{code}/standings", response=RefreshOut, summary="Recompute the standings")
def refresh(request: HttpRequest, code: str, payload: RefreshIn):
    province = selectors.get_province_for_user(request.user, code)
    count = services.standings_refresh(actor=request.user, province=province, year=payload.year)
    return RefreshOut(agencies=count)
