"""Tasks of a plan: create, change, status and progress, files, comments, recurrence."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record, record_created, snapshot
from parindex.common.codes import code_key
from parindex.common.errors import DomainError, refuse_unknown
from parindex.org import access
from parindex.org.access import Action, can
from parindex.org.models import Membership, Unit, User
from parindex.workplan.choices import (
    MANUAL_PROGRESS_STATUSES,
    RECURRENCE_MONTHS,
    AttachmentKind,
    PlanStatus,
    Recurrence,
    TaskStatus,
)
from parindex.workplan.criteria import check_criteria
from parindex.workplan.hooks import task_status_changed
from parindex.workplan.models import CRITERION_CODE, MANAGE, Plan, Task, TaskAttachment, TaskComment
from parindex.workplan.models import today as local_today
from parindex.workplan.services._common import (
    check_file,
    heads_unit,
    is_secretariat,
    not_a_member,
    require,
)

TASK_FIELDS = (
    "title",
    "description",
    "lead_unit",
    "start_date",
    "due_date",
    "expected_output",
    "criteria",
    "criteria_year",
    "recurrence",
    "inspected_unit",
)
TASK_AUDIT = (*TASK_FIELDS, "status", "manual_progress", "done_at", "assigner")


def _task_snapshot(task: Task) -> dict[str, Any]:
    data = snapshot(task, TASK_AUDIT)
    if task.pk:
        data["cooperating_units"] = sorted(u.code for u in task.cooperating_units.all())
        data["assignees"] = sorted(u.username for u in task.assignees.all())
    return data


# Tasks --------------------------------------------------------------------------------------


def clean_criteria(codes: Iterable[str] | str | None) -> list[str]:
    """Criterion codes as a sorted list without repeats; each must look like 3, 3.2 or 3.2.1.

    Only the form is checked here: the scorecards app links the codes to the year's framework.
    """
    if codes is None:
        return []
    if isinstance(codes, str):
        codes = codes.replace(";", ",").split(",")
    result = []
    for code in codes:
        code = str(code).strip().rstrip(".")
        if not code:
            continue
        if not CRITERION_CODE.match(code):
            raise DomainError(
                _("“%(code)s” is not a criterion code (write it like 3.2.1).") % {"code": code},
                field="criteria",
            )
        if code not in result:
            result.append(code)
    return sorted(result, key=code_key)


def _check_people(agency_id: int, people: Sequence[User]) -> None:
    members = set(
        Membership.objects.filter(
            Q(agency_id=agency_id) | Q(unit__agency_id=agency_id),
            user__in=people,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    for person in people:
        if person.pk not in members:
            raise not_a_member(person.username, "assignees")


def _check_task(plan: Plan, data: dict[str, Any], cooperating: Sequence[Unit]) -> None:
    if not (data["title"] or "").strip():
        raise DomainError(_("A title is required."), field="title")
    lead = data["lead_unit"]
    if lead is None or lead.agency_id != plan.agency_id:
        raise DomainError(_("Choose a lead unit of the plan's agency."), field="lead_unit")
    if any(u.agency_id != plan.agency_id for u in cooperating):
        raise DomainError(
            _("Cooperating units must belong to the plan's agency."), field="cooperating_units"
        )
    inspected = data.get("inspected_unit")
    if inspected is not None and inspected.agency_id != plan.agency_id:
        raise DomainError(
            _("The unit inspected must belong to the plan's agency."), field="inspected_unit"
        )
    if data["due_date"] is None:
        raise DomainError(_("A due date is required."), field="due_date")
    if data.get("start_date") and data["start_date"] > data["due_date"]:
        raise DomainError(_("The start date cannot be after the due date."), field="start_date")
    if data.get("recurrence", "") not in Recurrence.values:
        raise DomainError(_("Unknown repetition."), field="recurrence")


def _may_manage(actor: Any, plan: Plan, lead_unit: Unit) -> bool:
    return is_secretariat(actor, plan.agency_id) or heads_unit(actor, lead_unit.pk)


@transaction.atomic
def task_create(
    *,
    actor: Any,
    plan: Plan,
    title: str,
    lead_unit: Unit,
    due_date: dt.date,
    description: str = "",
    cooperating_units: Sequence[Unit] = (),
    assignees: Sequence[User] = (),
    start_date: dt.date | None = None,
    expected_output: str = "",
    criteria: Iterable[str] | str | None = None,
    criteria_year: int | None = None,
    recurrence: str = Recurrence.NONE,
    inspected_unit: Unit | None = None,
    template_key: str = "",
    status: str = TaskStatus.NOT_STARTED,
    done_at: dt.date | None = None,
) -> Task:
    """Add a task to a plan. The secretariat may add any; a unit head, tasks its unit leads.

    A repeating task (monthly, quarterly, half-yearly) is the first occurrence of its series;
    the following ones, up to the end of the plan's year, are generated at once.
    """
    if not _may_manage(actor, plan, lead_unit):
        raise PermissionDenied
    if plan.status == PlanStatus.CLOSED:
        raise DomainError(_("This plan is closed: no task can be added."))
    data = {
        "title": (title or "").strip(),
        "lead_unit": lead_unit,
        "due_date": due_date,
        "start_date": start_date,
        "recurrence": recurrence or Recurrence.NONE,
        "inspected_unit": inspected_unit,
    }
    cooperating = [u for u in cooperating_units if u.pk != lead_unit.pk]
    _check_task(plan, data, cooperating)
    _check_people(plan.agency_id, list(assignees))
    task = Task(
        plan=plan,
        agency_id=plan.agency_id,
        description=(description or "").strip(),
        expected_output=(expected_output or "").strip(),
        criteria=clean_criteria(criteria),
        criteria_year=criteria_year or (plan.year if criteria else None),
        assigner=actor if getattr(actor, "pk", None) else None,
        template_key=template_key,
        **data,
    )
    check_criteria(task.criteria_year, task.criteria)
    _apply_status(task, status, None, done_at)
    task.save()
    task.cooperating_units.set(cooperating)
    task.assignees.set(assignees)
    record_created(actor, "task.created", task, _task_snapshot)
    if task.recurrence:
        task_generate_occurrences(actor=actor, task=task)
    return task


@transaction.atomic
def task_update(
    *,
    actor: Any,
    task: Task,
    cooperating_units: Sequence[Unit] | None = None,
    assignees: Sequence[User] | None = None,
    **changes: Any,
) -> Task:
    """Change what a task is: title, dates, units, people… (the unit head, the secretariat)."""
    require(actor, MANAGE, task)
    refuse_unknown("task_update", changes, TASK_FIELDS)
    if "lead_unit" in changes and not _may_manage(actor, task.plan, changes["lead_unit"]):
        raise PermissionDenied
    data = {f: changes.get(f, getattr(task, f)) for f in TASK_FIELDS}
    data["title"] = (data["title"] or "").strip()
    cooperating = (
        list(task.cooperating_units.all())
        if cooperating_units is None
        else [u for u in cooperating_units if u.pk != data["lead_unit"].pk]
    )
    _check_task(task.plan, data, cooperating)
    if assignees is not None:
        _check_people(task.agency_id, list(assignees))
    if "criteria" in changes:
        changes["criteria"] = clean_criteria(changes["criteria"])
        if changes["criteria"] and not changes.get("criteria_year") and not task.criteria_year:
            changes["criteria_year"] = task.plan.year
    if "criteria" in changes or "criteria_year" in changes:
        check_criteria(
            changes.get("criteria_year", task.criteria_year),
            changes.get("criteria", task.criteria),
        )
    with audited(actor, "task.updated", task, _task_snapshot):
        for key, value in changes.items():
            strip = isinstance(value, str) and key != "recurrence"
            setattr(task, key, value.strip() if strip else value)
        task.save()
        if cooperating_units is not None:
            task.cooperating_units.set(cooperating)
        if assignees is not None:
            task.assignees.set(assignees)
    if task.recurrence and task.series_id is None:
        task_generate_occurrences(actor=actor, task=task)
    return task


def _apply_status(task: Task, status: str, progress: int | None, done_at: dt.date | None) -> None:
    if status not in TaskStatus.values:
        raise DomainError(_("Unknown status."), field="status")
    if progress is not None and not 0 <= int(progress) <= 100:
        raise DomainError(_("Progress is a percentage from 0 to 100."), field="progress")
    if status == TaskStatus.DONE:
        done_at = done_at or task.done_at or local_today()
        if done_at > local_today():
            raise DomainError(_("The date done cannot be in the future."), field="done_at")
        if task.start_date and done_at < task.start_date:
            raise DomainError(_("The date done cannot be before the start date."), field="done_at")
        task.done_at = done_at
    else:
        task.done_at = None
    task.status = status
    # A manual percentage only means something while the work is under way or paused.
    task.manual_progress = (
        int(progress) if progress is not None and status in MANUAL_PROGRESS_STATUSES else None
    )


@transaction.atomic
def task_set_status(
    *,
    actor: Any,
    task: Task,
    status: str,
    progress: int | None = None,
    done_at: dt.date | None = None,
    note: str = "",
) -> Task:
    """Report on a task: its status, an optional manual %, the date it was done.

    Assignees, the lead unit's head and the secretariat may; only the last two may cancel a
    task or bring a cancelled one back.
    """
    require(actor, Action.CHANGE, task)
    if TaskStatus.CANCELLED in (status, task.status) and status != task.status:
        require(actor, MANAGE, task)
    # A note is worth a row even when the status stays.
    with audited(
        actor,
        "task.status_changed",
        task,
        _task_snapshot,
        always=bool(note),
        note=(note or "").strip(),
    ):
        previous = task.status
        _apply_status(task, status, progress, done_at)
        task.save()
        task_status_changed(actor=actor, task=task, previous=previous)
    return task


@transaction.atomic
def task_add_attachment(
    *,
    actor: Any,
    task: Task,
    title: str = "",
    file: Any = None,
    reference: str = "",
    kind: str = AttachmentKind.OUTPUT,
) -> TaskAttachment:
    """Attach an output file or a reference (a file, or a document number / link)."""
    require(actor, Action.CHANGE, task)
    if kind not in AttachmentKind.values:
        raise DomainError(_("Unknown kind of attachment."), field="kind")
    if not file and not (reference or "").strip():
        raise DomainError(_("Upload a file or give a reference."), field="file")
    check_file(file, "file")
    title = (title or "").strip() or (getattr(file, "name", "") or reference).strip()[:255]
    attachment = TaskAttachment.objects.create(
        task=task,
        kind=kind,
        title=title,
        file=file or "",
        reference=(reference or "").strip(),
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        actor=actor,
        action="task.file_added",
        target=task,
        agency=task.agency_id,
        after={
            "kind": kind,
            "title": title,
            "file": attachment.file.name or None,
            "reference": attachment.reference,
        },
    )
    return attachment


@transaction.atomic
def task_comment(*, actor: Any, task: Task, body: str) -> TaskComment:
    """Comment on a task: whoever may report on it, and the agency's leaders and secretariat."""
    if not (can(actor, Action.CHANGE, task) or access.is_leader_of(actor, task.agency_id)):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write a comment."), field="body")
    comment = TaskComment.objects.create(task=task, author=actor, body=body)
    record(
        actor=actor,
        action="task.commented",
        target=task,
        agency=task.agency_id,
        after={"comment": body[:500]},
    )
    return comment


