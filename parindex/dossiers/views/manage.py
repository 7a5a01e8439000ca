"""Screens of the secretariat: working calendar and imports (history, upload, progress)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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

from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.common.forms import call_service
from parindex.common.listing import Column, render_list
from parindex.common.periods import year_param
from parindex.dossiers import selectors, services
from parindex.dossiers.choices import ImportKind, ImportState
from parindex.dossiers.forms import (
    CalendarDayForm,
    CalendarImportForm,
    ImportForm,
)
from parindex.dossiers.models import CalendarDay
from parindex.dossiers.selectors import work_calendar
from parindex.dossiers.services.runs import read_progress
from parindex.jobs import services as jobs
from parindex.org import access
from parindex.org.access import Action, may_set_national_calendar, scope_for

# -- calendar --------------------------------------------------------------------------------


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    if not access.sees_agencies(request.user):
        raise PermissionDenied
    year = year_param(request.GET.get("year"), timezone.localdate().year)
    may_edit = may_set_national_calendar(request.user)
    form = CalendarDayForm(request.POST or None) if may_edit else None
    import_form = CalendarImportForm() if may_edit else None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            if call_service(
                form,
                lambda: services.calendar_day_set(
                    actor=request.user, day=data["day"], working=data["working"], note=data["note"]
                ),
            ):
                messages.success(request, _("Calendar day saved."))
                return redirect(f"{request.path}?year={data['day'].year}")
    cal = work_calendar()
    holidays = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        name = cal.holiday_name(day)
        if name and day.weekday() < 5:
            holidays.append((day, name))
        day += dt.timedelta(days=1)
    return render(
        request,
        "dossiers/calendar.html",
        {
            "year": year,
            "days": selectors.calendar_days(year),
            "holidays": holidays,
            "form": form,
            "import_form": import_form,
            "may_edit": may_edit,
        },
    )


@login_required
@require_POST
def calendar_delete(request: HttpRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(CalendarDay.objects.restrict(request.user, Action.DELETE), pk=pk)
    services.calendar_day_delete(actor=request.user, day=day)
    messages.success(request, _("Calendar day removed."))
    return redirect(f"{reverse('dossiers:calendar')}?year={day.day.year}")


@login_required
@require_POST
def calendar_import(request: HttpRequest) -> HttpResponse:
    if not may_set_national_calendar(scope_for(request.user)):
        raise PermissionDenied
    form = CalendarImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_calendar(upload, actor=request.user, filename=upload.name)
            messages.success(request, result.screen_summary())
        except (tabular.TableError, DomainError) as exc:
            messages.error(request, str(exc))
        except tabular.ImportRefused as exc:
            messages.error(request, "; ".join(exc.lines(10)))
    return redirect("dossiers:calendar")


# -- imports ---------------------------------------------------------------------------------

IMPORT_COLUMNS = (
    Column(gettext_lazy("Started at"), "created_at", link=True),
    Column(gettext_lazy("File"), "file_name", link=True),
    Column(gettext_lazy("Kind"), "get_kind_display"),
    Column(gettext_lazy("Agency"), "agency.code"),
    Column(gettext_lazy("By"), lambda r: r.created_by.display_name if r.created_by else "system"),
    Column(gettext_lazy("State"), "get_state_display"),
    Column(gettext_lazy("Created"), "created", numeric=True),
    Column(gettext_lazy("Updated"), "updated", numeric=True),
    Column(gettext_lazy("Unchanged"), "unchanged", numeric=True),
    Column(gettext_lazy("Rejected"), "rejected", numeric=True),
    Column(gettext_lazy("SHA-256"), lambda r: r.sha256[:12]),
)


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if not access.may_create(request.user):
        raise PermissionDenied
    agencies = [
        a
        for a in selectors.agencies_with_dossiers(request.user)
        if selectors.can_import(request.user, a)
    ]
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        initial={"kind": request.GET.get("kind") or ImportKind.DOSSIERS},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = next(a for a in agencies if a.code == data["agency"])
        upload = data["file"]
        run = call_service(
            form,
            lambda: services.import_run_start(
                actor=request.user,
                agency=agency,
                kind=data["kind"],
                upload=upload,
                file_name=upload.name,
                options={
                    "skip_invalid": data["skip_invalid"],
                    "create_procedures": data["create_procedures"],
                },
            ),
        )
        if run is not None:
            services.import_run_start_background(run, actor=request.user)
            return redirect(run)
    return render(
        request,
        "dossiers/import_upload.html",
        {
            "form": form,
            "runs": selectors.import_runs_for_user(request.user)[:10],
        },
    )


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.import_runs_for_user(request.user),
        columns=IMPORT_COLUMNS,
        title=_("Import history"),
        export_name="imports",
        empty_message=_("No import yet."),
    )


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(selectors.import_runs_for_user(request.user), pk=pk)
    if run.is_running and jobs.reap_quietly():
        # Its worker died (docs/jobs.md): show the failure now, not after the next beat.
        run.refresh_from_db()
    rows_done = read_progress(run) if run.is_running else run.rows_done
    percent = run.percent
    if run.is_running and run.rows_total:
        percent = min(99, int(rows_done * 100 / run.rows_total))
    context = {
        "run": run,
        "rows_done": rows_done,
        "percent": percent,
        "no_worker": run.state == ImportState.QUEUED and not jobs.any_worker_alive(),
    }
    if getattr(request, "htmx", False):
        return render(request, "dossiers/_import_progress.html", context)
    return render(request, "dossiers/import_detail.html", context)


@login_required
def import_rejected(request: HttpRequest, pk: int) -> FileResponse:
    run = get_object_or_404(selectors.import_runs_for_user(request.user), pk=pk)
    path = Path(run.rejected_file) if run.rejected_file else None
    if path is None or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
