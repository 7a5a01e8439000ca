"""Recommendations: one follow-up object for every source, each the task of its owner unit.

Raising a recommendation creates a workplan task led by its owner unit (plan KN-YYYY of the
deadline's year). Closing that task (status done) with at least one file or reference attached
closes the recommendation on the task's date; moving the task back out of "done" reopens it.
Both are audited on the recommendation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record_created, save_changes
from parindex.common.errors import DomainError, refuse_unknown
from parindex.org.access import can
from parindex.org.models import Agency
from parindex.registers.choices import RecommendationSource
from parindex.registers.models import RESOLVE, Inspection, Recommendation, today
from parindex.registers.services._common import (
    checked_changes,
    clean,
    follow_task,
    is_inspectorate,
    is_secretariat,
    require,
)

RECOMMENDATION_FIELDS = (
    "code",
    "source",
    "inspection",
    "review",
    "source_reference",
    "text",
    "unit",
    "due_date",
    "done_on",
    "amount",
    "criterion",
)
#: Fields the task mirrors: a change re-syncs the task.
TASK_MIRRORED = ("text", "unit", "due_date", "done_on", "criterion")


def may_raise(actor: Any, agency: Agency, source: str) -> bool:
    """The secretariat raises any recommendation; the inspectorate those of inspections."""
    if is_secretariat(actor, agency.pk):
        return True
    inspection_sources = (RecommendationSource.INSPECTION, RecommendationSource.PAR_CHECK)
    return source in inspection_sources and is_inspectorate(actor, agency.pk)


def _source_text(rec: Recommendation) -> str:
    label = str(RecommendationSource(rec.source).label)
    detail = rec.source_label()
    reference = f"{label}: {detail}" if detail and detail != label else label
    return f"{reference}; kiến nghị {rec.code}"


def _check(agency: Agency, data: dict[str, Any], exclude: int | None) -> None:
    if not data.get("code"):
        raise DomainError(_("A code is required."), field="code")
    if not data.get("text"):
        raise DomainError(_("Say what must be done."), field="text")
    if data.get("source") not in RecommendationSource.values:
        raise DomainError(_("Unknown source."), field="source")
    unit = data.get("unit")
    if unit is None or unit.agency_id != agency.pk:
        raise DomainError(_("Choose a unit of the agency."), field="unit")
    if data.get("due_date") is None:
        raise DomainError(_("A deadline is required."), field="due_date")
    inspection = data.get("inspection")
    if inspection is not None and inspection.agency_id != agency.pk:
        raise DomainError(_("Choose an inspection of the agency."), field="inspection")
    review = data.get("review")
    if review is not None and review.agency_id != agency.pk:
        raise DomainError(_("Choose a review of the agency."), field="review")
    if data.get("amount") is not None and data["amount"] < 0:
        raise DomainError(_("Amounts cannot be negative."), field="amount")
    criterion = data.get("criterion") or ""
    if criterion:
        from parindex.workplan.models import CRITERION_CODE

        if not CRITERION_CODE.match(criterion):
            raise DomainError(_("Not a criterion code (e.g. 2.1)."), field="criterion")
    clash = Recommendation.objects.filter(agency=agency, code=data["code"])
    if exclude:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise DomainError(
            _("This agency already has a recommendation with this code."), field="code"
        )


def _default_source(data: dict[str, Any]) -> str:
    if data.get("source"):
        return data["source"]
    inspection: Inspection | None = data.get("inspection")
    if inspection is not None:
        from parindex.registers.choices import InspectionKind

        if inspection.kind == InspectionKind.PAR_CHECK:
            return RecommendationSource.PAR_CHECK
        return RecommendationSource.INSPECTION
    if data.get("review") is not None:
        return RecommendationSource.REVIEW
    return RecommendationSource.OTHER


def next_code(agency: Agency, year: int) -> str:
    """A free code `KN-YYYY-NNN` for a recommendation entered without one."""
    taken = set(
        Recommendation.objects.filter(agency=agency, code__startswith=f"KN-{year}-").values_list(
            "code", flat=True
        )
    )
    number = len(taken) + 1
    while f"KN-{year}-{number:03d}" in taken:
        number += 1
    return f"KN-{year}-{number:03d}"


@transaction.atomic
def recommendation_create(
    *, actor: Any, agency: Agency, inspection: Inspection | None = None, **fields: Any
) -> Recommendation:
    """Raise a recommendation and hand it to its owner unit as a workplan task."""
    refuse_unknown("recommendation_create", fields, RECOMMENDATION_FIELDS, "take")
    data = clean(fields)
    data["inspection"] = inspection
    data["source"] = _default_source(data)
    data["criterion"] = data.get("criterion") or ""
    data["source_reference"] = data.get("source_reference") or ""
    if not data.get("code") and data.get("due_date"):
        data["code"] = next_code(agency, data["due_date"].year)
    require(may_raise(actor, agency, data["source"]))
    _check(agency, data, None)
    rec = Recommendation.objects.create(agency=agency, **data)
    record_created(actor, "recommendation.created", rec, RECOMMENDATION_FIELDS)
    _create_task(actor, rec)
    return rec


def _create_task(actor: Any, rec: Recommendation) -> None:
    from parindex.workplan.services import task_create_for_follow_up

    rec.task = task_create_for_follow_up(
        actor=actor,
        agency=rec.agency,
        unit=rec.unit,
        title=rec.text[:500],
        due_date=rec.due_date,
        source=_source_text(rec),
        note=rec.text,
        criteria=[rec.criterion] if rec.criterion else None,
        done_at=rec.done_on,
    )
    rec.save(update_fields=["task"])


@transaction.atomic
def recommendation_update(
    *, actor: Any, recommendation: Recommendation, **changes: Any
) -> Recommendation:
    """Change a recommendation (who raised it keeps it); its task follows."""
    rec = recommendation
    changes = checked_changes(
        actor,
        rec,
        changes,
        service="recommendation_update",
        fields=RECOMMENDATION_FIELDS,
        keeper="source",
        may_keep=may_raise,
        check=_check,
    )
    # Clearing the date it was done on reopens it.
    reopens = rec.done_on and not changes.get("done_on", rec.done_on)
    action = "recommendation.reopened" if reopens else "recommendation.updated"
    change = save_changes(actor, action, rec, RECOMMENDATION_FIELDS, changes)
    if change.changed and any(change.before[f] != change.after[f] for f in TASK_MIRRORED):
        _sync_task(rec)
    return rec


def _sync_task(rec: Recommendation) -> None:
    """Bring the recommendation's task in line with it (written by the system)."""
    if rec.task is None:
        _create_task(None, rec)
        return
    follow_task(
        rec.task, title=rec.text[:500], unit=rec.unit, due_date=rec.due_date, done_on=rec.done_on
    )


