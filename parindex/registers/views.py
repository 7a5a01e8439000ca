"""The registers' screens: thin views over the selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parindex.audit.selectors import history_for
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.common.forms import call_service
from parindex.common.listing import render_list
from parindex.org import access
from parindex.org.access import Action, can
from parindex.org.models import Agency, Unit
from parindex.org.selectors import default_agency_for_user
from parindex.registers import figures, selectors, services, uploads
from parindex.registers.choices import InspectionKind, RecommendationState
from parindex.registers.filters import (
    DocumentFilter,
    InspectionFilter,
    RecommendationFilter,
    ReviewFilter,
)
from parindex.registers.forms import (
    CONCLUSION_ROWS,
    ConclusionForm,
    DocumentForm,
    ImportForm,
    InspectionForm,
    RecommendationForm,
    ReopenForm,
    ResolveForm,
    ReviewForm,
    VerdictForm,
)
from parindex.registers.models import RESOLVE, LegalDocument, today
from parindex.registers.services.documents import DOCUMENT_FIELDS
from parindex.registers.services.inspections import INSPECTION_FIELDS
from parindex.registers.tables import (
    DOCUMENT_COLUMNS,
    INSPECTION_COLUMNS,
    RECOMMENDATION_COLUMNS,
    REVIEW_COLUMNS,
)


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or today().year)
    except ValueError:
        return today().year
    return year if 2000 <= year <= 2100 else today().year


def _agency(request: HttpRequest) -> Agency | None:
    code = request.GET.get("agency")
    if code:
        found = Agency.objects.restrict(request.user).filter(code=code).first()
        if found:
            return found
    return default_agency_for_user(request.user)


def _agency_units(user, agency_id: int):
    return Unit.objects.filter(agency_id=agency_id, is_active=True).order_by("code")


def _keeps_documents(user, agency: Agency | None) -> bool:
    return agency is not None and (
        access.may_manage_agency(user, agency)
        or Unit.objects.filter(pk__in=access.head_unit_ids(user), agency=agency).exists()
    )


def _document_units(user, agency: Agency):
    """Units whose documents (and reviews) this user may create."""
    return _agency_units(user, agency.pk).restrict(user, Action.CHANGE)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The registers at a glance: the year's figures, the recommendations board, what is late."""
    agency = _agency(request)
    year = _year(request)
    context = {
        "agency": agency,
        "year": year,
        "title": _("Institutions and inspection"),
        "may_import": uploads.may_import(request.user),
    }
    if agency is not None and Agency.objects.restrict(request.user).filter(pk=agency.pk).exists():
        as_of = figures.default_as_of(year)
        context.update(
            as_of=as_of,
            legal=figures.legal_figures(agency, year, as_of),
            inspections=figures.inspection_figures(agency, year, as_of),
            board=selectors.board(request.user, agency, year=year),
            states=list(RecommendationState),
            overdue=selectors.overdue_recommendations(agency, on=as_of).filter(
                pk__in=selectors.recommendations_for_user(request.user).values("pk")
            )[:20],
            late_documents=selectors.late_documents(agency, year, on=as_of)[:20],
        )
    return render(request, "registers/index.html", context)


# -- legal documents ----------------------------------------------------------------------------


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    return render_list(
        request,
        queryset=selectors.documents_for_user(request.user),
        columns=DOCUMENT_COLUMNS,
        filterset_class=DocumentFilter,
        title=_("Legal documents"),
        export_name="legal-documents",
        empty_message=_("No legal document yet."),
        template="registers/list.html",
        context={
            "create_url": "registers:document_create"
            if _keeps_documents(request.user, agency)
            else None
        },
    )


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    if not _keeps_documents(request.user, agency):
        raise PermissionDenied
    form = DocumentForm(
        request.POST or None,
        units=_document_units(request.user, agency),
        initial={"plan_year": today().year},
    )
    if request.method == "POST" and form.is_valid():
        document = call_service(
            form,
            lambda: services.document_create(
                actor=request.user, agency=agency, **form.cleaned_data
            ),
        )
        if document:
            messages.success(request, _("Document saved."))
            return redirect(document)
    return render(
        request,
        "registers/form.html",
        {"form": form, "title": _("Add a legal document"), "cancel_url": "/registers/documents/"},
    )


