"""Reads of the scorecards app, always within the viewer's scope."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from parindex.common.codes import code_key
from parindex.org import access
from parindex.org.access import Action, get_object_for_user
from parindex.org.models import Agency, Unit
from parindex.scorecards.choices import NodeKind, Stage
from parindex.scorecards.computation import (
    NodeInput,
    Scorecard,
    competition_ranking,
    compute_scorecard,
    scorecard_json,
)
from parindex.scorecards.models import (
    Assessment,
    Assignment,
    Framework,
    Node,
    Score,
    Snapshot,
)


def effective_leads(agency: Agency | int, framework: Framework) -> dict[int, int | None]:
    """node id → lead unit id, a node without its own lead taking its nearest ancestor's."""
    own = dict(
        Assignment.objects.filter(agency=agency, node__framework=framework).values_list(
            "node_id", "lead_unit_id"
        )
    )
    nodes = list(
        Node.objects.filter(framework=framework).values_list("pk", "parent_id", "sort_key")
    )
    nodes.sort(key=lambda n: n[2])  # parents before children
    result: dict[int, int | None] = {}
    for pk, parent_id, _key in nodes:
        lead = own.get(pk)
        result[pk] = lead if lead is not None else (result.get(parent_id) if parent_id else None)
    return result


def effective_appraised(score: Score | None, kind: str, closed: bool) -> Decimal | None:
    if score is None:
        return None
    if score.round2_points is not None:
        return score.round2_points
    if score.appraised_points is not None:
        return score.appraised_points
    if kind == NodeKind.SURVEY or closed:
        return None
    return score.self_points


def scorecard_inputs(agency: Agency, framework: Framework) -> list[NodeInput]:
    nodes = list(Node.objects.filter(framework=framework).select_related("parent"))
    assessment = Assessment.objects.filter(agency=agency, framework=framework).first()
    scores: dict[int, Score] = {}
    closed = False
    if assessment is not None:
        closed = assessment.appraisal_closed
        scores = {s.node_id: s for s in Score.objects.filter(assessment=assessment)}
    leads = effective_leads(agency, framework)
    unit_codes = dict(Unit.objects.filter(agency=agency).values_list("pk", "code"))
    inputs = []
    for node in nodes:
        score = scores.get(node.pk) if node.is_leaf else None
        lead = leads.get(node.pk)
        inputs.append(
            NodeInput(
                code=node.code,
                title=node.title,
                kind=node.kind,
                max_points=node.max_points,
                parent=node.parent.code if node.parent else None,
                lead_unit=unit_codes.get(lead) if lead else None,
                self_points=score.self_points if score else None,
                appraised_points=effective_appraised(score, node.kind, closed),
            )
        )
    return inputs


def compute_for(agency: Agency, framework: Framework) -> Scorecard:
    return compute_scorecard(scorecard_inputs(agency, framework))


def scorecard_for(assessment: Assessment) -> Scorecard:
    return compute_for(assessment.agency, assessment.framework)


def scorecard_document(agency: Agency, framework: Framework) -> dict[str, Any]:
    """The JSON of docs/formats.md §3 for one agency and year (the command, the API, the page)."""
    return scorecard_json(
        compute_for(agency, framework),
        agency=agency.code,
        year=framework.year,
        framework=framework.name,
    )


def ranking(year: int, agencies: QuerySet[Agency] | None = None) -> list[dict[str, Any]]:
    """Agencies with an assessment in `year`, ranked by index (ties share a rank)."""
    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        return []
    qs = Agency.objects.filter(assessments__framework=framework).distinct().order_by("code")
    if agencies is not None:
        qs = qs.filter(pk__in=agencies.values("pk"))
    indexes = [(agency.code, compute_for(agency, framework).index) for agency in qs]
    return competition_ranking(indexes)


# Screens ------------------------------------------------------------------------------------


def frameworks_for_user(user: Any) -> QuerySet[Framework]:
    return Framework.objects.restrict(user).annotate(node_count=Count("nodes"))


def assessments_for_user(user: Any) -> QuerySet[Assessment]:
    return Assessment.objects.restrict(user).select_related("agency", "framework")


def get_assessment_for_user(
    user: Any, agency_code: str, year: int, *, write: bool = False
) -> Assessment:
    return get_object_for_user(
        Assessment.objects.select_related("agency", "framework"),
        user,
        write=write,
        agency__code=agency_code,
        framework__year=year,
    )


def default_assessment_for_user(user: Any) -> Assessment | None:
    from parindex.org.selectors import default_agency_for_user

    agency = default_agency_for_user(user)
    if agency is None:
        return None
    return assessments_for_user(user).filter(agency=agency).order_by("-framework__year").first()


def get_score_for_user(user: Any, assessment: Assessment, code: str) -> Score:
    return get_object_for_user(
        Score.objects.select_related(
            "node", "node__parent", "assessment__agency", "assessment__framework", "lead_unit"
        ),
        user,
        assessment=assessment,
        node__code=code,
    )


