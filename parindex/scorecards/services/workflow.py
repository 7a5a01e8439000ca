"""The assessment workflow: open, move between stages, reopen; snapshots at each move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parindex.audit.services import audited, record_created
from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.models import Agency
from parindex.scorecards.choices import NodeKind, Stage
from parindex.scorecards.models import Assessment, Framework, Node, Score, Snapshot
from parindex.scorecards.selectors import effective_leads

ASSESSMENT_FIELDS = (
    "stage",
    "self_deadline",
    "appraisal_1_deadline",
    "explanation_deadline",
    "appraisal_2_deadline",
    "appraisal_closed",
)

SECRETARIAT, APPRAISER = "secretariat", "appraiser"
# (from, to) → roles that may make the move (an administrator may make any of them).
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Stage.DRAFT, Stage.SUBMITTED): frozenset({SECRETARIAT}),
    (Stage.SUBMITTED, Stage.DRAFT): frozenset({SECRETARIAT, APPRAISER}),
    (Stage.SUBMITTED, Stage.APPRAISAL_1): frozenset({APPRAISER}),
    (Stage.APPRAISAL_1, Stage.EXPLANATION): frozenset({APPRAISER}),
    (Stage.EXPLANATION, Stage.APPRAISAL_2): frozenset({SECRETARIAT, APPRAISER}),
    (Stage.EXPLANATION, Stage.FINAL): frozenset({APPRAISER}),
    (Stage.APPRAISAL_2, Stage.FINAL): frozenset({APPRAISER}),
}


def sync_score_units(*, agency: Agency, framework: Framework) -> None:
    """Copy the effective lead units onto the scores of the agency's assessment (if any)."""
    assessment = Assessment.objects.filter(agency=agency, framework=framework).first()
    if assessment is None:
        return
    leads = effective_leads(agency, framework)
    for score in Score.objects.filter(assessment=assessment).only("pk", "node_id", "lead_unit_id"):
        lead = leads.get(score.node_id)
        if score.lead_unit_id != lead:
            Score.objects.filter(pk=score.pk).update(lead_unit_id=lead)


def ensure_scores(assessment: Assessment) -> None:
    """Give every leaf of the framework a score row in this assessment."""
    have = set(Score.objects.filter(assessment=assessment).values_list("node_id", flat=True))
    leaves = Node.objects.filter(framework=assessment.framework, is_leaf=True).exclude(pk__in=have)
    missing = list(leaves.values_list("pk", flat=True))
    # Scores of nodes that stopped being leaves carry no points.
    if missing:
        leads = effective_leads(assessment.agency_id, assessment.framework)
        Score.objects.bulk_create(
            [Score(assessment=assessment, node_id=pk, lead_unit_id=leads.get(pk)) for pk in missing]
        )


@transaction.atomic
def assessment_open(
    *, actor: Any, agency: Agency, year: int, deadlines: dict[str, dt.date | None] | None = None
) -> Assessment:
    """Open (or return) the agency's assessment of a year, with a score row per leaf."""
    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        raise DomainError(
            _("There is no framework for %(year)s; import it first.") % {"year": year}
        )
    if actor is not None and not access.may_manage_agency(actor, agency):
        raise PermissionDenied
    assessment = Assessment.objects.filter(agency=agency, framework=framework).first()
    if assessment is None:
        assessment = Assessment.objects.create(
            agency=agency, framework=framework, stage_changed_at=timezone.now(), **(deadlines or {})
        )
        record_created(actor, "assessment.opened", assessment, ASSESSMENT_FIELDS)
        # A new year starts from last year's assignments (criteria with the same codes); the
        # assignments page then asks the secretariat to review them.
        from parindex.scorecards.services.assignments import assignments_carry_over

        assignments_carry_over(actor=actor, agency=agency, from_year=year - 1, to_year=year)
    elif deadlines:
        assessment_set_deadlines(actor=actor, assessment=assessment, deadlines=deadlines)
    ensure_scores(assessment)
    return assessment


@transaction.atomic
def assessment_set_deadlines(
    *, actor: Any, assessment: Assessment, deadlines: dict[str, Any]
) -> None:
    if actor is not None and not access.may_manage_agency(actor, assessment.agency_id):
        raise PermissionDenied
    with audited(actor, "assessment.deadlines_set", assessment, ASSESSMENT_FIELDS):
        for key, value in deadlines.items():
            if key not in ASSESSMENT_FIELDS or not key.endswith("_deadline"):
                raise ValueError(key)
            setattr(assessment, key, value)
        assessment.save()


