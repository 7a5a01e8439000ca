"""Feedback (PAKN): the public form and look-up, and the staff's list and detail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from parindex.audit.selectors import history_for
from parindex.citizens import selectors
from parindex.citizens.choices import FeedbackState
from parindex.citizens.filters import FeedbackFilter
from parindex.citizens.forms import (
    FeedbackAnswerForm,
    FeedbackAssignForm,
    FeedbackForm,
    FeedbackLookupForm,
    FeedbackSettingsForm,
)
from parindex.citizens.models import ANSWER, ASSIGN, PUBLISH, FeedbackItem
from parindex.citizens.public import is_robot, max_body, rate_limited
from parindex.citizens.services import feedback as services
from parindex.citizens.tables import FEEDBACK_COLUMNS
from parindex.common.forms import call_service, form_page
from parindex.common.listing import render_list
from parindex.org import access
from parindex.org.access import can
from parindex.org.models import Agency

#: The form's text plus a 5 MB attachment and the multipart overhead.
FEEDBACK_BODY_LIMIT = 5 * 1024 * 1024 + 64 * 1024
FEEDBACK_POSTS_PER_HOUR = 5
LOOKUPS_PER_10_MINUTES = 30


@never_cache
@require_http_methods(["GET", "POST"])
@max_body(FEEDBACK_BODY_LIMIT)
@rate_limited("feedback", FEEDBACK_POSTS_PER_HOUR, 3600)
def public_feedback(request: HttpRequest, agency: str) -> HttpResponse:
    the_agency = get_object_or_404(Agency, code=agency, is_active=True)
    form = FeedbackForm(request.POST or None, request.FILES or None, agency=the_agency)
    if request.method == "POST" and form.is_valid():
        if is_robot(request):
            # A robot: pretend it worked, store nothing.
            return render(
                request,
                "citizens/public/feedback_sent.html",
                {"agency": the_agency, "code": None},
            )
        data = form.cleaned_data
        item = call_service(
            form,
            lambda: services.feedback_submit(
                agency=the_agency,
                kind=data["kind"],
                subject=data["subject"],
                content=data["content"],
                procedure=data.get("procedure"),
                contact_name=data.get("contact_name") or "",
                contact_phone=data.get("contact_phone") or "",
                contact_email=data.get("contact_email") or "",
                attachment=data.get("attachment"),
            ),
        )
        if item is not None:
            return render(
                request,
                "citizens/public/feedback_sent.html",
                {"agency": the_agency, "code": item.code, "due_on": item.due_on},
            )
    return render(
        request,
        "citizens/public/feedback_form.html",
        {"form": form, "agency": the_agency, "title": _("Send feedback")},
    )


@never_cache
@rate_limited("feedback-lookup", LOOKUPS_PER_10_MINUTES, 600, methods=("GET",))
def public_lookup(request: HttpRequest) -> HttpResponse:
    form = FeedbackLookupForm(request.GET or None)
    item = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        item = (
            FeedbackItem.objects.select_related("agency")
            .filter(code=form.cleaned_data["code"].strip().upper())
            .first()
        )
    return render(
        request,
        "citizens/public/feedback_lookup.html",
        {
            "form": form,
            "item": item,
            "searched": searched,
            "agency": item.agency if item else None,
            "title": _("Look up your feedback"),
        },
    )


@login_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.feedback_for_user(request.user),
        columns=FEEDBACK_COLUMNS,
        filterset_class=FeedbackFilter,
        title=_("Feedback on procedures"),
        export_name="feedback",
        template="citizens/feedback_list.html",
        empty_message=_("No feedback yet."),
        context={
            "public_agencies": selectors.feedback_agencies(request.user),
            "settings_agencies": [
                a
                for a in selectors.feedback_agencies(request.user)
                if access.may_manage_agency(request.user, a)
            ],
        },
    )


@login_required
def feedback_detail(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.get_feedback_for_user(request.user, code)
    return render(
        request,
        "citizens/feedback_detail.html",
        {
            "item": item,
            "title": item.code,
            "overdue": item.is_overdue(timezone.localdate()),
            "assign_form": FeedbackAssignForm(agency=item.agency, initial={"unit": item.unit_id})
            if can(request.user, ASSIGN, item) and item.is_open
            else None,
            "answer_form": FeedbackAnswerForm(initial={"answer": item.answer})
            if can(request.user, ANSWER, item) and item.state != FeedbackState.PUBLISHED
            else None,
            "can_publish": item.state == FeedbackState.ANSWERED
            and can(request.user, PUBLISH, item),
            "history": history_for(item),
        },
    )


def _act(request: HttpRequest, code: str, form, service) -> HttpResponse:
    item = selectors.get_feedback_for_user(request.user, code)
    if form is not None and not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect(item.get_absolute_url())
    done = call_service(form, lambda: service(item)) if form is not None else service(item)
    if done is None and form is not None:
        messages.error(request, "; ".join(" ".join(e) for e in form.errors.values()))
    else:
        messages.success(request, _("Saved."))
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def feedback_assign(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.get_feedback_for_user(request.user, code)
    form = FeedbackAssignForm(request.POST, agency=item.agency)
    return _act(
        request,
        code,
        form,
        lambda it: services.feedback_assign(
            actor=request.user, item=it, unit=form.cleaned_data["unit"]
        ),
    )


@login_required
@require_POST
def feedback_answer(request: HttpRequest, code: str) -> HttpResponse:
    form = FeedbackAnswerForm(request.POST)
    return _act(
        request,
        code,
        form,
        lambda it: services.feedback_answer(
            actor=request.user, item=it, answer=form.cleaned_data["answer"]
        ),
    )


@login_required
@require_POST
def feedback_publish(request: HttpRequest, code: str) -> HttpResponse:
    form = FeedbackAnswerForm({"answer": "-"})
    return _act(
        request, code, form, lambda it: services.feedback_publish(actor=request.user, item=it)
    )


@login_required
def feedback_attachment(request: HttpRequest, code: str) -> HttpResponse:
    """The sender's attachment: to staff who may see the item, always as a download."""
    item = selectors.get_feedback_for_user(request.user, code)
    if not item.attachment:
        raise Http404
    response = FileResponse(
        item.attachment.open("rb"),
        as_attachment=True,
        filename=f"{item.code}{_extension(item.attachment_type)}",
        content_type=item.attachment_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _extension(content_type: str) -> str:
    return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(
        content_type, ""
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_settings(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=agency_code)
    if not access.may_manage_agency(request.user, agency):
        raise PermissionDenied
    current = services.settings_for(agency)
    form = FeedbackSettingsForm(
        request.POST or None,
        initial={"answer_days": current.answer_days, "remind_days": current.remind_days},
    )
    return form_page(
        request,
        form,
        lambda data: services.feedback_settings_update(actor=request.user, agency=agency, **data),
        _("Saved."),
        {
            "title": _("Feedback deadlines of %(agency)s") % {"agency": agency.code},
            "cancel_url": "/",
            "history": history_for(current) if current.pk else None,
        },
        then="citizens:feedback_list",
    )
