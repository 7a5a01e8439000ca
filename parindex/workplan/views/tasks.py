"""Task lists, plans, task detail (status, progress, files, comments, history)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parindex.audit.selectors import history_for
from parindex.common.errors import DomainError
from parindex.common.forms import call_service, form_page
from parindex.common.listing import Column, render_list
from parindex.org import access
from parindex.org.access import Action, can
from parindex.org.models import Agency, Unit
from parindex.workplan import selectors, services
from parindex.workplan.choices import PlanType
from parindex.workplan.criteria import criterion_links
from parindex.workplan.filters import PlanFilter, TaskFilter
from parindex.workplan.forms import (
    AttachmentForm,
    CommentForm,
    PlanForm,
    StatusForm,
    TaskForm,
    TemplateForm,
)
from parindex.workplan.models import MANAGE
from parindex.workplan.models import today as local_today
from parindex.workplan.services.imports import parse_due
from parindex.workplan.views.boards import rate_text


def _people(task) -> str:
    return ", ".join(u.display_name for u in task.assignees.all())


def _cooperating(task) -> str:
    return ", ".join(u.code for u in task.cooperating_units.all())


TASK_COLUMNS = (
    Column(gettext_lazy("Task"), "title", link=True),
    Column(gettext_lazy("Plan"), "plan.code"),
    Column(gettext_lazy("Lead unit"), "lead_unit.code"),
    Column(gettext_lazy("Cooperating units"), _cooperating),
    Column(gettext_lazy("Assignees"), _people),
    Column(gettext_lazy("Due date"), "due_date"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(gettext_lazy("Progress (%)"), "progress", numeric=True),
    Column(gettext_lazy("Deadline"), "state_label"),
    Column(gettext_lazy("Done on"), "done_at"),
    Column(gettext_lazy("Expected output"), "expected_output"),
)

PLAN_COLUMNS = (
    Column(gettext_lazy("Code"), "code", link=True),
    Column(gettext_lazy("Title"), "title", link=True),
    Column(gettext_lazy("Type"), "get_plan_type_display"),
    Column(gettext_lazy("Year"), lambda o: str(o.year)),
    Column(gettext_lazy("Document number"), "doc_number"),
    Column(gettext_lazy("Document date"), "doc_date"),
    Column(gettext_lazy("Tasks"), "task_count", numeric=True),
    Column(gettext_lazy("Done"), "done_count", numeric=True),
    Column(gettext_lazy("Status"), "get_status_display"),
)


def _task_list(request, queryset, title, export_name, empty):
    return render_list(
        request,
        queryset=queryset,
        columns=TASK_COLUMNS,
        filterset_class=TaskFilter,
        title=title,
        export_name=export_name,
        empty_message=empty,
        template="workplan/task_list.html",
        context={
            "may_plan": access.may_create(request.user) or access.heads_any_unit(request.user)
        },
    )


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    return _task_list(
        request,
        selectors.my_tasks(request.user),
        _("My tasks"),
        "my-tasks",
        _("No task is assigned to you."),
    )


@login_required
def unit_tasks(request: HttpRequest) -> HttpResponse:
    return _task_list(
        request,
        selectors.unit_tasks(request.user),
        _("My unit's tasks"),
        "unit-tasks",
        _("Your unit has no task here."),
    )


@login_required
def all_tasks(request: HttpRequest) -> HttpResponse:
    return _task_list(
        request,
        selectors.tasks_for_user(request.user),
        _("All tasks"),
        "tasks",
        _("No task to show."),
    )


# Plans --------------------------------------------------------------------------------------


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.plans_for_user(request.user),
        columns=PLAN_COLUMNS,
        filterset_class=PlanFilter,
        title=_("Plans"),
        export_name="plans",
        empty_message=_("No plan yet. The PAR secretariat creates the year's plans."),
        template="workplan/plan_list.html",
        context={"can_create": access.may_create(request.user)},
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.restrict(request.user, Action.CHANGE)
    if not agencies.exists():
        raise PermissionDenied
    form = PlanForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        initial={"year": local_today().year, "agency": agencies.first()},
    )
    return form_page(
        request,
        form,
        lambda data: services.plan_create(actor=request.user, **data),
        _("Plan created."),
        {"title": _("New plan")},
        template="workplan/form.html",
    )


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk, write=True)
    initial = {f: getattr(plan, f) for f in services.PLAN_FIELDS if f != "doc_file"}
    form = PlanForm(request.POST or None, request.FILES or None, initial=initial, editing=True)
    return form_page(
        request,
        form,
        lambda data: services.plan_update(actor=request.user, plan=plan, **data),
        _("Plan saved."),
        {"title": _("Edit plan"), "cancel_url": plan.get_absolute_url()},
        template="workplan/form.html",
        then=plan,
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    tasks = selectors.tasks_for_user(request.user).filter(plan=plan)
    if request.GET.get("export") in ("csv", "xlsx"):
        return render_list(
            request,
            queryset=tasks,
            columns=TASK_COLUMNS,
            filterset_class=TaskFilter,
            title=plan.code,
            export_name=plan.code,
        )
    rows = selectors.board(request.user, plan.agency, plan=plan)
    return render_list(
        request,
        queryset=tasks,
        columns=TASK_COLUMNS,
        filterset_class=TaskFilter,
        title=str(plan),
        export_name=plan.code,
        template="workplan/plan_detail.html",
        empty_message=_("This plan has no task yet."),
        context={
            "plan": plan,
            "completion": selectors.plan_completion(plan),
            "on_time_rate": rate_text(
                selectors.on_time_rate(plan.agency, None, plan.year, plan=plan)
            ),
            "board_rows": [r for r in rows if r.total],
            "can_change": can(request.user, Action.CHANGE, plan),
            "can_add_task": plan.status != "closed"
            and (
                access.may_manage_agency(request.user, plan.agency_id)
                or Unit.objects.filter(
                    agency=plan.agency, pk__in=access.head_unit_ids(request.user)
                ).exists()
            ),
            "has_template": plan.plan_type in (PlanType.HALF_YEAR_REVIEW, PlanType.INSPECTION),
            "history": history_for(plan),
        },
    )


def _parse_inspections(plan, text: str) -> list[tuple[Unit, dt.date]]:
    result = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        code, _sep, when = line.strip().partition(" ")
        unit = Unit.objects.filter(agency_id=plan.agency_id, code=code.strip().upper()).first()
        if unit is None:
            raise DomainError(
                _("Line %(n)s: no unit %(code)s.") % {"n": number, "code": code},
                field="inspections",
            )
        try:
            result.append((unit, parse_due(when.strip(), plan.year)))
        except ValueError:
            raise DomainError(
                _("Line %(n)s: write the date as dd/mm/yyyy.") % {"n": number}, field="inspections"
            ) from None
    return result


@login_required
def plan_apply_template(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk, write=True)
    form = TemplateForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def run():
            return services.plan_apply_template(
                actor=request.user,
                plan=plan,
                lead_unit=data["lead_unit"],
                anchor=data.get("anchor"),
                inspections=_parse_inspections(plan, data.get("inspections", "")),
            )

        created = call_service(form, run)
        if created is not None:
            messages.success(
                request, _("%(n)s tasks added from the template.") % {"n": len(created)}
            )
            return redirect(plan)
    return render(
        request,
        "workplan/form.html",
        {
            "form": form,
            "title": _("Add the template's tasks"),
            "cancel_url": plan.get_absolute_url(),
        },
    )


# Tasks --------------------------------------------------------------------------------------


def _lead_units_for(user, plan):
    units = Unit.objects.filter(agency_id=plan.agency_id, is_active=True)
    return units.restrict(user, Action.CHANGE)


@login_required
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    lead_units = _lead_units_for(request.user, plan)
    if not lead_units.exists():
        raise PermissionDenied
    form = TaskForm(
        request.POST or None,
        plan=plan,
        lead_units=lead_units,
        initial={"lead_unit": lead_units.first()},
    )
    return form_page(
        request,
        form,
        lambda data: services.task_create(actor=request.user, plan=plan, **data),
        _("Task created."),
        {
            "title": _("New task in %(plan)s") % {"plan": plan.code},
            "cancel_url": plan.get_absolute_url(),
        },
        template="workplan/form.html",
    )


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    if not can(request.user, MANAGE, task):
        raise PermissionDenied
    initial = {f: getattr(task, f) for f in services.TASK_FIELDS}
    initial["criteria"] = task.criteria_text()
    initial["cooperating_units"] = list(task.cooperating_units.all())
    initial["assignees"] = list(task.assignees.all())
    form = TaskForm(
        request.POST or None,
        plan=task.plan,
        lead_units=_lead_units_for(request.user, task.plan)
        | Unit.objects.filter(pk=task.lead_unit_id),
        initial=initial,
    )
    return form_page(
        request,
        form,
        lambda data: services.task_update(actor=request.user, task=task, **data),
        _("Task saved."),
        {"title": _("Edit task"), "cancel_url": task.get_absolute_url()},
        template="workplan/form.html",
        then=task,
    )


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    may_report = can(request.user, Action.CHANGE, task)
    may_manage = can(request.user, MANAGE, task)
    may_comment = may_report or access.is_leader_of(request.user, task.agency_id)
    status_form = StatusForm(
        initial={"status": task.status, "progress": task.manual_progress, "done_at": task.done_at},
        may_cancel=may_manage,
    )
    file_form, comment_form = AttachmentForm(), CommentForm()
    if request.method == "POST":
        what = request.POST.get("form")
        if what == "status" and may_report:
            status_form = StatusForm(request.POST, may_cancel=may_manage)
            if status_form.is_valid() and call_service(
                status_form,
                lambda: services.task_set_status(
                    actor=request.user, task=task, **status_form.cleaned_data
                ),
            ):
                messages.success(request, _("Status saved."))
                return redirect(task)
        elif what == "file" and may_report:
            file_form = AttachmentForm(request.POST, request.FILES)
            if file_form.is_valid() and call_service(
                file_form,
                lambda: services.task_add_attachment(
                    actor=request.user, task=task, **file_form.cleaned_data
                ),
            ):
                messages.success(request, _("File added."))
                return redirect(task)
        elif what == "comment" and may_comment:
            comment_form = CommentForm(request.POST)
            if comment_form.is_valid() and call_service(
                comment_form,
                lambda: services.task_comment(
                    actor=request.user, task=task, body=comment_form.cleaned_data["body"]
                ),
            ):
                return redirect(task)
        else:
            raise PermissionDenied
    return render(
        request,
        "workplan/task_detail.html",
        {
            "task": task,
            "title": task.title,
            "criteria_links": criterion_links(task, request.user),
            "status_form": status_form,
            "file_form": file_form,
            "comment_form": comment_form,
            "may_report": may_report,
            "may_manage": may_manage,
            "may_comment": may_comment,
            "attachments": task.attachments.select_related("uploaded_by"),
            "comments": task.comments.select_related("author"),
            "cooperating": task.cooperating_units.all(),
            "assignees": task.assignees.all(),
            "occurrences": task.occurrences.order_by("occurrence")[:24],
            "history": history_for(task),
        },
    )
