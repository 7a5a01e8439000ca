"""API: the framework tree, scores (read; write within the caller's rights), the scorecard."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from parindex.common.api import schema_of
from parindex.org.access import get_object_for_user
from parindex.org.models import Agency
from parindex.scorecards import selectors, services
from parindex.scorecards.models import Framework, Node

router = Router(tags=["scorecards"])


class NodeOut(Schema):
    code: str
    parent: str | None
    title: str
    kind: str
    max: float
    is_leaf: bool
    method: str
    evidence_expected: str
    metric: str
    rule: str


class ScoreOut(Schema):
    code: str
    kind: str
    max: float
    self: float | None
    self_explanation: str
    appraised: float | None
    appraisal_reason: str
    round2: float | None
    round2_reason: str
    explanation: str
    lead_unit: str | None


class ScoreIn(Schema):
    self: Decimal | None = None
    self_explanation: str | None = None
    appraised: Decimal | None = None
    reason: str | None = None
    explanation: str | None = None


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _score_out(score) -> ScoreOut:
    return ScoreOut(
        code=score.node.code,
        kind=score.node.kind,
        max=float(score.node.max_points),
        self=_f(score.self_points),
        self_explanation=score.self_explanation,
        appraised=_f(score.appraised_points),
        appraisal_reason=score.appraisal_reason,
        round2=_f(score.round2_points),
        round2_reason=score.round2_reason,
        explanation=score.explanation_answer,
        lead_unit=score.lead_unit.code if score.lead_unit else None,
    )


@router.get(
    "/frameworks/{year}/tree", response=list[NodeOut], summary="The framework tree of a year"
)
def tree(request: HttpRequest, year: int):
    framework = get_object_for_user(Framework.objects.all(), request.user, year=year)
    nodes = Node.objects.filter(framework=framework).select_related("parent").order_by("sort_key")
    return [
        schema_of(
            NodeOut,
            n,
            parent=n.parent.code if n.parent else None,
            max=float(n.max_points),
            metric=n.metric_key,
        )
        for n in nodes
    ]


@router.get("/{agency}/{year}/scores", response=list[ScoreOut], summary="Scores the caller may see")
def scores(request: HttpRequest, agency: str, year: int):
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    return [_score_out(s) for s in selectors.scores_for_user(request.user, assessment)]


@router.patch(
    "/{agency}/{year}/scores/{code}", response=ScoreOut, summary="Change a score within your rights"
)
def score_change(request: HttpRequest, agency: str, year: int, code: str, payload: ScoreIn):
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    score = selectors.get_score_for_user(request.user, assessment, code)
    data = payload.dict(exclude_unset=True)
    if "self" in data or "self_explanation" in data:
        services.score_self(
            actor=request.user,
            score=score,
            points=data.get("self", score.self_points),
            explanation=data.get("self_explanation", score.self_explanation) or "",
        )
    if "appraised" in data:
        services.score_appraise(
            actor=request.user,
            score=score,
            points=data["appraised"],
            reason=data.get("reason") or "",
        )
    if "explanation" in data:
        services.score_explain(actor=request.user, score=score, answer=data["explanation"] or "")
    score.refresh_from_db()
    return _score_out(score)


@router.get("/{agency}/{year}/scorecard", summary="The scorecard (docs/formats.md §3)")
def scorecard(request: HttpRequest, agency: str, year: int) -> dict[str, Any]:
    found = get_object_for_user(Agency.objects.all(), request.user, code=agency)
    framework = get_object_or_404(Framework, year=year)
    return selectors.scorecard_document(found, framework)


class FrameworkIn(Schema):
    name: str | None = None
    has_round_2: bool | None = None
    announcement: str | None = None


class FrameworkOut(Schema):
    year: int
    name: str
    has_round_2: bool
    province: str | None
    frozen: bool


def _framework_out(framework: Framework) -> FrameworkOut:
    return schema_of(
        FrameworkOut,
        framework,
        province=framework.province.code if framework.province else None,
        frozen=services.framework_is_frozen(framework),
    )


@router.patch(
    "/frameworks/{year}",
    response=FrameworkOut,
    summary="Change a framework (the province's PAR secretariat; announced once frozen)",
)
def framework_change(request: HttpRequest, year: int, payload: FrameworkIn):
    framework = get_object_for_user(
        Framework.objects.select_related("province"), request.user, write=True, year=year
    )
    data = payload.dict(exclude_unset=True)
    services.framework_update(
        actor=request.user,
        framework=framework,
        name=data.get("name") or framework.name,
        has_round_2=data.get("has_round_2", framework.has_round_2),
        announcement=data.get("announcement"),
    )
    framework.refresh_from_db()
    return _framework_out(framework)
