"""Reads of the province level: which provinces a user reaches, and every agency's standing.

:func:`province_rows` answers in a fixed number of queries whatever the number of agencies:
the agencies, the year's framework and its nodes, the assessments, all their scores, two sums
over the dossier counts grouped by agency, and the kept standings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from parindex.org.access import may_view_province, scope_for
from parindex.org.models import Agency, Province
from parindex.province.models import Standing
from parindex.scorecards.computation import NodeInput, compute_scorecard
from parindex.scorecards.models import Assessment, Framework, Node, Score
from parindex.scorecards.selectors import effective_appraised


@dataclass
class AgencyRow:
    """One line of the province page."""

    agency: Agency
    stage: str | None = None
    stage_label: str = ""
    appraised_index: Decimal | None = None
    projected_index: Decimal | None = None
    points_at_risk: Decimal | None = None
    online_share: float | None = None
    on_time_rate: float | None = None
    received: int = 0
    computed_at: dt.datetime | None = None

    def get_absolute_url(self) -> str:
        """The drill-down: the agency's own overview page (province roles reach every one)."""
        return f"{reverse('home:overview')}?agency={self.agency.code}"


def provinces_for_user(user: Any) -> QuerySet[Province]:
    return Province.objects.restrict(user).order_by("code")


def get_province_for_user(user: Any, code: str) -> Province:
    """The province when the user holds a province role in it (or is an administrator)."""
    province = provinces_for_user(user).filter(code=code).first()
    if province is None or not may_view_province(scope_for(user), province.pk):
        raise Http404
    return province


def province_agencies(province: Province) -> QuerySet[Agency]:
    return Agency.objects.filter(province=province, is_active=True).order_by("code")


class _Points(NamedTuple):
    self_points: Decimal | None
    appraised_points: Decimal | None
    round2_points: Decimal | None


def _appraised_indexes(framework: Framework, agency_ids: list[int]) -> dict[int, dict]:
    """agency id → {"stage", "stage_label", "index"} from one read of every score."""
    nodes = list(
        Node.objects.filter(framework=framework)
        .order_by("sort_key")
        .values("pk", "code", "title", "kind", "max_points", "parent__code", "is_leaf")
    )
    assessments = {
        a.pk: a
        for a in Assessment.objects.filter(framework=framework, agency_id__in=agency_ids).only(
            "pk", "agency_id", "stage", "appraisal_closed"
        )
    }
    # Tuples, not model instances: a province holds thousands of scores and the page only
    # needs their points (effective_appraised reads attributes, which the tuples have).
    scores: dict[int, dict[int, _Points]] = {pk: {} for pk in assessments}
    for assessment_id, node_id, *points in Score.objects.filter(
        assessment_id__in=list(assessments)
    ).values_list("assessment_id", "node_id", "self_points", "appraised_points", "round2_points"):
        scores[assessment_id][node_id] = _Points(*points)
    out: dict[int, dict] = {}
    for pk, assessment in assessments.items():
        own = scores[pk]
        inputs = [
            NodeInput(
                code=n["code"],
                title=n["title"],
                kind=n["kind"],
                max_points=n["max_points"],
                parent=n["parent__code"],
                appraised_points=effective_appraised(
                    own.get(n["pk"]), n["kind"], assessment.appraisal_closed
                )
                if n["is_leaf"]
                else None,
                self_points=own[n["pk"]].self_points if n["pk"] in own else None,
            )
            for n in nodes
        ]
        out[assessment.agency_id] = {
            "stage": assessment.stage,
            "stage_label": assessment.get_stage_display(),
            "index": compute_scorecard(inputs).index if inputs else None,
        }
    return out


def _dossier_rates(agency_ids: list[int], d1: dt.date, d2: dt.date) -> dict[int, dict]:
    """agency id → the docs/formats.md §6 counts and rates of [d1, d2], one grouped read."""
    from parindex.dossiers.figures import period_figures_by_agency

    return period_figures_by_agency(agency_ids, d1, d2)


def province_rows(
    province: Province,
    year: int,
    *,
    today: dt.date | None = None,
    agencies: QuerySet[Agency] | None = None,
) -> list[AgencyRow]:
    """Every agency of the province: stage and appraised index (live), projected index and
    points at risk (as last refreshed), online share and on-time rate of the year to date."""
    today = today or timezone.localdate()
    agency_list = list(agencies if agencies is not None else province_agencies(province))
    ids = [a.pk for a in agency_list]
    rows = {a.pk: AgencyRow(agency=a) for a in agency_list}
    framework = Framework.objects.filter(year=year).first()
    if framework is not None and ids:
        for agency_id, found in _appraised_indexes(framework, ids).items():
            row = rows[agency_id]
            row.stage, row.stage_label = found["stage"], found["stage_label"]
            row.appraised_index = found["index"]
    d1 = dt.date(year, 1, 1)
    d2 = min(today, dt.date(year, 12, 31))
    if d1 <= d2:
        for agency_id, figures in _dossier_rates(ids, d1, d2).items():
            if agency_id in rows:
                row = rows[agency_id]
                row.online_share = figures["online_share"]
                row.on_time_rate = figures["on_time_rate"]
                row.received = figures["received"]
    for standing in Standing.objects.filter(year=year, agency_id__in=ids):
        row = rows[standing.agency_id]
        row.projected_index = standing.projected_index
        row.points_at_risk = standing.points_at_risk
        row.computed_at = standing.computed_at
    return [rows[pk] for pk in ids]


def province_summary(rows: list[AgencyRow]) -> dict[str, Any]:
    indexes = [r.appraised_index for r in rows if r.appraised_index is not None]
    return {
        "agencies": len(rows),
        "assessed": sum(1 for r in rows if r.stage),
        "risk_total": sum((r.points_at_risk or Decimal(0) for r in rows), Decimal(0)),
        "mean_index": (sum(indexes, Decimal(0)) / len(indexes)).quantize(Decimal("0.01"))
        if indexes
        else None,
        "stale": [r.agency.code for r in rows if r.computed_at is None],
    }
