"""The legal documents of the drafting plan and their reviews; the registers' front page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from parindex.audit.selectors import history_for
from parindex.common.forms import form_page
from parindex.common.listing import render_list
from parindex.org.access import Action, can
from parindex.org.models import Agency, Unit
from parindex.org.selectors import default_agency_for_user
from parindex.registers import figures, selectors, services, uploads
from parindex.registers.choices import RecommendationState
from parindex.registers.filters import (
    DocumentFilter,
    ReviewFilter,
)
from parindex.registers.forms import (
    DocumentForm,
    ReviewForm,
    VerdictForm,
)
from parindex.registers.models import LegalDocument, today
from parindex.registers.services.documents import DOCUMENT_FIELDS
from parindex.registers.tables import (
    DOCUMENT_COLUMNS,
    REVIEW_COLUMNS,
)
from parindex.registers.views._common import (
    _agency,
    _document_units,
    _keeps_documents,
    _year,
)


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
    return form_page(
        request,
        form,
        lambda data: services.document_create(actor=request.user, agency=agency, **data),
        _("Document saved."),
        {"title": _("Add a legal document"), "cancel_url": "/registers/documents/"},
        template="registers/form.html",
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
    return form_page(
        request,
        form,
        lambda data: services.document_update(actor=request.user, document=document, **data),
        _("Document saved."),
        {
            "title": _("Edit %(code)s") % {"code": document.code},
            "cancel_url": document.get_absolute_url(),
            "history": history_for(document),
        },
        template="registers/form.html",
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
    return form_page(
        request,
        form,
        lambda data: services.review_create(actor=request.user, agency=agency, **data),
        _("Review saved."),
        {"title": _("Add a document review"), "cancel_url": "/registers/reviews/"},
        template="registers/form.html",
    )


@login_required
def review_detail(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, agency, code)
    may_change = can(request.user, Action.CHANGE, review)
    form = VerdictForm(
        request.POST or None,
        documents=LegalDocument.objects.filter(agency=review.agency, issued_on__isnull=False),
    )
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    return form_page(
        request,
        form,
        lambda data: services.review_add_verdict(actor=request.user, review=review, **data),
        _("Verdict saved."),
        {
            "review": review,
            "title": review.title,
            "may_change": may_change,
            "items": review.items.select_related("document"),
            "recommendations": review.recommendations.select_related("unit"),
            "history": history_for(review),
        },
        template="registers/review_detail.html",
    )
