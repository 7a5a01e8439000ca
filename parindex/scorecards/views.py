"""Screens of the PAR Index scorecard. Thin: forms in, services and selectors out."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parindex.audit.selectors import history_for
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.common.forms import call_service
from parindex.common.listing import Column, render_list
from parindex.org import access
from parindex.org.access import Action, can, get_object_for_user
from parindex.org.models import Agency, Membership, Unit, User
from parindex.scorecards import exports, selectors, services
from parindex.scorecards.choices import ScoreAction, Stage
from parindex.scorecards.filters import WorklistFilter
from parindex.scorecards.forms import (
    AppraisalForm,
    AssignmentForm,
    EvidenceForm,
    ExplanationForm,
    FrameworkForm,
    FrameworkImportForm,
    MoveForm,
    OpenAssessmentForm,
    ReferenceForm,
    ReopenForm,
    SelfScoreForm,
)
from parindex.scorecards.models import Assessment, Assignment, Evidence, Framework, Node
from parindex.scorecards.services.workflow import allowed_moves

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The scorecard of the user's default agency for the latest year, else the frameworks."""
    assessment = selectors.default_assessment_for_user(request.user)
    if assessment is not None:
        return redirect(assessment)
    return framework_list(request)


# Frameworks ---------------------------------------------------------------------------------


def _may_import_frameworks(user) -> bool:
    """The province writes the criteria; an agency's secretariat may import its assignments."""
    return access.may_set_framework_or_agency_weights(user)


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = selectors.frameworks_for_user(request.user).order_by("-year")
    assessments = selectors.assessments_for_user(request.user).order_by(
        "-framework__year", "agency__code"
    )[:200]
    agencies = Agency.objects.restrict(request.user, Action.CHANGE)
    open_form = OpenAssessmentForm(agencies=agencies) if agencies.exists() else None
    return render(
        request,
        "scorecards/framework_list.html",
        {
            "title": _("PAR Index frameworks"),
            "frameworks": frameworks,
            "assessments": assessments,
            "can_import": _may_import_frameworks(request.user),
            "can_edit": Framework.objects.restrict(request.user, Action.CHANGE).exists(),
            "can_rank": selectors.may_see_ranking(request.user),
            "open_form": open_form,
        },
    )


@login_required
@require_POST
def assessment_open(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.restrict(request.user, Action.CHANGE)
    form = OpenAssessmentForm(request.POST, agencies=agencies)
    if form.is_valid():
        data = form.cleaned_data
        deadlines = {k: v for k, v in data.items() if k.endswith("_deadline")}
        assessment = call_service(
            form,
            lambda: services.assessment_open(
                actor=request.user,
                agency=data["agency"],
                year=data["year"],
                deadlines=deadlines,
            ),
        )
        if assessment:
            messages.success(request, _("The assessment is open."))
            return redirect(assessment)
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect("scorecards:frameworks")


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "scorecards" / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@login_required
def framework_import(request: HttpRequest) -> HttpResponse:
    """Upload a framework file, see a preview and the row errors, then confirm the import."""
    if not _may_import_frameworks(request.user):
        raise PermissionDenied
    agencies = Agency.objects.restrict(request.user, Action.CHANGE)
    form = FrameworkImportForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        initial={"year": timezone.localdate().year},
    )
    preview = errors = warnings = None
    token = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = data.get("agency")
        if data.get("file"):
            upload = data["file"]
            suffix = Path(upload.name).suffix.lower()
            if suffix not in tabular.IMPORT_SUFFIXES:
                form.add_error("file", _("Use an .xlsx, .xls, .xlsb, .ods or .csv file."))
                return render(request, "scorecards/framework_import.html", {"form": form})
            token = f"{uuid.uuid4().hex}{suffix}"
            with (_upload_dir() / token).open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        else:
            token = Path(data["token"]).name
        path = _upload_dir() / token
        if not path.is_file():
            form.add_error("file", _("The uploaded file has expired; choose it again."))
            return render(request, "scorecards/framework_import.html", {"form": form})
        try:
            if data.get("confirm") and not data.get("file"):
                result = services.import_framework(
                    path,
                    year=data["year"],
                    name=data.get("name") or None,
                    agency_code=agency.code if agency else None,
                    actor=request.user,
                    announcement=data.get("announcement") or None,
                )
                path.unlink(missing_ok=True)
                messages.success(
                    request, _("Framework imported: %(summary)s.") % {"summary": result.summary()}
                )
                return redirect("scorecards:frameworks")
            parsed = services.preview_framework(path, agency=agency)
            preview = sorted(
                parsed.nodes.values(),
                key=lambda n: [int(p) if p.isdigit() else 0 for p in n.code.split(".")],
            )
            errors = tabular.format_errors(parsed.result.errors)
            warnings = parsed.result.warnings
        except tabular.TableError as exc:
            form.add_error("file", str(exc))
        except tabular.ImportRefused as exc:
            errors = tabular.format_errors(exc.errors)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "scorecards/framework_import.html",
        {
            "form": form,
            "preview": preview,
            "errors": errors,
            "warnings": warnings,
            "token": token,
        },
    )


