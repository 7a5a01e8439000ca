"""One leaf (criterion) of a scorecard: its scores, evidence, explanation, appraisal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from parindex.audit.selectors import history_for
from parindex.common.forms import call_service
from parindex.org.access import can
from parindex.scorecards import selectors, services
from parindex.scorecards.choices import ScoreAction, Stage
from parindex.scorecards.forms import (
    AppraisalForm,
    EvidenceForm,
    ExplanationForm,
    ReferenceForm,
    SelfScoreForm,
)
from parindex.scorecards.models import Assessment, Assignment, Evidence, Node

# A leaf -------------------------------------------------------------------------------------


def _points_text(value) -> str:
    """Points as the Vietnamese write them in a form: 3,5."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


@dataclass(frozen=True)
class LeafAction:
    """One form of the leaf page: the right it needs, its form, and the service it calls."""

    right: str
    form: type
    run: Callable[[Any, Any, dict[str, Any]], Any]


LEAF_ACTIONS = {
    "self": LeafAction(
        "self",
        SelfScoreForm,
        lambda actor, score, data: services.score_self(
            actor=actor, score=score, points=data["points"], explanation=data["explanation"]
        ),
    ),
    "appraise": LeafAction(
        "appraise",
        AppraisalForm,
        lambda actor, score, data: services.score_appraise(
            actor=actor, score=score, points=data["points"], reason=data["reason"]
        ),
    ),
    "explain": LeafAction(
        "explain",
        ExplanationForm,
        lambda actor, score, data: services.score_explain(
            actor=actor, score=score, answer=data["answer"]
        ),
    ),
    "evidence": LeafAction(
        "evidence",
        EvidenceForm,
        lambda actor, score, data: services.evidence_add(
            actor=actor, score=score, upload=data["file"]
        ),
    ),
    "reference": LeafAction(
        "evidence",
        ReferenceForm,
        lambda actor, score, data: services.reference_add(actor=actor, score=score, **data),
    ),
}


@login_required
def leaf(request: HttpRequest, agency: str, year: int, code: str) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    score = selectors.get_score_for_user(request.user, assessment, code)
    rights = {
        "self": can(request.user, ScoreAction.SELF, score),
        "appraise": can(request.user, ScoreAction.APPRAISE, score),
        "explain": can(request.user, ScoreAction.EXPLAIN, score),
    }
    rights["evidence"] = rights["self"] or rights["explain"]
    forms = {
        "self": SelfScoreForm(
            prefix="self",
            initial={
                "points": _points_text(score.self_points),
                "explanation": score.self_explanation,
            },
        ),
        "appraise": AppraisalForm(
            prefix="appraise",
            initial=(
                {"points": _points_text(score.round2_points), "reason": score.round2_reason}
                if assessment.stage == Stage.APPRAISAL_2
                else {
                    "points": _points_text(score.appraised_points),
                    "reason": score.appraisal_reason,
                }
            ),
        ),
        "explain": ExplanationForm(prefix="explain", initial={"answer": score.explanation_answer}),
        "evidence": EvidenceForm(prefix="evidence"),
        "reference": ReferenceForm(prefix="reference"),
    }
    if request.method == "POST":
        handler = LEAF_ACTIONS.get(request.POST.get("action", ""))
        if handler is None or not rights[handler.right]:
            raise PermissionDenied
        prefix = request.POST["action"]
        form = forms[prefix] = handler.form(request.POST, request.FILES, prefix=prefix)
        done = form.is_valid() and call_service(
            form, lambda: handler.run(request.user, score, form.cleaned_data) or True
        )
        if done:
            messages.success(request, _("Saved."))
            return redirect(score.get_absolute_url())
    node = score.node
    ancestors = []
    parent = node.parent
    while parent is not None:
        ancestors.insert(0, parent)
        parent = parent.parent
    assignment = (
        Assignment.objects.filter(agency=assessment.agency, node=node)
        .select_related("responsible")
        .prefetch_related("cooperating_units")
        .first()
    )
    return render(
        request,
        "scorecards/leaf.html",
        {
            "title": f"{node.code}. {node.title[:60]}",
            "assessment": assessment,
            "score": score,
            "node": node,
            "ancestors": ancestors,
            "rights": rights,
            "forms": forms,
            "assignment": assignment,
            "evidence": score.evidence.select_related("uploaded_by"),
            "references": score.references.all(),
            "criterion_tasks": _criterion_tasks(request.user, assessment, node),
            "history": history_for(score),
        },
    )


def _criterion_tasks(user: Any, assessment: Assessment, node: Node) -> list[Any] | None:
    """The work-plan tasks serving this criterion."""
    from parindex.workplan.criteria import tasks_for_criterion

    return tasks_for_criterion(user, assessment.agency, assessment.framework.year, node.code)


@login_required
def evidence_download(
    request: HttpRequest, agency: str, year: int, code: str, pk: int
) -> FileResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    score = selectors.get_score_for_user(request.user, assessment, code)
    evidence = get_object_or_404(Evidence, pk=pk, score=score)
    inline = Path(evidence.original_name).suffix.lower() in (
        ".pdf",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
    )
    return FileResponse(
        evidence.file.open("rb"), as_attachment=not inline, filename=evidence.original_name
    )