def eligibility_problems(assessment: Assessment) -> list[tuple[str, str]]:
    """What stops submission: (leaf code, problem). Every self-assessed leaf scored; every
    score backed by evidence (a file or a document reference) or an explanation."""
    problems: list[tuple[str, str]] = []
    scores = (
        Score.objects.filter(assessment=assessment, node__is_leaf=True)
        .exclude(node__kind=NodeKind.SURVEY)
        .select_related("node")
        .prefetch_related("evidence", "references")
        .order_by("node__sort_key")
    )
    for score in scores:
        if score.self_points is None:
            if score.node.kind == NodeKind.SELF:
                problems.append((score.node.code, _("not scored yet")))
            continue
        backed = (
            score.self_explanation.strip()
            or list(score.evidence.all())
            or list(score.references.all())
        )
        if not backed:
            problems.append((score.node.code, _("no evidence and no explanation")))
    return problems


def snapshot_data(assessment: Assessment) -> dict[str, Any]:
    from parindex.scorecards.selectors import scorecard_for

    scores = {}
    for score in Score.objects.filter(assessment=assessment).select_related("node", "lead_unit"):
        scores[score.node.code] = {
            "self": _s(score.self_points),
            "appraised": _s(score.appraised_points),
            "round2": _s(score.round2_points),
            "reason": score.appraisal_reason,
            "explanation": score.explanation_answer,
            "lead_unit": score.lead_unit.code if score.lead_unit else None,
        }
    card = scorecard_for(assessment)
    return {
        "stage": assessment.stage,
        "scores": scores,
        "totals": {
            "self_total": str(card.self_total),
            "appraised_total": str(card.appraised_total),
            "bonus": str(card.bonus),
            "penalty": str(card.penalty),
            "index": None if card.index is None else str(card.index),
        },
    }


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


def _roles(actor: Any, assessment: Assessment) -> set[str]:
    roles = set()
    if access.is_secretariat_of(actor, assessment.agency_id):
        roles.add(SECRETARIAT)
    if access.appraises_agency(actor, assessment.agency_id):
        roles.add(APPRAISER)
    return roles


def _moves_out(assessment: Assessment) -> Iterator[tuple[str, Any]]:
    """(stage, roles that make the move) for each move out of the current stage that the
    assessment's framework has (a second appraisal round only where it has one)."""
    for (src, dst), who in TRANSITIONS.items():
        if src != assessment.stage:
            continue
        if dst == Stage.APPRAISAL_2 and not assessment.framework.has_round_2:
            continue
        if src == Stage.EXPLANATION and dst == Stage.FINAL and assessment.framework.has_round_2:
            continue
        yield dst, who


def allowed_moves(actor: Any, assessment: Assessment) -> list[str]:
    """The stages this user may move the assessment to now."""
    is_admin = actor is None or access.is_admin(actor)
    roles = set() if actor is None else _roles(actor, assessment)
    return [dst for dst, who in _moves_out(assessment) if is_admin or roles & who]


ROLE_WORDS = {
    SECRETARIAT: gettext_lazy("the agency's PAR secretariat"),
    APPRAISER: gettext_lazy("the appraisal council"),
}


@dataclass
class Step:
    """A move the workflow offers from the current stage: who makes it, and whether this user
    may (if not, why the button is missing)."""

    stage: str
    label: str
    who: str
    allowed: bool


def workflow_steps(actor: Any, assessment: Assessment) -> list[Step]:
    """Every move out of the current stage, with the roles that make it, for everyone to read."""
    allowed = set(allowed_moves(actor, assessment))
    steps = []
    for dst, who in _moves_out(assessment):
        words = " " + str(_("or")) + " "
        steps.append(
            Step(
                stage=dst,
                label=str(Stage(dst).label),
                who=words.join(str(ROLE_WORDS[w]) for w in sorted(who)),
                allowed=dst in allowed,
            )
        )
    return steps


def _freeze(assessment: Assessment, from_stage: str, actor: Any, note: str = "") -> Snapshot:
    return Snapshot.objects.create(
        assessment=assessment,
        from_stage=from_stage,
        to_stage=assessment.stage,
        data=snapshot_data(assessment),
        note=note,
        actor=actor if getattr(actor, "pk", None) else None,
    )


