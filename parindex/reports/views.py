"""Report screens: list, create, edit, preview, issue, download, supersede; inbox, schedules."""

from __future__ import annotations

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
from parindex.common.db import reads_from_replica
from parindex.common.errors import DomainError
from parindex.common.forms import call_service, form_page
from parindex.common.listing import Column, render_list
from parindex.jobs import services as jobs
from parindex.org.models import User
from parindex.reports import documents, files, selectors, services
from parindex.reports.api import file_response, stored_file_response
from parindex.reports.choices import FileState
from parindex.reports.filters import RunFilter
from parindex.reports.forms import (
    MAX_CONCLUSIONS,
    IssueForm,
    RunCreateForm,
    ScheduleForm,
    SectionsForm,
    conclusion_formset,
    conclusion_row,
)
from parindex.reports.models import ReportRun
from parindex.reports.registry import get_type


def _type_label(obj) -> str:
    try:
        return str(get_type(obj.type_key).label)
    except DomainError:
        return obj.type_key


RUN_COLUMNS = (
    Column(gettext_lazy("Number"), lambda r: r.reference if r.number else "", link=True),
    Column(gettext_lazy("Summary"), "summary", link=True),
    Column(gettext_lazy("Report type"), _type_label),
    Column(gettext_lazy("Period"), lambda r: r.period.label),
    Column(gettext_lazy("Agency"), "agency.code"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(gettext_lazy("Issue date"), "issued_on"),
)


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.runs_for_user(request.user),
        columns=RUN_COLUMNS,
        filterset_class=RunFilter,
        title=_("Reports"),
        export_name="reports",
        empty_message=_("No report yet. The secretariat creates one from a type and a period."),
        context={"can_create": selectors.agencies_managed_by(request.user).exists()},
        template="reports/run_list.html",
    )