def scores_for_user(user: Any, assessment: Assessment) -> QuerySet[Score]:
    return (
        Score.objects.restrict(user)
        .filter(assessment=assessment, node__is_leaf=True)
        .select_related("node", "lead_unit", "assessment__agency", "assessment__framework")
        .annotate(
            evidence_count=Count("evidence", distinct=True),
            reference_count=Count("references", distinct=True),
        )
        .order_by("node__sort_key")
    )


def worklist_for_user(
    user: Any, assessment: Assessment, units: list[int] | None = None
) -> QuerySet[Score]:
    """ "My criteria": the leaves the user's units lead (all leaves for the secretariat)."""
    qs = scores_for_user(user, assessment)
    if units is None:
        if access.may_manage_agency(user, assessment.agency_id):
            return qs
        units = list(access.member_unit_ids(user))
    return qs.filter(lead_unit__in=units)


def worklist_status(score: Score) -> str:
    if score.node.kind == NodeKind.SURVEY:
        return "survey"
    if score.self_points is None:
        return "to_score"
    if not (score.evidence_count or score.reference_count or score.self_explanation):
        return "missing_evidence"
    if (
        score.assessment.stage in (Stage.EXPLANATION,)
        and (score.deduction or 0) > 0
        and not score.explanation_answer
    ):
        return "to_explain"
    return "done"


@dataclass
class TreeRow:
    code: str
    title: str
    kind: str
    depth: int
    is_leaf: bool
    max_points: Decimal
    self_points: Decimal | None
    appraised: Decimal
    lost: Decimal
    lead_unit: str | None


def tree_rows(
    card: Scorecard, *, unit: str | None = None, lost_only: bool = False
) -> list[TreeRow]:
    """The scorecard's nodes as rows; filters keep the leaves that match and their ancestors."""
    rows = [
        TreeRow(
            n.code,
            n.title,
            n.kind,
            n.depth,
            n.is_leaf,
            n.max_points,
            n.self_points,
            n.appraised,
            n.lost,
            n.lead_unit,
        )
        for n in card.nodes
    ]
    if not unit and not lost_only:
        return rows
    keep: set[str] = set()
    for row in rows:
        if not row.is_leaf:
            continue
        if unit and row.lead_unit != unit:
            continue
        if lost_only and row.lost == 0:
            continue
        parts = row.code.split(".")
        for i in range(1, len(parts) + 1):
            keep.add(".".join(parts[:i]))
    return [r for r in rows if r.code in keep]


@dataclass
class LedgerRow:
    code: str
    title: str
    kind: str
    self_points: Decimal | None
    appraised: Decimal | None
    lost: Decimal
    reason: str
    explanation: str
    lead_unit: str
    responsible: str
    score: Score


def ledger(
    assessment: Assessment, *, user: Any, unit: Unit | None = None
) -> tuple[list[LedgerRow], list[tuple[str, Decimal]], dict[str, Decimal]]:
    """The lost-points ledger: per self-assessed leaf with points lost (or raised), totals by unit,
    and the survey, bonus and penalty points apart.

    The rows are the leaves whose page `user` may open (a unit's staff sees its own and those it
    cooperates on, with their appraisal reasons), and the totals by unit are only their units,
    unless the user reads the whole agency."""
    card = scorecard_for(assessment)
    lost_by_code = {n.code: n for n in card.nodes}
    scores = (
        Score.objects.restrict(user)
        .filter(assessment=assessment, node__kind=NodeKind.SELF)
        .select_related("node", "lead_unit", "assessment__agency", "assessment__framework")
        .order_by("node__sort_key")
    )
    if unit is not None:
        scores = scores.filter(lead_unit=unit)
    responsible = _responsible_people(assessment)
    rows = []
    for score in scores:
        result = lost_by_code.get(score.node.code)
        if result is None or result.lost == 0:
            continue
        rows.append(
            LedgerRow(
                code=score.node.code,
                title=score.node.title,
                kind=score.node.kind,
                self_points=result.self_points,
                appraised=result.appraised,
                lost=result.lost,
                reason=score.round2_reason or score.appraisal_reason,
                explanation=score.explanation_answer,
                lead_unit=score.lead_unit.code if score.lead_unit else "",
                responsible=responsible.get(score.node_id, ""),
                score=score,
            )
        )
    rows.sort(key=lambda r: code_key(r.code))
    by_unit = card.lost_by_unit
    if unit is not None:
        by_unit = [item for item in by_unit if item[0] == unit.code]
    if not access.reads_agency(user, assessment.agency_id):
        mine = access.member_unit_ids(user)
        own = set(Unit.objects.filter(pk__in=mine).values_list("code", flat=True))
        by_unit = [item for item in by_unit if item[0] in own]
    apart = {"survey": card.survey_total, "bonus": card.bonus, "penalty": card.penalty}
    return rows, by_unit, apart