@transaction.atomic
def assessment_move(
    *, actor: Any, assessment: Assessment, to_stage: str, note: str = ""
) -> Assessment:
    """Move the assessment to the next stage; a snapshot of all scores is frozen."""
    assessment = (
        Assessment.objects.select_for_update().select_related("framework").get(pk=assessment.pk)
    )
    src = assessment.stage
    if src == Stage.FINAL:
        raise DomainError(_("The assessment is final; only an administrator can reopen it."))
    if (src, to_stage) not in TRANSITIONS:
        raise DomainError(
            _("This assessment cannot move from %(src)s to %(dst)s.")
            % {
                "src": Stage(src).label,
                "dst": Stage(to_stage).label if to_stage in Stage.values else to_stage,
            }
        )
    is_admin = actor is None or access.is_admin(actor)
    if not is_admin and not (_roles(actor, assessment) & TRANSITIONS[(src, to_stage)]):
        raise PermissionDenied
    if to_stage == Stage.APPRAISAL_2 and not assessment.framework.has_round_2:
        raise DomainError(_("This framework has no second appraisal round."))
    if src == Stage.EXPLANATION and to_stage == Stage.FINAL and assessment.framework.has_round_2:
        raise DomainError(_("This framework has a second appraisal round."))
    if to_stage == Stage.SUBMITTED:
        problems = eligibility_problems(assessment)
        if problems:
            listed = "; ".join(f"{code}: {problem}" for code, problem in problems[:10])
            raise DomainError(
                _("The self-assessment cannot be submitted yet (%(count)s problems): %(list)s")
                % {"count": len(problems), "list": listed}
            )
    with audited(actor, "assessment.moved", assessment, ASSESSMENT_FIELDS, always=True, note=note):
        assessment.stage = to_stage
        assessment.stage_changed_at = timezone.now()
        if to_stage == Stage.FINAL:
            _close_appraisal(assessment, actor)
        assessment.save()
    _freeze(assessment, src, actor, note)
    return assessment


def _close_appraisal(assessment: Assessment, actor: Any) -> None:
    """At the close, a leaf nobody appraised is recognised at its self score, in writing."""
    for score in (
        Score.objects.filter(
            assessment=assessment,
            appraised_points__isnull=True,
            round2_points__isnull=True,
            self_points__isnull=False,
        )
        .exclude(node__kind=NodeKind.SURVEY)
        .select_related("node")
    ):
        with audited(
            actor,
            "score.recognised",
            score,
            ("appraised_points",),
            agency=assessment.agency_id,
            always=True,
            note="appraisal closed: self score recognised",
        ):
            score.appraised_points = score.self_points
            score.save(update_fields=["appraised_points", "updated_at"])
    assessment.appraisal_closed = True


#: The deadline field of each stage that has one (a reopened stage gets a new deadline).
STAGE_DEADLINES = {
    Stage.DRAFT: "self_deadline",
    Stage.APPRAISAL_1: "appraisal_1_deadline",
    Stage.EXPLANATION: "explanation_deadline",
    Stage.APPRAISAL_2: "appraisal_2_deadline",
}


@transaction.atomic
def assessment_reopen(
    *,
    actor: Any,
    assessment: Assessment,
    to_stage: str,
    reason: str,
    deadline: dt.date | None = None,
) -> Assessment:
    """Reopen a final assessment (administrators only, with a reason) at a stage, with that
    stage's new deadline (required when the stage has one: the old one has passed)."""
    if actor is not None and not access.is_admin(actor):
        raise PermissionDenied
    if assessment.stage != Stage.FINAL:
        raise DomainError(_("Only a final assessment is reopened."))
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for reopening."), field="reason")
    if to_stage not in Stage.values or to_stage == Stage.FINAL:
        raise DomainError(_("Choose the stage to reopen at."), field="to_stage")
    field = STAGE_DEADLINES.get(to_stage)
    if field is not None:
        if deadline is None:
            raise DomainError(_("Give the new deadline of that stage."), field="deadline")
        if deadline < timezone.localdate():
            raise DomainError(_("The new deadline cannot be in the past."), field="deadline")
    with audited(
        actor,
        "assessment.reopened",
        assessment,
        ASSESSMENT_FIELDS,
        always=True,
        note=reason.strip(),
    ):
        if field is not None:
            setattr(assessment, field, deadline)
        assessment.stage = to_stage
        assessment.appraisal_closed = False
        assessment.stage_changed_at = timezone.now()
        assessment.save()
    _freeze(assessment, Stage.FINAL, actor, reason.strip())
    return assessment
