"""Legal documents of the drafting plan, and reviews of issued documents with their verdicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from parindex.audit.services import record, record_created, save_changes
from parindex.common.errors import DomainError, refuse_unknown
from parindex.org.models import Agency, Unit
from parindex.registers.choices import ReviewKind, Verdict
from parindex.registers.models import LegalDocument, Review, ReviewItem
from parindex.registers.models import today as local_today
from parindex.registers.services._common import (
    checked_changes,
    clean,
    follow_task,
    heads_unit,
    is_secretariat,
    require,
)

DOCUMENT_FIELDS = (
    "code",
    "title",
    "form",
    "lead_unit",
    "plan_year",
    "submission_due",
    "consultation_from",
    "consultation_to",
    "sent_for_appraisal",
    "appraisal_received",
    "submitted_on",
    "issued_on",
    "number",
    "published_on",
    "withdrawn_on",
    "note",
)
#: The steps of the document's path, each a date.
DATE_FIELDS = tuple(
    f for f in DOCUMENT_FIELDS if isinstance(LegalDocument._meta.get_field(f), models.DateField)
)
#: (later step, earlier step it must not precede): the document's path in order.
DATE_ORDER = (
    ("consultation_to", "consultation_from"),
    ("appraisal_received", "sent_for_appraisal"),
    ("submitted_on", "sent_for_appraisal"),
    ("issued_on", "submitted_on"),
    ("published_on", "issued_on"),
)
DATE_ORDER_MESSAGES = {
    "consultation_to": "the end of the consultation is before its start",
    "appraisal_received": "the appraisal opinion is dated before the document was sent",
    "submitted_on": "submitted before it was sent for appraisal",
    "issued_on": "issued before it was submitted",
    "published_on": "published before it was issued",
}


def document_date_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, English message) for each date that comes before one it must follow."""
    problems = []
    for later, earlier in DATE_ORDER:
        if data.get(later) and data.get(earlier) and data[later] < data[earlier]:
            problems.append((later, DATE_ORDER_MESSAGES[later]))
    return problems


