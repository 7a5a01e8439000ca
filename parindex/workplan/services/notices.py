"""Tasks handed over by an issued notice of conclusions (thông báo kết luận) of the reports app.

Each assignment of a notice (one conclusion × one unit) becomes a task of the agency's plan
"Nhiệm vụ theo thông báo kết luận năm YYYY" (type "other", code TBKL-YYYY), created the first
time it is needed. The task keeps the notice's reference in its description.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import record
from parindex.common.errors import DomainError
from parindex.org.models import Agency, Unit
from parindex.workplan.choices import PlanStatus, PlanType, TaskStatus
from parindex.workplan.models import Plan, Task
from parindex.workplan.models import today as local_today
from parindex.workplan.services._common import is_secretariat
from parindex.workplan.services.plans import plan_create
from parindex.workplan.services.tasks import task_create

#: The plan of a year that collects the tasks of the notices of conclusions.
NOTICE_PLAN_CODE = "TBKL-{year}"
NOTICE_PLAN_TITLE = "Nhiệm vụ theo thông báo kết luận năm {year}"


#: The plan of a year that collects the tasks of recommendations (registers app).
FOLLOW_UP_PLAN_CODE = "KN-{year}"
FOLLOW_UP_PLAN_TITLE = "Kiến nghị, yêu cầu khắc phục cần xử lý năm {year}"
#: The plan of a year that collects the submissions of the drafting plan's legal documents.
DOCUMENT_PLAN_CODE = "VBQPPL-{year}"
DOCUMENT_PLAN_TITLE = "Trình văn bản QPPL theo kế hoạch xây dựng văn bản năm {year}"


def notice_plan(
    *,
    actor: Any,
    agency: Agency,
    year: int,
    code_pattern: str = NOTICE_PLAN_CODE,
    title_pattern: str = NOTICE_PLAN_TITLE,
) -> Plan:
    """The agency's plan of notice tasks for `year`, created (and audited) when missing."""
    code = code_pattern.format(year=year)
    plan = Plan.objects.filter(agency=agency, code=code).first()
    if plan is None:
        plan = plan_create(
            actor=actor,
            agency=agency,
            code=code,
            plan_type=PlanType.OTHER,
            year=year,
            title=title_pattern.format(year=year),
        )
    if plan.status == PlanStatus.CLOSED:
        raise DomainError(
            _("The plan %(code)s is closed: reopen it to receive the notice's tasks.")
            % {"code": code}
        )
    return plan


@transaction.atomic
def task_create_from_notice(
    *,
    actor: Any,
    agency: Agency,
    unit: Unit,
    title: str,
    due_date: dt.date | None,
    source: str,
    note: str,
    year: int | None = None,
) -> Task:
    """Turn one assignment of an issued notice into a task led by `unit`.

    Whoever may issue the agency's notices (its PAR secretariat, an administrator, the system)
    may hand tasks over. The task goes into the plan of notice tasks of `year` (the notice's
    year; by default the due date's year, else this year). Without a deadline it is due on 31/12
    of that year. The description keeps the full conclusion and the notice's reference.
    """
    if not is_secretariat(actor, agency.pk):
        raise PermissionDenied
    if unit.agency_id != agency.pk:
        raise DomainError(_("Choose a lead unit of the plan's agency."), field="lead_unit")
    source = (source or "").strip()
    if not source:
        raise DomainError(_("A task from a notice needs the notice's reference."), field="source")
    year = year or (due_date.year if due_date else local_today().year)
    plan = notice_plan(actor=actor, agency=agency, year=year)
    note = (note or "").strip()
    description = f"{note}\n\nNguồn: {source}" if note else f"Nguồn: {source}"
    task = task_create(
        actor=actor,
        plan=plan,
        title=(title or note)[:500],
        lead_unit=unit,
        due_date=due_date or dt.date(year, 12, 31),
        description=description,
    )
    record(
        actor=actor,
        action="task.created_from_notice",
        target=task,
        agency=agency,
        after={"source": source, "plan": plan.code, "lead_unit": unit.code},
    )
    return task


@transaction.atomic
def task_create_for_follow_up(
    *,
    actor: Any,
    agency: Agency,
    unit: Unit,
    title: str,
    due_date: dt.date,
    source: str,
    note: str = "",
    criteria: list[str] | None = None,
    done_at: dt.date | None = None,
    year: int | None = None,
    plan_code: str = FOLLOW_UP_PLAN_CODE,
    plan_title: str = FOLLOW_UP_PLAN_TITLE,
    audit_action: str = "task.created_from_recommendation",
) -> Task:
    """The task of a recommendation or of a legal document's submission (registers app).

    Same shape as a notice's task, in the plan "Kiến nghị… năm YYYY" (code KN-YYYY) of the
    deadline's year, or the plan named by `plan_code`/`plan_title` (documents: VBQPPL-YYYY). The caller has checked that `actor` may raise the recommendation (the
    inspectorate raises them too, without being the secretariat), so the plan and the task are
    written by the system and this row names the actor.
    """
    if unit.agency_id != agency.pk:
        raise DomainError(_("Choose a lead unit of the plan's agency."), field="lead_unit")
    year = year or due_date.year
    plan = notice_plan(
        actor=None, agency=agency, year=year, code_pattern=plan_code, title_pattern=plan_title
    )
    note = (note or "").strip()
    description = f"{note}\n\nNguồn: {source}" if note else f"Nguồn: {source}"
    done = done_at is not None and done_at <= local_today()
    # The unit's heads are assigned, so the reminders warn them before the deadline.
    heads = unit_heads(unit)
    task = task_create(
        actor=None,
        plan=plan,
        title=(title or note)[:500],
        lead_unit=unit,
        due_date=due_date,
        description=description,
        criteria=criteria or None,
        criteria_year=year if criteria else None,
        status=TaskStatus.DONE if done else TaskStatus.NOT_STARTED,
        done_at=done_at if done else None,
        assignees=heads,
    )
    record(
        actor=actor,
        action=audit_action,
        target=task,
        agency=agency,
        after={"source": source, "plan": plan.code, "lead_unit": unit.code},
    )
    return task


def unit_heads(unit: Unit) -> list:
    """The active heads of a unit (assigned to the follow-up tasks it leads)."""
    from parindex.org.models import Membership, User

    return list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(role="unit_head", unit=unit).values("user_id"),
        )
    )