def recommendation_follow_task(*, actor: Any, task: Any, previous: str) -> None:
    """Called when a task changes status: its recommendation closes or reopens with it.

    Closing needs evidence: at least one file or reference attached to the task.
    """
    from parindex.registers.services.documents import document_follow_task
    from parindex.workplan.choices import TaskStatus

    rec = Recommendation.objects.filter(task=task).select_related("agency").first()
    if rec is None:
        document_follow_task(actor=actor, task=task, previous=previous)
        return
    if task.status == TaskStatus.DONE:
        if rec.done_on == task.done_at:
            return
        if not task.attachments.exists():
            raise DomainError(
                _(
                    "Attach the evidence (a file or a reference) before closing this task: it closes recommendation %(code)s."
                )
                % {"code": rec.code},
                field="status",
            )
        _set_done_on(actor, rec, task.done_at, "recommendation.closed", f"task {task.pk}")
    else:
        if rec.done_on is None:
            return
        _set_done_on(actor, rec, None, "recommendation.reopened", f"task {task.pk}")


def _set_done_on(actor: Any, rec: Recommendation, done_on: Any, action: str, note: str) -> None:
    with audited(actor, action, rec, RECOMMENDATION_FIELDS, always=True, note=note):
        rec.done_on = done_on
        rec.save(update_fields=["done_on", "updated_at"])


@transaction.atomic
def recommendation_resolve(
    *,
    actor: Any,
    recommendation: Recommendation,
    done_on: dt.date | None = None,
    evidence_file: Any = None,
    evidence_reference: str = "",
    note: str = "",
) -> Recommendation:
    """The owner unit reports the recommendation done, with its evidence, through its task."""
    from parindex.workplan.choices import AttachmentKind, TaskStatus
    from parindex.workplan.services import task_add_attachment, task_set_status

    rec = recommendation
    if actor is not None and not can(actor, RESOLVE, rec):
        raise PermissionDenied
    if rec.task is None:
        _create_task(None, rec)
    if evidence_file or (evidence_reference or "").strip():
        task_add_attachment(
            actor=actor,
            task=rec.task,
            file=evidence_file,
            reference=evidence_reference,
            kind=AttachmentKind.OUTPUT,
        )
    task_set_status(
        actor=actor, task=rec.task, status=TaskStatus.DONE, done_at=done_on or today(), note=note
    )
    rec.refresh_from_db()
    return rec


@transaction.atomic
def recommendation_reopen(
    *, actor: Any, recommendation: Recommendation, note: str = ""
) -> Recommendation:
    """Reopen a done recommendation (its task goes back to "in progress"); audited."""
    from parindex.workplan.choices import TaskStatus
    from parindex.workplan.services import task_set_status

    rec = recommendation
    if actor is not None and not can(actor, RESOLVE, rec):
        raise PermissionDenied
    if rec.done_on is None:
        raise DomainError(_("This recommendation is not done."))
    if not (note or "").strip():
        raise DomainError(_("Say why it is reopened."), field="note")
    if rec.task is not None and rec.task.status == TaskStatus.DONE:
        task_set_status(actor=actor, task=rec.task, status=TaskStatus.IN_PROGRESS, note=note)
        rec.refresh_from_db()
    else:
        _set_done_on(actor, rec, None, "recommendation.reopened", note.strip())
    return rec
