"""Plans: create, change, apply a template of tasks. Their tasks are in `tasks`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record_created
from parindex.common.errors import DomainError, refuse_unknown
from parindex.org.access import Action
from parindex.org.models import Agency, Unit
from parindex.workplan.blueprints import TEMPLATES
from parindex.workplan.choices import (
    PlanStatus,
    PlanType,
)
from parindex.workplan.models import Plan, Task
from parindex.workplan.services._common import check_file, is_secretariat, require
from parindex.workplan.services.tasks import task_create

PLAN_FIELDS = (
    "code",
    "plan_type",
    "year",
    "title",
    "doc_number",
    "doc_date",
    "doc_summary",
    "doc_file",
    "status",
)


# Plans --------------------------------------------------------------------------------------


def _check_plan(agency: Agency, data: dict[str, Any], exclude: int | None) -> None:
    code = data["code"]
    if not code or len(code) > 40 or any(ch.isspace() for ch in code):
        raise DomainError(_("A code has at most 40 characters and no spaces."), field="code")
    clash = Plan.objects.filter(agency=agency, code=code).exclude(pk=exclude or 0)
    if clash.exists():
        raise DomainError(_("This agency already has a plan with this code."), field="code")
    if data["plan_type"] not in PlanType.values:
        raise DomainError(_("Unknown plan type."), field="plan_type")
    if data["status"] not in PlanStatus.values:
        raise DomainError(_("Unknown status."), field="status")
    if not 2000 <= int(data["year"]) <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    if not (data["title"] or "").strip():
        raise DomainError(_("A title is required."), field="title")
    check_file(data.get("doc_file"), "doc_file")


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    agency: Agency,
    code: str,
    plan_type: str,
    year: int,
    title: str,
    doc_number: str = "",
    doc_date: dt.date | None = None,
    doc_summary: str = "",
    doc_file: Any = None,
    status: str = PlanStatus.ACTIVE,
) -> Plan:
    """Create a plan of an agency; the agency's PAR secretariat (or an administrator) does it."""
    if not is_secretariat(actor, agency.pk):
        raise PermissionDenied
    data = {
        "code": (code or "").strip(),
        "plan_type": plan_type,
        "year": year,
        "title": (title or "").strip(),
        "doc_number": (doc_number or "").strip(),
        "doc_date": doc_date,
        "doc_summary": (doc_summary or "").strip(),
        "doc_file": doc_file,
        "status": status,
    }
    _check_plan(agency, data, None)
    if not data["doc_file"]:
        data.pop("doc_file")
    plan = Plan.objects.create(agency=agency, **data)
    record_created(actor, "plan.created", plan, PLAN_FIELDS)
    return plan


@transaction.atomic
def plan_update(*, actor: Any, plan: Plan, **changes: Any) -> Plan:
    require(actor, Action.CHANGE, plan)
    refuse_unknown("plan_update", changes, PLAN_FIELDS)
    if changes.get("doc_file") in (None, False) and "doc_file" in changes:
        changes.pop("doc_file")  # an empty upload field keeps the file there is
    data = {f: changes.get(f, getattr(plan, f)) for f in PLAN_FIELDS}
    data["code"] = (data["code"] or "").strip()
    _check_plan(plan.agency, data, plan.pk)
    with audited(actor, "plan.updated", plan, PLAN_FIELDS):
        for key in changes:
            setattr(plan, key, data[key])
        plan.save()
    return plan


@transaction.atomic
def plan_apply_template(
    *,
    actor: Any,
    plan: Plan,
    lead_unit: Unit,
    anchor: dt.date | None = None,
    inspections: Sequence[tuple[Unit, dt.date]] = (),
) -> list[Task]:
    """Add the plan type's template tasks (blueprints.TEMPLATES); idempotent by template step.

    6-month review: `anchor` is the review meeting's date (default 15 July of the plan's year).
    Inspection plan: one set of steps for each `(inspected unit, inspection date)`.
    """
    require(actor, Action.CHANGE, plan)
    steps = TEMPLATES.get(plan.plan_type)
    if not steps:
        raise DomainError(_("This type of plan has no template of tasks."))
    created: list[Task] = []

    def add(key: str, step: Any, due_from: dt.date, **fields: Any) -> None:
        """One template task, unless the plan already has the task of that step."""
        if not plan.tasks.filter(template_key=key).exists():
            due_date = due_from + dt.timedelta(days=step.offset_days)
            created.append(
                task_create(
                    actor=actor,
                    plan=plan,
                    due_date=due_date,
                    expected_output=step.expected_output,
                    template_key=key,
                    **fields,
                )
            )

    if plan.plan_type == PlanType.INSPECTION:
        if not inspections:
            raise DomainError(_("Name at least one unit to inspect and its date."))
        for unit, when in inspections:
            for step in steps:
                add(
                    f"{step.key}:{unit.code}",
                    step,
                    when,
                    title=step.title.format(unit=unit.name),
                    lead_unit=lead_unit,
                    inspected_unit=unit,
                    cooperating_units=[unit],
                )
        return created
    anchor = anchor or dt.date(plan.year, 7, 15)
    for step in steps:
        units = (
            list(Unit.objects.filter(agency=plan.agency, is_active=True))
            if step.lead == "each"
            else [lead_unit]
        )
        for unit in units:
            key = f"{step.key}:{unit.code}" if step.lead == "each" else step.key
            add(key, step, anchor, title=step.title, lead_unit=unit)
    return created
