"""Screens of the Decision 766 measures: publication on time, apology slips, review outcomes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.common.forms import call_service, form_page
from parindex.common.listing import render_list
from parindex.common.uploads import attachment_response
from parindex.dossiers import selectors
from parindex.dossiers.forms import ApologySlipForm, ReviewDecisionForm, ReviewProposalForm
from parindex.dossiers.measures import apology_figures, apology_required, publication_figures
from parindex.dossiers.models import APOLOGIZE, ProcedureReview
from parindex.dossiers.services.measures import (
    apology_slip_record,
    procedure_review_decide,
    procedure_review_propose,
)
from parindex.dossiers.views.figures import APOLOGY_COLUMNS, _period, _period_query
from parindex.org.access import Action, can


@login_required
def apologies(request: HttpRequest) -> HttpResponse:
    """The dossiers needing an apology slip in the period, each with its slip or "missing"."""
    agency, d1, d2, _form = _period(request)
    units = selectors.unit_scope(request.user, agency)
    if units is not None and not units:
        raise PermissionDenied
    figures = apology_figures(agency, d1, d2, units=units)
    qs = apology_required(agency, d1, d2, units=units).select_related(
        "agency", "procedure", "unit", "apology"
    )
    if request.GET.get("missing"):
        qs = qs.filter(apology__isnull=True)
    query = _period_query(agency, d1, d2)
    return render_list(
        request,
        queryset=qs.order_by("-received_at", "code"),
        columns=APOLOGY_COLUMNS,
        title=_("Apology slips (form 04)"),
        export_name="apology-slips",
        empty_message=_("No dossier needs an apology slip in this period."),
        template="dossiers/apologies.html",
        context={
            "agency": agency,
            "agencies": selectors.agencies_with_dossiers(request.user),
            "d1": d1,
            "d2": d2,
            "figures": figures,
            "share_pct": None if figures["share"] is None else figures["share"] * 100,
            "dashboard_query": query,
        },
    )


@login_required
def apology_edit(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, agency_code, code)
    if not can(request.user, APOLOGIZE, dossier):
        raise PermissionDenied
    slip = getattr(dossier, "apology", None)
    initial = {}
    if slip is not None:
        initial = {"issued_on": slip.issued_on, "new_due_on": slip.new_due_on, "note": slip.note}
    form = ApologySlipForm(request.POST or None, request.FILES or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: apology_slip_record(
            actor=request.user,
            dossier=dossier,
            issued_on=data["issued_on"],
            new_due_on=data["new_due_on"],
            upload=data.get("file"),
            note=data.get("note") or "",
        ),
        _("Apology slip recorded."),
        {
            "title": _("Apology slip of dossier %(code)s") % {"code": dossier.code},
            "cancel_url": dossier.get_absolute_url(),
        },
        then=dossier,
    )


@login_required
def apology_file(request: HttpRequest, agency_code: str, code: str) -> FileResponse:
    dossier = selectors.get_dossier_for_user(request.user, agency_code, code)
    slip = getattr(dossier, "apology", None)
    if slip is None or not slip.file:
        raise Http404
    return attachment_response(slip.file, slip.file_name or None)


@login_required
def publication(request: HttpRequest) -> HttpResponse:
    """Procedures whose legal basis takes effect in the period: published on time or not."""
    agency, d1, d2, _form = _period(request)
    units = selectors.unit_scope(request.user, agency)
    if units is not None and not units:
        raise PermissionDenied
    data = publication_figures(agency, d1, d2, units=units)
    return render(
        request,
        "dossiers/publication.html",
        {
            "agency": agency,
            "agencies": selectors.agencies_with_dossiers(request.user),
            "d1": d1,
            "d2": d2,
            "data": data,
            "rate_pct": None if data["on_time_rate"] is None else data["on_time_rate"] * 100,
            "query": _period_query(agency, d1, d2),
        },
    )


@login_required
def review_outcomes(request: HttpRequest) -> HttpResponse:
    """Every review proposal of the agency and its decision; the secretariat adds and decides."""
    agency = selectors.pick_agency(request.user, request.GET.get("agency"))
    may_change = selectors.can_import(request.user, agency)
    procedures = selectors.procedures_for_user(request.user).filter(agency=agency)
    form = None
    if may_change:
        form = ReviewProposalForm(
            request.POST or None,
            procedures=procedures,
            initial={"procedure": request.GET.get("procedure")},
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            procedure = procedures.get(code=data["procedure"])
            done = call_service(
                form,
                lambda: procedure_review_propose(
                    actor=request.user,
                    procedure=procedure,
                    proposal=data["proposal"],
                    proposed_level=data.get("proposed_level") or "",
                    reason=data.get("reason") or "",
                ),
            )
            if done is not None:
                messages.success(request, _("Review proposal recorded."))
                return redirect(f"{request.path}?agency={agency.code}")
    reviews = (
        ProcedureReview.objects.restrict(request.user)
        .filter(agency=agency)
        .select_related("procedure", "created_by")
    )
    return render(
        request,
        "dossiers/review_outcomes.html",
        {
            "agency": agency,
            "agencies": selectors.agencies_with_dossiers(request.user),
            "reviews": reviews[:500],
            "form": form,
            "decision_form": ReviewDecisionForm() if may_change else None,
            "may_change": may_change,
        },
    )


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(
        ProcedureReview.objects.restrict(request.user, Action.CHANGE).select_related("agency"),
        pk=pk,
    )
    form = ReviewDecisionForm(request.POST)
    back = f"{review.get_absolute_url()}#review-{review.pk}"
    if form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            lambda: procedure_review_decide(
                actor=request.user,
                review=review,
                decision=data["decision"],
                decided_on=data["decided_on"],
                decision_ref=data.get("decision_ref") or "",
            ),
        ):
            messages.success(request, _("Decision recorded."))
            return redirect(back)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(back)
