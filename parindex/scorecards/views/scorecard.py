"""An agency's scorecard, its stages, a unit's worklist, and the accountability pages (ledger, ranking, snapshots)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parindex.audit.selectors import history_for
from parindex.common.errors import DomainError
from parindex.common.listing import Column, render_list
from parindex.org import access
from parindex.org.models import Unit
from parindex.scorecards import exports, selectors, services
from parindex.scorecards.choices import Stage
from parindex.scorecards.filters import WorklistFilter
from parindex.scorecards.forms import (
    MoveForm,
    ReopenForm,
)
from parindex.scorecards.models import Framework
from parindex.scorecards.services.workflow import allowed_moves, workflow_steps
from parindex.scorecards.views._common import DOCX, XLSX, _download

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
            # The projection costs a score pass of its own: the page loads it after itself.
            "shows_projection": access.reads_agency(request.user, assessment.agency),
            "rows": rows,
            "units": selectors.unit_filter_choices(assessment.agency),
            "unit": unit,
            "lost_only": lost_only,
            "moves": [(m, Stage(m).label) for m in moves],
            "steps": workflow_steps(request.user, assessment),
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
                deadline=form.cleaned_data["deadline"],
            )
            messages.success(request, _("The assessment is reopened."))
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
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