@login_required
def framework_edit(request: HttpRequest, year: int) -> HttpResponse:
    framework = get_object_for_user(Framework.objects.all(), request.user, year=year, write=True)
    form = FrameworkForm(
        request.POST or None,
        initial={"name": framework.name, "has_round_2": framework.has_round_2},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            lambda: (
                services.framework_update(
                    actor=request.user,
                    framework=framework,
                    name=data["name"],
                    has_round_2=data["has_round_2"],
                    announcement=data.get("announcement") or None,
                )
                or True
            ),
        ):
            messages.success(request, _("Framework saved."))
            return redirect("scorecards:frameworks")
    return render(
        request,
        "scorecards/assignment_form.html",
        {
            "form": form,
            "title": framework.name,
            "node": None,
            "cancel_url": reverse("scorecards:frameworks"),
            "history": history_for(framework),
        },
    )


@login_required
def framework_export(request: HttpRequest, year: int) -> HttpResponse:
    framework = get_object_for_user(Framework.objects.all(), request.user, year=year)
    agency = None
    if request.GET.get("agency"):
        agency = get_object_for_user(Agency.objects.all(), request.user, code=request.GET["agency"])
    data = services.export_framework_xlsx(framework, agency)
    suffix = f"-{agency.code}" if agency else ""
    return _download(data, f"bo-chi-so-{year}{suffix}.xlsx", XLSX)


# The scorecard ------------------------------------------------------------------------------