@login_required
def document_detail(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, agency, code)
    on = today()
    return render(
        request,
        "registers/document_detail.html",
        {
            "document": document,
            "title": document.title,
            "may_change": can(request.user, Action.CHANGE, document),
            "task_link": bool(document.task) and can(request.user, Action.VIEW, document.task),
            "stage": document.stage_label(on),
            "late": document.is_late(on),
            "timeline": [
                (label, day, day is not None and day <= on) for label, day in document.timeline()
            ],
            "verdicts": document.review_items.select_related("review"),
            "history": history_for(document),
        },
    )


@login_required
def document_edit(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, agency, code, write=True)
    form = DocumentForm(
        request.POST or None,
        units=_document_units(request.user, document.agency)
        | Unit.objects.filter(pk=document.lead_unit_id),
        initial={f: getattr(document, f) for f in DOCUMENT_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: services.document_update(
                actor=request.user, document=document, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Document saved."))
            return redirect(document)
    return render(
        request,
        "registers/form.html",
        {
            "form": form,
            "title": _("Edit %(code)s") % {"code": document.code},
            "cancel_url": document.get_absolute_url(),
            "history": history_for(document),
        },
    )


# -- inspections --------------------------------------------------------------------------------


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.inspections_for_user(request.user),
        columns=INSPECTION_COLUMNS,
        filterset_class=InspectionFilter,
        title=_("Inspections and checks"),
        export_name="inspections",
        empty_message=_("No inspection yet."),
        template="registers/list.html",
        context={
            "create_url": "registers:inspection_create"
            if selectors.may_keep_inspections(request.user)
            else None
        },
    )


@login_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    if agency is None or not selectors.may_keep_inspections(request.user):
        raise PermissionDenied
    units = _agency_units(request.user, agency.pk)
    form = InspectionForm(
        request.POST or None,
        units=units,
        initial={"plan_year": today().year, "planned": True},
    )
    if not services.may_keep_inspection(request.user, agency, InspectionKind.INSPECTION):
        form.fields["kind"].choices = [(InspectionKind.PAR_CHECK, InspectionKind.PAR_CHECK.label)]
    if request.method == "POST" and form.is_valid():
        inspection = call_service(
            form,
            lambda: services.inspection_create(
                actor=request.user, agency=agency, **form.cleaned_data
            ),
        )
        if inspection:
            messages.success(request, _("Inspection saved."))
            return redirect(inspection)
    return render(
        request,
        "registers/form.html",
        {"form": form, "title": _("Add an inspection"), "cancel_url": "/registers/inspections/"},
    )


@login_required
def inspection_detail(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, agency, code)
    return render(
        request,
        "registers/inspection_detail.html",
        {
            "inspection": inspection,
            "title": inspection.subject,
            "may_change": can(request.user, Action.CHANGE, inspection),
            "late": inspection.conclusion_late(),
            "recommendations": inspection.recommendations.select_related("unit", "task"),
            "history": history_for(inspection),
        },
    )


@login_required
def inspection_edit(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, agency, code, write=True)
    form = InspectionForm(
        request.POST or None,
        units=_agency_units(request.user, inspection.agency_id),
        initial={f: getattr(inspection, f) for f in INSPECTION_FIELDS},
    )
    keys = set(form.fields)
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: services.inspection_update(
                actor=request.user,
                inspection=inspection,
                **{k: v for k, v in form.cleaned_data.items() if k in keys},
            ),
        ):
            messages.success(request, _("Inspection saved."))
            return redirect(inspection)
    return render(
        request,
        "registers/form.html",
        {
            "form": form,
            "title": _("Edit %(code)s") % {"code": inspection.code},
            "cancel_url": inspection.get_absolute_url(),
        },
    )


@login_required
def inspection_conclude(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    """Record the conclusion and its recommendations (each becomes a task of its owner)."""
    inspection = selectors.get_inspection_for_user(request.user, agency, code, write=True)
    form = ConclusionForm(
        request.POST or None,
        units=_agency_units(request.user, inspection.agency_id),
        initial={
            "concluded_on": inspection.concluded_on or today(),
            "conclusion_number": inspection.conclusion_number,
            "conclusion": inspection.conclusion,
            "fines": inspection.fines,
            "recoveries": inspection.recoveries,
        },
    )
    if request.method == "POST" and form.is_valid():
        made = call_service(
            form,
            lambda: services.inspection_conclude(
                actor=request.user, inspection=inspection, **form.service_arguments()
            ),
        )
        if made is not None:
            messages.success(
                request,
                _("Conclusion saved; %(n)s recommendation(s) handed to their units as tasks.")
                % {"n": len(made)},
            )
            return redirect(inspection)
    return render(
        request,
        "registers/conclude.html",
        {
            "form": form,
            "inspection": inspection,
            "rows": range(1, CONCLUSION_ROWS + 1),
            "title": _("Conclusion of %(code)s") % {"code": inspection.code},
        },
    )


# -- recommendations ----------------------------------------------------------------------------


@login_required
def recommendation_list(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    may_raise = agency is not None and services.may_raise(request.user, agency, "other")
    return render_list(
        request,
        queryset=selectors.recommendations_for_user(request.user),
        columns=RECOMMENDATION_COLUMNS,
        filterset_class=RecommendationFilter,
        title=_("Recommendations"),
        export_name="recommendations",
        empty_message=_("No recommendation yet."),
        template="registers/list.html",
        context={"create_url": "registers:recommendation_create" if may_raise else None},
    )


@login_required
def recommendation_board(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    year = request.GET.get("year")
    year = _year(request) if year else None
    rows = selectors.board(request.user, agency, year=year) if agency else []
    states = list(RecommendationState)
    return render(
        request,
        "registers/board.html",
        {
            "title": _("Recommendations by unit and state"),
            "agency": agency,
            "year": year,
            "rows": [{**r, "cells": [(s, r["counts"][s.value]) for s in states]} for r in rows],
            "states": states,
        },
    )


@login_required
def recommendation_create(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    if agency is None or not services.may_raise(request.user, agency, "other"):
        raise PermissionDenied
    form = RecommendationForm(request.POST or None, units=_agency_units(request.user, agency.pk))
    if request.method == "POST" and form.is_valid():
        rec = call_service(
            form,
            lambda: services.recommendation_create(
                actor=request.user, agency=agency, **form.cleaned_data
            ),
        )
        if rec:
            messages.success(request, _("Recommendation saved and handed to its unit as a task."))
            return redirect(rec)
    return render(
        request,
        "registers/form.html",
        {
            "form": form,
            "title": _("Add a recommendation"),
            "cancel_url": "/registers/recommendations/",
        },
    )


@login_required
def recommendation_detail(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    rec = selectors.get_recommendation_for_user(request.user, agency, code)
    may_resolve = can(request.user, RESOLVE, rec)
    resolve_form = ResolveForm(initial={"done_on": today()})
    reopen_form = ReopenForm()
    if request.method == "POST":
        if not may_resolve:
            raise PermissionDenied
        if request.POST.get("form") == "reopen":
            reopen_form = ReopenForm(request.POST)
            if reopen_form.is_valid() and call_service(
                reopen_form,
                lambda: services.recommendation_reopen(
                    actor=request.user, recommendation=rec, **reopen_form.cleaned_data
                ),
            ):
                messages.success(request, _("Recommendation reopened."))
                return redirect(rec)
        else:
            resolve_form = ResolveForm(request.POST, request.FILES)
            if resolve_form.is_valid() and call_service(
                resolve_form,
                lambda: services.recommendation_resolve(
                    actor=request.user, recommendation=rec, **resolve_form.cleaned_data
                ),
            ):
                messages.success(request, _("Recommendation closed."))
                return redirect(rec)
    return render(
        request,
        "registers/recommendation_detail.html",
        {
            "rec": rec,
            "title": rec.code,
            "state": rec.state_label(),
            "may_resolve": may_resolve,
            "task_link": bool(rec.task) and can(request.user, Action.VIEW, rec.task),
            "resolve_form": resolve_form,
            "reopen_form": reopen_form,
            "evidence": rec.task.attachments.all() if rec.task else [],
            "history": history_for(rec),
        },
    )


# -- reviews ------------------------------------------------------------------------------------


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    return render_list(
        request,
        queryset=selectors.reviews_for_user(request.user),
        columns=REVIEW_COLUMNS,
        filterset_class=ReviewFilter,
        title=_("Document reviews"),
        export_name="reviews",
        empty_message=_("No review yet."),
        template="registers/list.html",
        context={
            "create_url": "registers:review_create"
            if _keeps_documents(request.user, agency)
            else None
        },
    )


@login_required
def review_create(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    if not _keeps_documents(request.user, agency):
        raise PermissionDenied
    form = ReviewForm(
        request.POST or None,
        units=_document_units(request.user, agency),
        initial={"done_on": today()},
    )
    if request.method == "POST" and form.is_valid():
        review = call_service(
            form,
            lambda: services.review_create(actor=request.user, agency=agency, **form.cleaned_data),
        )
        if review:
            messages.success(request, _("Review saved."))
            return redirect(review)
    return render(
        request,
        "registers/form.html",
        {"form": form, "title": _("Add a document review"), "cancel_url": "/registers/reviews/"},
    )


@login_required
def review_detail(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, agency, code)
    may_change = can(request.user, Action.CHANGE, review)
    form = VerdictForm(
        request.POST or None,
        documents=LegalDocument.objects.filter(agency=review.agency, issued_on__isnull=False),
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid() and call_service(
            form,
            lambda: services.review_add_verdict(
                actor=request.user, review=review, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Verdict saved."))
            return redirect(review)
    return render(
        request,
        "registers/review_detail.html",
        {
            "review": review,
            "title": review.title,
            "may_change": may_change,
            "items": review.items.select_related("document"),
            "recommendations": review.recommendations.select_related("unit"),
            "form": form,
            "history": history_for(review),
        },
    )


# -- file imports ---------------------------------------------------------------------------


@login_required
def import_file(request: HttpRequest) -> HttpResponse:
    """Upload a drafting plan, inspections or recommendations file (all or nothing by default)."""
    agencies = uploads.agencies_for_import(request.user)
    if not agencies.exists():
        raise PermissionDenied
    kinds = [
        (kind, label)
        for kind, (label, _importer, allowed) in uploads.KINDS.items()
        if any(allowed(request.user, a.pk) for a in agencies)
    ]
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        kinds=kinds,
        agencies=agencies,
        initial={"kind": request.GET.get("kind") or kinds[0][0]},
    )
    result = errors = None
    if request.method == "POST" and form.is_valid():
        kind, agency = form.cleaned_data["kind"], form.cleaned_data["agency"]
        upload = form.cleaned_data["file"]
        _label, importer, allowed = uploads.KINDS[kind]
        if not allowed(request.user, agency.pk):
            form.add_error("agency", _("You may not import this kind of file for this agency."))
        else:
            try:
                result = importer(
                    upload,
                    agency=agency,
                    actor=request.user,
                    filename=upload.name,
                    skip_invalid=form.cleaned_data["skip_invalid"],
                )
            except (tabular.TableError, DomainError) as exc:
                form.add_error("file", str(exc))
            except tabular.ImportRefused as exc:
                errors = tabular.format_errors(exc.errors, screen=True)
    return render(
        request,
        "registers/import.html",
        {
            "form": form,
            "result": result,
            "errors": errors,
            "title": _("Import a register file"),
            "headers": [(label, uploads.HEADERS[kind]) for kind, label in kinds],
        },
    )
