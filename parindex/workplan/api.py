"""API for plans, tasks and initiatives (under /api/v1/workplan): list, create, update in rights."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from parindex.common.api import given, schema_of
from parindex.org.access import Action
from parindex.org.models import Agency, Unit, User
from parindex.workplan import selectors, services
from parindex.workplan.choices import PlanStatus, Recurrence, TaskStatus
from parindex.workplan.models import MANAGE, Task
from parindex.workplan.services._common import people_by_username

router = Router(tags=["workplan"])
LIMIT = 1000


class PlanOut(Schema):
    id: int
    agency: str
    code: str
    plan_type: str
    year: int
    title: str
    doc_number: str
    doc_date: dt.date | None
    doc_summary: str
    status: str


class PlanIn(Schema):
    agency: str
    code: str
    plan_type: str
    year: int
    title: str
    doc_number: str = ""
    doc_date: dt.date | None = None
    doc_summary: str = ""
    status: str = PlanStatus.ACTIVE


class PlanPatch(Schema):
    code: str | None = None
    plan_type: str | None = None
    year: int | None = None
    title: str | None = None
    doc_number: str | None = None
    doc_date: dt.date | None = None
    doc_summary: str | None = None
    status: str | None = None


class TaskOut(Schema):
    id: int
    plan: str
    agency: str
    title: str
    description: str
    lead_unit: str
    cooperating_units: list[str]
    assignees: list[str]
    start_date: dt.date | None
    due_date: dt.date
    expected_output: str
    status: str
    progress: int
    done_at: dt.date | None
    overdue: bool
    due_soon: bool
    finished_late: bool
    criteria: list[str]
    criteria_year: int | None
    recurrence: str


class TaskIn(Schema):
    plan: int
    title: str
    lead_unit: str
    due_date: dt.date
    description: str = ""
    cooperating_units: list[str] = []
    assignees: list[str] = []
    start_date: dt.date | None = None
    expected_output: str = ""
    criteria: list[str] = []
    recurrence: str = Recurrence.NONE


class TaskPatch(Schema):
    title: str | None = None
    description: str | None = None
    due_date: dt.date | None = None
    start_date: dt.date | None = None
    expected_output: str | None = None
    criteria: list[str] | None = None
    assignees: list[str] | None = None
    cooperating_units: list[str] | None = None
    status: str | None = None
    progress: int | None = None
    done_at: dt.date | None = None


class InitiativeOut(Schema):
    id: int
    agency: str
    year: int
    unit: str
    title: str
    problem: str
    solution: str
    expected_effect: str
    owner: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    status: str
    board_notes: str
    board_score: Decimal | None


class InitiativeIn(Schema):
    agency: str
    unit: str
    year: int
    title: str
    problem: str = ""
    solution: str = ""
    expected_effect: str = ""
    owner: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class InitiativePatch(Schema):
    title: str | None = None
    problem: str | None = None
    solution: str | None = None
    expected_effect: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    status: str | None = None
    board_notes: str = ""
    board_score: Decimal | None = None


def _plan_out(p) -> PlanOut:
    return schema_of(PlanOut, p, agency=p.agency.code)


def _task_out(t: Task) -> TaskOut:
    return schema_of(
        TaskOut,
        t,
        plan=t.plan.code,
        agency=t.agency.code,
        lead_unit=t.lead_unit.code,
        cooperating_units=[u.code for u in t.cooperating_units.all()],
        assignees=[u.username for u in t.assignees.all()],
        overdue=t.is_overdue(),
        due_soon=t.is_due_soon(),
        criteria=list(t.criteria or []),
    )


def _initiative_out(i) -> InitiativeOut:
    return schema_of(
        InitiativeOut,
        i,
        agency=i.agency.code,
        unit=i.unit.code,
        owner=i.owner.username if i.owner else None,
    )


def _units(agency_id: int, codes: list[str]) -> list[Unit]:
    return [get_object_or_404(Unit, agency_id=agency_id, code=c) for c in codes]


def _people(usernames: list[str]) -> list[User]:
    return people_by_username(usernames, "assignees")


@router.get("/plans", response=list[PlanOut], summary="Plans the caller may see")
def plan_list(request: HttpRequest, agency: str | None = None, year: int | None = None):
    qs = selectors.plans_for_user(request.user).filter(**given(agency__code=agency, year=year))
    return [_plan_out(p) for p in qs[:LIMIT]]


@router.post("/plans", response={201: PlanOut}, summary="Create a plan (secretariat)")
def plan_create(request: HttpRequest, payload: PlanIn):
    agency = get_object_or_404(Agency.objects.restrict(request.user), code=payload.agency)
    data = payload.dict(exclude={"agency"})
    plan = services.plan_create(actor=request.user, agency=agency, **data)
    return Status(201, _plan_out(plan))


@router.patch("/plans/{plan_id}", response=PlanOut, summary="Change a plan (secretariat)")
def plan_update(request: HttpRequest, plan_id: int, payload: PlanPatch):
    plan = selectors.get_plan_for_user(request.user, plan_id, write=True)
    changes = payload.dict(exclude_unset=True)
    return _plan_out(services.plan_update(actor=request.user, plan=plan, **changes))


@router.get("/tasks", response=list[TaskOut], summary="Tasks the caller may see")
def task_list(
    request: HttpRequest,
    plan: int | None = None,
    unit: str | None = None,
    status: str | None = None,
    mine: bool = False,
    overdue: bool = False,
):
    qs = selectors.my_tasks(request.user) if mine else selectors.tasks_for_user(request.user)
    qs = qs.filter(**given(plan_id=plan, lead_unit__code=unit, status=status))
    if overdue:
        qs = qs.filter(selectors.overdue_q(selectors.local_today()))
    return [_task_out(t) for t in qs[:LIMIT]]


@router.get("/tasks/{task_id}", response=TaskOut, summary="One task")
def task_get(request: HttpRequest, task_id: int):
    return _task_out(selectors.get_task_for_user(request.user, task_id))


@router.post(
    "/tasks",
    response={201: TaskOut},
    summary="Create a task (secretariat, or the head of the lead unit)",
)
def task_create(request: HttpRequest, payload: TaskIn):
    plan = selectors.get_plan_for_user(request.user, payload.plan)
    task = services.task_create(
        actor=request.user,
        plan=plan,
        title=payload.title,
        lead_unit=get_object_or_404(Unit, agency=plan.agency, code=payload.lead_unit),
        due_date=payload.due_date,
        description=payload.description,
        cooperating_units=_units(plan.agency_id, payload.cooperating_units),
        assignees=_people(payload.assignees),
        start_date=payload.start_date,
        expected_output=payload.expected_output,
        criteria=payload.criteria,
        recurrence=payload.recurrence,
    )
    return Status(201, _task_out(selectors.get_task_for_user(request.user, task.pk)))


@router.patch(
    "/tasks/{task_id}",
    response=TaskOut,
    summary="Change a task: its status and progress (assignees too) or what it is",
)
def task_update(request: HttpRequest, task_id: int, payload: TaskPatch):
    task = selectors.get_task_for_user(request.user, task_id, write=True)
    data = payload.dict(exclude_unset=True)
    report = {k: data.pop(k) for k in ("status", "progress", "done_at") if k in data}
    if data:
        from parindex.org.access import can

        if not can(request.user, MANAGE, task):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if "assignees" in data:
            data["assignees"] = _people(data["assignees"])
        if "cooperating_units" in data:
            data["cooperating_units"] = _units(task.agency_id, data["cooperating_units"])
        task = services.task_update(actor=request.user, task=task, **data)
    if report:
        task = services.task_set_status(
            actor=request.user,
            task=task,
            status=report.get("status", task.status),
            progress=report.get("progress"),
            done_at=report.get("done_at"),
        )
    return _task_out(selectors.get_task_for_user(request.user, task.pk))


@router.get("/initiatives", response=list[InitiativeOut], summary="The initiative register")
def initiative_list(request: HttpRequest, agency: str | None = None, year: int | None = None):
    qs = selectors.initiatives_for_user(request.user).filter(
        **given(agency__code=agency, year=year)
    )
    return [_initiative_out(i) for i in qs[:LIMIT]]


@router.post(
    "/initiatives",
    response={201: InitiativeOut},
    summary="Register a unit's initiative (its head, or the secretariat)",
)
def initiative_create(request: HttpRequest, payload: InitiativeIn):
    unit = get_object_or_404(
        Unit.objects.restrict(request.user), agency__code=payload.agency, code=payload.unit
    )
    data = payload.dict(exclude={"agency", "unit", "owner"})
    owner = people_by_username([payload.owner], "owner")[0] if payload.owner else None
    initiative = services.initiative_register(actor=request.user, unit=unit, owner=owner, **data)
    return Status(201, _initiative_out(initiative))


@router.patch(
    "/initiatives/{initiative_id}",
    response=InitiativeOut,
    summary="Change an initiative, or move it to its next state",
)
def initiative_update(request: HttpRequest, initiative_id: int, payload: InitiativePatch):
    initiative = selectors.get_initiative_for_user(request.user, initiative_id, write=True)
    data = payload.dict(exclude_unset=True)
    status = data.pop("status", None)
    notes, score = data.pop("board_notes", ""), data.pop("board_score", None)
    if data:
        initiative = services.initiative_update(actor=request.user, initiative=initiative, **data)
    if status and status != initiative.status:
        initiative = services.initiative_transition(
            actor=request.user,
            initiative=initiative,
            to=status,
            board_notes=notes,
            board_score=score,
        )
    return _initiative_out(initiative)


__all__ = ["router", "Action", "TaskStatus"]