@login_required
def scorecard(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    card = selectors.scorecard_for(assessment)
    unit = request.GET.get("unit") or None
    lost_only = request.GET.get("lost") == "1"
    rows = selectors.tree_rows(card, unit=unit, lost_only=lost_only)
    moves = allowed_moves(request.user, assessment)
    return render(
        request,
        "scorecards/scorecard.html",
        {
            "title": _("PAR Index %(year)s — %(agency)s")
            % {"year": year, "agency": assessment.agency.code},
            "assessment": assessment,
            "card": card,
            "rows": rows,
            "units": selectors.unit_filter_choices(assessment.agency),
            "unit": unit,
            "lost_only": lost_only,
            "moves": [(m, Stage(m).label) for m in moves],
            "reopen_form": ReopenForm()
            if access.is_admin(request.user) and assessment.stage == Stage.FINAL
            else None,
            "problems": services.eligibility_problems(assessment)
            if Stage.SUBMITTED in moves
            else None,
            "stages": Stage.choices,
            "history": history_for(assessment),
        },
    )


@login_required
def scorecard_export(request: HttpRequest, agency: str, year: int, fmt: str) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    if fmt == "xlsx":
        data = exports.scorecard_xlsx(assessment.agency, assessment.framework)
        return _download(data, f"chi-so-cchc-{agency}-{year}.xlsx", XLSX)
    if fmt == "docx":
        data = exports.scorecard_docx(assessment.agency, assessment.framework)
        return _download(data, f"chi-so-cchc-{agency}-{year}.docx", DOCX)
    raise Http404


@login_required
@require_POST
def assessment_move(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_move(
                actor=request.user,
                assessment=assessment,
                to_stage=form.cleaned_data["to_stage"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The assessment moved on."))
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect(assessment)


@login_required
@require_POST
def assessment_reopen(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_reopen(
                actor=request.user,
                assessment=assessment,
                to_stage=form.cleaned_data["to_stage"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The assessment is reopened."))
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Give the stage and the reason."))
    return redirect(assessment)


# A unit's worklist ----------------------------------------------------------------------------


def _state_label(score) -> str:
    return {
        "survey": _("survey (council)"),
        "to_score": _("to score"),
        "missing_evidence": _("missing evidence"),
        "to_explain": _("to explain"),
        "done": _("done"),
    }[selectors.worklist_status(score)]


def _norm(value: Decimal | None) -> Decimal | None:
    """Points without trailing zeros (3.500 → 3.5, 10.000 → 10) for lists and exports."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


WORKLIST_COLUMNS = (
    Column(gettext_lazy("Code"), "node.code", link=True),
    Column(gettext_lazy("Criterion"), "node.title", link=True),
    Column(gettext_lazy("Max"), lambda s: _norm(s.node.max_points), numeric=True),
    Column(gettext_lazy("Self"), lambda s: _norm(s.self_points), numeric=True),
    Column(gettext_lazy("Appraised"), lambda s: _norm(s.appraised_effective), numeric=True),
    Column(gettext_lazy("Evidence"), lambda s: s.evidence_count + s.reference_count, numeric=True),
    Column(gettext_lazy("Lead unit"), "lead_unit.code"),
    Column(gettext_lazy("State"), _state_label),
)


@login_required
def worklist(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """ "My criteria": what the user's unit leads — to score, missing evidence, the deadline."""
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    deadline = assessment.deadline()
    days_left = (deadline - timezone.localdate()).days if deadline else None
    return render_list(
        request,
        queryset=selectors.worklist_for_user(request.user, assessment),
        columns=WORKLIST_COLUMNS,
        filterset_class=WorklistFilter,
        title=_("My criteria — %(agency)s %(year)s") % {"agency": agency, "year": year},
        export_name=f"tieu-chi-{agency}-{year}",
        empty_message=_("Your unit leads no criterion in this assessment."),
        context={
            "assessment": assessment,
            "deadline": deadline,
            "days_left": days_left,
            "days_late": -days_left if days_left is not None and days_left < 0 else None,
        },
        template="scorecards/worklist.html",
    )


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


# Assignments --------------------------------------------------------------------------------


@login_required
def assignments(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    rows = selectors.assignment_rows(assessment.agency, assessment.framework)
    can_change = can(request.user, Action.CHANGE, assessment.agency)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        try:
            count = services.assignments_carry_over(
                actor=request.user,
                agency=assessment.agency,
                from_year=int(request.POST.get("from_year", year - 1)),
                to_year=year,
            )
            messages.success(request, _("%(count)s assignments carried over.") % {"count": count})
        except (DomainError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", str(exc)))
        return redirect("scorecards:assignments", agency, year)
    return render(
        request,
        "scorecards/assignments.html",
        {
            "title": _("Assignments — %(agency)s %(year)s") % {"agency": agency, "year": year},
            "assessment": assessment,
            "rows": rows,
            "can_change": can_change,
            "missing": sum(1 for r in rows if r["missing"]),
            "previous_year": year - 1,
        },
    )


@login_required
def assignment_edit(request: HttpRequest, agency: str, year: int, code: str) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    if not can(request.user, Action.CHANGE, assessment.agency):
        raise PermissionDenied
    node = get_object_or_404(Node, framework=assessment.framework, code=code)
    current = Assignment.objects.filter(agency=assessment.agency, node=node).first()
    units = Unit.objects.filter(agency=assessment.agency, is_active=True).order_by("code")
    people = User.objects.filter(
        pk__in=Membership.objects.filter(unit__agency=assessment.agency).values("user_id")
    ).order_by("full_name")
    initial = {}
    if current:
        initial = {
            "lead_unit": current.lead_unit,
            "responsible": current.responsible,
            "cooperating_units": list(current.cooperating_units.all()),
        }
    form = AssignmentForm(request.POST or None, initial=initial, units=units, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = call_service(
            form,
            lambda: (
                services.assignment_set(
                    actor=request.user,
                    agency=assessment.agency,
                    node=node,
                    lead_unit=data["lead_unit"],
                    cooperating_units=list(data["cooperating_units"]),
                    responsible=data["responsible"],
                )
                or True
            ),
        )
        if result:
            messages.success(request, _("Assignment saved."))
            return redirect("scorecards:assignments", agency, year)
    return render(
        request,
        "scorecards/assignment_form.html",
        {
            "form": form,
            "title": _("Assign %(code)s") % {"code": node.code},
            "node": node,
            "cancel_url": reverse("scorecards:assignments", args=[agency, year]),
            "history": history_for(current) if current else None,
        },
    )


# Accountability -----------------------------------------------------------------------------


@login_required
def ledger(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    if request.GET.get("export") == "xlsx":
        return _download(
            exports.ledger_xlsx(assessment, user=request.user),
            f"so-diem-bi-tru-{agency}-{year}.xlsx",
            XLSX,
        )
    unit = None
    if request.GET.get("unit"):
        unit = Unit.objects.filter(agency=assessment.agency, code=request.GET["unit"]).first()
    rows, by_unit, apart = selectors.ledger(assessment, user=request.user, unit=unit)
    return render(
        request,
        "scorecards/ledger.html",
        {
            "title": _("Lost points — %(agency)s %(year)s") % {"agency": agency, "year": year},
            "assessment": assessment,
            "rows": rows,
            "by_unit": by_unit,
            "apart": apart,
            "units": selectors.unit_filter_choices(assessment.agency),
            "unit": unit,
            "total_lost": sum((r.lost for r in rows), 0),
        },
    )


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    agencies = selectors.visible_agencies_for_ranking(request.user)
    if not agencies.exists():
        raise PermissionDenied
    years = list(Framework.objects.order_by("-year").values_list("year", flat=True))
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        raise Http404 from None
    rows = selectors.ranking(year, agencies)
    if request.GET.get("export") == "xlsx":
        return _download(exports.ranking_xlsx(year, rows), f"xep-hang-cchc-{year}.xlsx", XLSX)
    names = dict(agencies.values_list("code", "name"))
    for row in rows:
        row["name"] = names.get(row["agency"], row["agency"])
    return render(
        request,
        "scorecards/ranking.html",
        {
            "title": _("Ranking %(year)s") % {"year": year},
            "rows": rows,
            "year": year,
            "years": years,
        },
    )


@login_required
def snapshots(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    if not selectors.may_see_snapshots(request.user, assessment):
        raise PermissionDenied
    snaps = list(selectors.snapshots_for_user(request.user, assessment))
    by_id = {str(s.pk): s for s in snaps}
    first, second = by_id.get(request.GET.get("a", "")), by_id.get(request.GET.get("b", ""))
    comparison = selectors.compare_snapshots(first, second) if first and second else None
    return render(
        request,
        "scorecards/snapshots.html",
        {
            "title": _("Snapshots — %(agency)s %(year)s") % {"agency": agency, "year": year},
            "assessment": assessment,
            "snapshots": snaps,
            "first": first,
            "second": second,
            "comparison": comparison,
        },
    )