# Recurrence ---------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months; a month-end stays a month-end (31/1 → 28/2 → 31/3)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


@transaction.atomic
def task_generate_occurrences(*, actor: Any, task: Task) -> list[Task]:
    """Create the missing occurrences of a repeating task up to 31/12 of the plan's year.

    The task itself is occurrence 1; occurrence n is due (n − 1) × step months after it, the
    step being 1 (monthly), 3 (quarterly) or 6 (half-yearly). Idempotent: existing occurrences
    are kept as they are (their own status and dates may have been changed).
    """
    if task.series_id is not None or not task.recurrence:
        return []
    step = RECURRENCE_MONTHS[Recurrence(task.recurrence)]
    end_of_year = dt.date(task.plan.year, 12, 31)
    existing = set(task.occurrences.values_list("occurrence", flat=True))
    cooperating = list(task.cooperating_units.all())
    assignees = list(task.assignees.all())
    created = []
    number = 2
    while (due := add_months(task.due_date, step * (number - 1))) <= end_of_year:
        if number not in existing:
            start = add_months(task.start_date, step * (number - 1)) if task.start_date else None
            occurrence = Task.objects.create(
                plan=task.plan,
                agency_id=task.agency_id,
                title=task.title,
                description=task.description,
                lead_unit=task.lead_unit,
                assigner=task.assigner,
                start_date=start,
                due_date=due,
                expected_output=task.expected_output,
                criteria=task.criteria,
                criteria_year=task.criteria_year,
                series=task,
                occurrence=number,
            )
            occurrence.cooperating_units.set(cooperating)
            occurrence.assignees.set(assignees)
            created.append(occurrence)
        number += 1
    if created:
        record(
            actor=actor,
            action="task.occurrences_generated",
            target=task,
            agency=task.agency_id,
            after={"occurrences": [str(t.due_date) for t in created]},
        )
    return created