def _check_document(agency: Agency, data: dict[str, Any], exclude: int | None) -> None:
    if not data.get("code"):
        raise DomainError(_("A code is required."), field="code")
    if not data.get("title"):
        raise DomainError(_("A title is required."), field="title")
    unit = data.get("lead_unit")
    if unit is None or unit.agency_id != agency.pk:
        raise DomainError(_("Choose a unit of the agency."), field="lead_unit")
    year = data.get("plan_year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError(_("The year must be between 2000 and 2100."), field="plan_year")
    if data.get("submission_due") is None:
        raise DomainError(_("The submission deadline is required."), field="submission_due")
    for field in DATE_FIELDS:
        if data.get(field) is not None and not isinstance(data[field], dt.date):
            raise DomainError(_("Not a date."), field=field)
    if data.get("submitted_on") and data.get("sent_for_appraisal"):
        if data["submitted_on"] < data["sent_for_appraisal"]:
            raise DomainError(
                _("A document cannot be submitted before it is sent for appraisal."),
                field="submitted_on",
            )
    if data.get("issued_on") and data.get("submitted_on"):
        if data["issued_on"] < data["submitted_on"]:
            raise DomainError(
                _("A document cannot be issued before it is submitted."), field="issued_on"
            )
    for later, _message in document_date_problems(data):
        raise DomainError(_("This date comes before the step it must follow."), field=later)
    clash = LegalDocument.objects.filter(agency=agency, code=data["code"])
    if exclude:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise DomainError(_("This agency already has a document with this code."), field="code")


def _may_keep(actor: Any, agency: Agency, unit: Unit) -> bool:
    return is_secretariat(actor, agency.pk) or heads_unit(actor, unit.pk)


@transaction.atomic
def document_create(*, actor: Any, agency: Agency, **fields: Any) -> LegalDocument:
    """Add a document to the drafting plan: the secretariat, or the head of its lead unit."""
    refuse_unknown("document_create", fields, DOCUMENT_FIELDS, "take")
    data = clean(fields)
    require(data.get("lead_unit") is not None and _may_keep(actor, agency, data["lead_unit"]))
    _check_document(agency, data, None)
    document = LegalDocument.objects.create(agency=agency, **data)
    record_created(actor, "legal_document.created", document, DOCUMENT_FIELDS)
    _sync_task(document)
    return document


@transaction.atomic
def document_update(*, actor: Any, document: LegalDocument, **changes: Any) -> LegalDocument:
    """Change a document or record a step of its path (dates, number, withdrawal)."""
    changes = checked_changes(
        actor,
        document,
        changes,
        service="document_update",
        fields=DOCUMENT_FIELDS,
        keeper="lead_unit",
        may_keep=_may_keep,
        check=_check_document,
    )
    change = save_changes(actor, "legal_document.updated", document, DOCUMENT_FIELDS, changes)
    if change.changed and any(change.before[f] != change.after[f] for f in TASK_MIRRORED):
        _sync_task(document)
    return document


#: Fields the submission task mirrors.
TASK_MIRRORED = (
    "title",
    "lead_unit",
    "plan_year",
    "submission_due",
    "submitted_on",
    "withdrawn_on",
)


def _task_title(document: LegalDocument) -> str:
    return f"Trình UBND tỉnh: {document.title}"[:500]


def _sync_task(document: LegalDocument) -> None:
    """The lead unit's task "submit this document" follows the document (written by the system).

    Due on the plan's deadline, so the reminders warn before it; done on the day submitted;
    cancelled once withdrawn.
    """
    from parindex.workplan.choices import TaskStatus
    from parindex.workplan.services import task_set_status
    from parindex.workplan.services.notices import (
        DOCUMENT_PLAN_CODE,
        DOCUMENT_PLAN_TITLE,
        task_create_for_follow_up,
    )

    on = local_today()
    submitted = (
        document.submitted_on if document.submitted_on and document.submitted_on <= on else None
    )
    withdrawn = document.withdrawn_on is not None and document.withdrawn_on <= on
    task = document.task
    if task is None:
        document.task = task_create_for_follow_up(
            actor=None,
            agency=document.agency,
            unit=document.lead_unit,
            title=_task_title(document),
            due_date=document.submission_due,
            source=f"Kế hoạch xây dựng văn bản QPPL năm {document.plan_year}, văn bản {document.code}",
            note=document.title,
            done_at=submitted,
            year=document.plan_year,
            plan_code=DOCUMENT_PLAN_CODE,
            plan_title=DOCUMENT_PLAN_TITLE,
            audit_action="task.created_from_legal_document",
        )
        LegalDocument.objects.filter(pk=document.pk).update(task=document.task)
        task = document.task
    else:
        follow_task(
            task,
            title=_task_title(document),
            unit=document.lead_unit,
            due_date=document.submission_due,
            done_on=document.submitted_on,
        )
    if withdrawn and not submitted and task.status != TaskStatus.CANCELLED:
        task_set_status(actor=None, task=task, status=TaskStatus.CANCELLED)
    elif not withdrawn and task.status == TaskStatus.CANCELLED:
        task_set_status(actor=None, task=task, status=TaskStatus.NOT_STARTED)


def document_follow_task(*, actor: Any, task: Any, previous: str) -> None:
    """A submission task marked done by its unit records the document as submitted that day."""
    from parindex.workplan.choices import TaskStatus

    document = LegalDocument.objects.filter(task=task).first()
    if document is None or task.status != TaskStatus.DONE or document.submitted_on is not None:
        return
    allowed = actor is None or _may_keep(actor, document.agency, document.lead_unit)
    document_update(actor=actor if allowed else None, document=document, submitted_on=task.done_at)


REVIEW_FIELDS = ("code", "title", "kind", "unit", "done_on", "basis")


@transaction.atomic
def review_create(
    *,
    actor: Any,
    agency: Agency,
    code: str,
    title: str,
    unit: Unit,
    done_on: dt.date,
    kind: str = ReviewKind.REVIEW,
    basis: str = "",
    items: list[dict[str, Any]] | None = None,
) -> Review:
    """Record a review (or self-check) of issued documents with one verdict per document.

    `items`: dicts with `document` (a LegalDocument of the agency) or `document_label` (a
    document not in the register), `verdict` (valid, amend, replace, repeal) and `note`.
    """
    require(unit.agency_id == agency.pk and _may_keep(actor, agency, unit))
    code, title = (code or "").strip(), (title or "").strip()
    if not code:
        raise DomainError(_("A code is required."), field="code")
    if not title:
        raise DomainError(_("A title is required."), field="title")
    if kind not in ReviewKind.values:
        raise DomainError(_("Unknown kind of review."), field="kind")
    if done_on is None:
        raise DomainError(_("The date is required."), field="done_on")
    if Review.objects.filter(agency=agency, code=code).exists():
        raise DomainError(_("This agency already has a review with this code."), field="code")
    review = Review.objects.create(
        agency=agency,
        code=code,
        title=title,
        kind=kind,
        unit=unit,
        done_on=done_on,
        basis=(basis or "").strip(),
    )
    record_created(actor, "review.created", review, REVIEW_FIELDS)
    for item in items or []:
        review_add_verdict(actor=actor, review=review, **item)
    return review


@transaction.atomic
def review_add_verdict(
    *,
    actor: Any,
    review: Review,
    verdict: str,
    document: LegalDocument | None = None,
    document_label: str = "",
    note: str = "",
) -> ReviewItem:
    """Record the review's verdict on one document."""
    require(_may_keep(actor, review.agency, review.unit))
    if verdict not in Verdict.values:
        raise DomainError(_("Unknown verdict."), field="verdict")
    if document is not None and document.agency_id != review.agency_id:
        raise DomainError(_("Choose a document of the agency."), field="document")
    document_label = (document_label or "").strip()
    if document is None and not document_label:
        raise DomainError(_("Choose a document or name it."), field="document")
    if document is not None and review.items.filter(document=document).exists():
        raise DomainError(
            _("This review already has a verdict on that document."), field="document"
        )
    item = ReviewItem.objects.create(
        review=review,
        document=document,
        document_label=document_label or (document.number or str(document) if document else ""),
        verdict=verdict,
        note=(note or "").strip(),
    )
    record(
        actor=actor,
        action="review.verdict_added",
        target=review,
        agency=review.agency_id,
        after={"document": item.document_label, "verdict": verdict, "note": item.note},
    )
    if document is not None:
        record(
            actor=actor,
            action="legal_document.reviewed",
            target=document,
            agency=review.agency_id,
            after={"review": review.code, "verdict": verdict, "note": item.note},
        )
    return item