def _responsible_people(assessment: Assessment) -> dict[int, str]:
    """node id → the responsible person's name (own assignment or the nearest ancestor's)."""
    own = {
        a.node_id: a.responsible.display_name
        for a in Assignment.objects.filter(
            agency=assessment.agency,
            node__framework=assessment.framework,
            responsible__isnull=False,
        ).select_related("responsible")
    }
    result: dict[int, str] = {}
    for pk, parent_id, _key in sorted(
        Node.objects.filter(framework=assessment.framework).values_list(
            "pk", "parent_id", "sort_key"
        ),
        key=lambda n: n[2],
    ):
        result[pk] = own.get(pk) or (result.get(parent_id, "") if parent_id else "")
    return result


def assignment_rows(agency: Agency, framework: Framework) -> list[dict[str, Any]]:
    """Every node with its own assignment and its effective lead; leaves without a lead flagged."""
    assignments = {
        a.node_id: a
        for a in Assignment.objects.filter(agency=agency, node__framework=framework)
        .select_related("lead_unit", "responsible")
        .prefetch_related(Prefetch("cooperating_units", queryset=Unit.objects.order_by("code")))
    }
    leads = effective_leads(agency, framework)
    units = {u.pk: u for u in Unit.objects.filter(agency=agency)}
    last_year = {
        a.node.code: (a.lead_unit_id, {u.pk for u in a.cooperating_units.all()})
        for a in Assignment.objects.filter(agency=agency, node__framework__year=framework.year - 1)
        .select_related("node")
        .prefetch_related("cooperating_units")
    }
    rows = []
    for node in Node.objects.filter(framework=framework).order_by("sort_key"):
        own = assignments.get(node.pk)
        lead = units.get(leads.get(node.pk))
        rows.append(
            {
                "node": node,
                "assignment": own,
                "lead": lead,
                "inherited": lead is not None and (own is None or own.lead_unit_id is None),
                "missing": node.is_leaf and lead is None,
                # Still as last year (carried over when the year opened, or re-entered alike).
                "as_last_year": own is not None
                and last_year.get(node.code)
                == (own.lead_unit_id, {u.pk for u in own.cooperating_units.all()}),
            }
        )
    return rows


def snapshots_for_user(user: Any, assessment: Assessment) -> QuerySet[Snapshot]:
    return Snapshot.objects.restrict(user).filter(assessment=assessment).select_related("actor")


def compare_snapshots(first: Snapshot, second: Snapshot) -> list[dict[str, Any]]:
    """Side by side: every leaf whose numbers differ between two snapshots."""
    a, b = first.data.get("scores", {}), second.data.get("scores", {})
    rows = []
    for code in sorted(set(a) | set(b), key=code_key):
        left, right = a.get(code, {}), b.get(code, {})
        keys = ("self", "appraised", "round2", "lead_unit")
        if any(left.get(k) != right.get(k) for k in keys):
            rows.append({"code": code, "left": left, "right": right})
    return rows


def visible_agencies_for_ranking(user: Any) -> QuerySet[Agency]:
    if access.is_admin(user):
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=access.full_read_agency_ids(user))


def may_view_scorecard(user: Any, agency: Agency) -> bool:
    return Agency.objects.restrict(user, Action.VIEW).filter(pk=agency.pk).exists()


def unit_filter_choices(agency: Agency) -> QuerySet[Unit]:
    return Unit.objects.filter(agency=agency).order_by("code")


def metric_leaves(agency: Agency, year: int) -> list[dict[str, Any]]:
    """Leaves scored from a metric, for the early-warning work: node, rule, lead unit, score."""
    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        return []
    leads = effective_leads(agency, framework)
    units = {u.pk: u for u in Unit.objects.filter(agency=agency)}
    assessment = Assessment.objects.filter(agency=agency, framework=framework).first()
    scores = {}
    if assessment is not None:
        scores = {s.node_id: s for s in Score.objects.filter(assessment=assessment)}
    return [
        {
            "node": node,
            "metric": node.metric_key,
            "rule": node.rule,
            "max_points": node.max_points,
            "lead_unit": units.get(leads.get(node.pk)),
            "score": scores.get(node.pk),
        }
        for node in Node.objects.filter(framework=framework, is_leaf=True)
        .exclude(metric_key="")
        .order_by("sort_key")
    ]


def openable_leaf_codes(user: Any, agency: Agency | int, year: int) -> frozenset[str]:
    """The codes of the leaves whose page the user may open (the others answer 404), so
    screens link only those."""
    return frozenset(
        Score.objects.restrict(user)
        .filter(assessment__agency=agency, assessment__framework__year=year, node__is_leaf=True)
        .values_list("node__code", flat=True)
    )


def may_see_snapshots(user: Any, assessment: Assessment) -> bool:
    """The snapshots page is for those who read the whole agency (as its view checks)."""
    return access.reads_agency(user, assessment.agency_id)


def may_see_ranking(user: Any) -> bool:
    return visible_agencies_for_ranking(user).exists()