@login_required
def run_create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agencies_managed_by(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = RunCreateForm(
        request.POST or None,
        agencies=agencies,
        initial={"report_type": request.GET.get("type"), "period": request.GET.get("period")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        run = call_service(
            form,
            lambda: services.run_create(
                actor=request.user,
                agency=data["agency"],
                type_key=data["report_type"],
                period=data["period"],
            ),
        )
        if run:
            messages.success(request, _("Draft created; the figures are frozen as of now."))
            return redirect("reports:edit", run.uuid)
    return render(
        request,
        "generic/form.html",
        {"form": form, "title": _("New report"), "cancel_url": "/reports/"},
    )


def _preview_context(run: ReportRun) -> dict:
    head = documents.letterhead(run)
    from parindex.reports.formatting import document_date

    return {
        "head": head,
        "date_line": document_date(head.place, head.issue_date, head.year),
        "content": documents.content(run),
        "recipient_lines": [f"- {r.rstrip(';.')};" for r in head.recipients]
        + [f"- {head.archive_line}"],
        "authority_lines": [
            line.upper() for line in head.signer_authority.splitlines() if line.strip()
        ],
    }


@login_required
def run_detail(request: HttpRequest, uuid) -> HttpResponse:
    run = selectors.get_run_for_user(request.user, uuid)
    can_manage = services.may_manage(request.user, run.agency)
    for delivery in selectors.inbox_for_user(request.user).filter(run=run, read_at__isnull=True):
        services.delivery_mark_read(actor=request.user, delivery=delivery)
    return render(
        request,
        "reports/run_detail.html",
        {
            "run": run,
            "can_manage": can_manage,
            "history": history_for(run),
            "pdf_available": documents.pdf_available(),
            "assignments": run.report_type.assignments(run)
            if run.report_type.has_conclusions
            else None,
            **_preview_context(run),
        },
    )


@login_required
@reads_from_replica
def run_preview(request: HttpRequest, uuid) -> HttpResponse:
    run = selectors.get_run_for_user(request.user, uuid)
    return render(request, "reports/run_preview.html", {"run": run, **_preview_context(run)})


@login_required
def run_edit(request: HttpRequest, uuid) -> HttpResponse:
    run = selectors.get_run_for_user(request.user, uuid, write=True)
    if not run.is_draft:
        messages.error(request, _("An issued report cannot change; supersede it with a new draft."))
        return redirect(run)
    has_conclusions = run.report_type.has_conclusions
    form = SectionsForm(request.POST or None, run=run)
    formset = conclusion_formset(run, request.POST or None) if has_conclusions else None
    if request.method == "POST":
        valid = form.is_valid() and (formset is None or formset.is_valid())
        saved = None
        if valid:
            conclusions = None
            if formset is not None:
                conclusions = [
                    {
                        "text": f.cleaned_data.get("text", ""),
                        "units": f.cleaned_data.get("units") or [],
                        "deadline": f.cleaned_data.get("deadline"),
                    }
                    for f in formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")
                ]
            saved = call_service(
                form,
                lambda: services.run_update_sections(
                    actor=request.user,
                    run=run,
                    sections=form.sections(),
                    summary=form.cleaned_data["summary"],
                    conclusions=conclusions,
                ),
            )
        if request.htmx:
            return render(
                request,
                "reports/_autosave.html",
                {"saved": saved is not None, "form": form, "now": timezone.localtime()},
            )
        if saved is not None:
            messages.success(request, _("Report text saved."))
            return redirect(run)
    return render(
        request,
        "reports/run_edit.html",
        {"run": run, "form": form, "formset": formset, "title": _("Edit report text")},
    )


@login_required
def conclusion_row_add(request: HttpRequest, uuid) -> HttpResponse:
    """An empty conclusion row for the notice editor, added in place (htmx)."""
    run = selectors.get_run_for_user(request.user, uuid, write=True)
    if not (run.is_draft and run.report_type.has_conclusions):
        raise Http404
    try:
        index = int(request.GET.get("index", ""))
    except ValueError:
        raise Http404 from None
    if not 0 <= index < MAX_CONCLUSIONS:
        return HttpResponse(
            _("A notice holds at most %(max)d conclusions.") % {"max": MAX_CONCLUSIONS},
            status=422,
        )
    return render(
        request,
        "reports/_conclusion_row.html",
        {"run": run, "f": conclusion_row(run, index), "n": index + 1, "next": index + 1},
    )


@login_required
def run_issue(request: HttpRequest, uuid) -> HttpResponse:
    run = selectors.get_run_for_user(request.user, uuid, write=True)
    if not run.is_draft:
        messages.error(request, _("This report is already issued."))
        return redirect(run)
    today = timezone.localdate()
    form = IssueForm(
        request.POST or None,
        initial={
            "number": services.next_number(run.agency, run.type_code, today.year),
            "issued_on": today,
            "signer_name": run.signer_name,
            "signer_authority": run.signer_authority or run.report_type.default_authority,
            "recipients": "\n".join(run.recipients or []),
        },
    )
    return form_page(
        request,
        form,
        lambda data: services.run_issue(
            actor=request.user,
            run=run,
            number=data["number"],
            issued_on=data["issued_on"],
            signer_name=data["signer_name"],
            signer_authority=data["signer_authority"],
            recipients=form.recipient_list(),
        ),
        _("Report issued."),
        {
            "title": _("Issue %(summary)s") % {"summary": run.summary},
            "cancel_url": run.get_absolute_url(),
        },
    )


@login_required
@reads_from_replica
def run_download(request: HttpRequest, uuid, fmt: str) -> HttpResponse:
    run = selectors.get_run_for_user(request.user, uuid)
    if fmt == files.PDF:
        # Made by the worker (docs/jobs.md): served when ready, else its status page.
        file = files.report_file_request(actor=request.user, run=run)
        if file.state == FileState.DONE:
            return stored_file_response(run, file)
        return redirect("reports:pdf", run.uuid)
    response = file_response(run, fmt)
    if response is None:
        raise Http404
    return response


@login_required
def run_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """The PDF's progress (polled by htmx), its failure in words, and "try again"."""
    run = selectors.get_run_for_user(request.user, uuid)
    if request.method == "POST":
        files.report_file_request(actor=request.user, run=run, again=True)
        return redirect("reports:pdf", run.uuid)
    file = files.report_file_current(run)
    if file is None:
        return redirect("reports:download", run.uuid, files.PDF)
    if file.is_pending and jobs.reap_quietly():
        file.refresh_from_db()
    context = {
        "run": run,
        "file": file,
        "no_worker": file.state == FileState.QUEUED and not jobs.any_worker_alive(),
    }
    if getattr(request, "htmx", False):
        return render(request, "reports/_pdf_status.html", context)
    return render(request, "reports/run_pdf.html", context)


# The buttons of a run's page (the URL names them): the service each calls, what is said once
# it is done. The service's result (a new draft) is shown next, else the list.
RUN_ACTIONS = {
    "supersede": (services.run_supersede, gettext_lazy("A new draft replaces the issued report.")),
    "refresh": (services.run_refresh, gettext_lazy("Figures frozen again as of now.")),
    "delete": (services.run_delete, gettext_lazy("Draft deleted.")),
}


@login_required
@require_POST
def run_action(request: HttpRequest, uuid, action: str) -> HttpResponse:
    service, done = RUN_ACTIONS[action]
    run = selectors.get_run_for_user(request.user, uuid, write=True)
    try:
        result = service(actor=request.user, run=run)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(run)
    messages.success(request, done)
    return redirect(result) if result is not None else redirect("reports:index")


INBOX_COLUMNS = (
    Column(gettext_lazy("Delivered at"), "created_at"),
    Column(gettext_lazy("Summary"), "run.summary", link=True),
    Column(gettext_lazy("Agency"), "run.agency.code"),
    Column(gettext_lazy("Period"), lambda d: d.run.period.label),
    Column(gettext_lazy("E-mailed"), lambda d: d.emailed_at is not None),
    Column(gettext_lazy("Read"), lambda d: d.read_at is not None),
)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    deliveries = selectors.inbox_for_user(request.user)
    return render_list(
        request,
        queryset=deliveries,
        columns=INBOX_COLUMNS,
        title=_("My reports inbox"),
        export_name="inbox",
        empty_message=_("Scheduled reports sent to you appear here."),
        template="reports/inbox.html",
    )


@login_required
def schedule_list(request: HttpRequest) -> HttpResponse:
    schedules = selectors.schedules_for_user(request.user)
    return render(
        request,
        "reports/schedule_list.html",
        {
            "title": _("Scheduled reports"),
            "schedules": [(s, _type_label(s)) for s in schedules],
            "can_create": selectors.agencies_managed_by(request.user).exists(),
        },
    )


@login_required
def schedule_create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agencies_managed_by(request.user)
    if not agencies.exists():
        raise PermissionDenied
    people = User.objects.restrict(request.user).filter(is_active=True).order_by("username")
    form = ScheduleForm(request.POST or None, agencies=agencies, people=people)
    return form_page(
        request,
        form,
        lambda data: services.schedule_create(
            actor=request.user,
            agency=data["agency"],
            type_key=data["report_type"],
            frequency=data["frequency"],
            recipients=list(data["recipients"]),
        ),
        _("Schedule saved."),
        {"title": _("New scheduled report"), "cancel_url": "/reports/schedules/"},
        then="reports:schedules",
    )


@login_required
@require_POST
def schedule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = selectors.get_schedule_for_user(request.user, pk, write=True)
    services.schedule_delete(actor=request.user, schedule=schedule)
    messages.success(request, _("Schedule deleted."))
    return redirect("reports:schedules")
