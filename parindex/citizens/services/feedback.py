"""Writes of feedback on procedures (phản ánh, kiến nghị): received from the public, assigned to
a unit, answered, published; deadline in working days; reminders."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record_created, save_changes
from parindex.citizens.choices import FeedbackKind, FeedbackState
from parindex.citizens.models import (
    ANSWER,
    ASSIGN,
    PUBLISH,
    FeedbackItem,
    FeedbackSettings,
)
from parindex.common.errors import DomainError
from parindex.dossiers.selectors import work_calendar
from parindex.jobs.tasks import queue_email
from parindex.org import access
from parindex.org.access import can
from parindex.org.models import Agency, Unit

FEEDBACK_FIELDS = ("state", "unit", "due_on", "answer", "answered_on", "published_on")
SETTINGS_FIELDS = ("answer_days", "remind_days")
DEFAULT_ANSWER_DAYS = 10

#: What an attachment may be, by its first bytes (the declared type alone is not trusted).
_SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


def settings_for(agency: Agency) -> FeedbackSettings:
    found = FeedbackSettings.objects.filter(agency=agency).first()
    return found or FeedbackSettings(agency=agency)


def due_date(agency: Agency, received_at: dt.datetime) -> dt.date:
    """The answer's due day: N working days after the day of reception (the working-day
    calendar of the procedures, with the yearly notice's overrides)."""
    days = settings_for(agency).answer_days
    return timezone.localtime(work_calendar().add_working_days(received_at, days)).date()


def _new_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "PA-" + "".join(secrets.choice(alphabet) for _ in range(8))
        if not FeedbackItem.objects.filter(code=code).exists():
            return code


def check_attachment(upload: Any) -> str:
    """The attachment's content type, checked by its size and first bytes; DomainError else."""
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise DomainError(_("The attachment is larger than 5 MB."), field="attachment")
    head = upload.read(16)
    upload.seek(0)
    for content_type, signatures in _SIGNATURES.items():
        if any(head.startswith(s) for s in signatures):
            return content_type
    raise DomainError(_("Attach a PDF, JPG or PNG file."), field="attachment")


@transaction.atomic
def feedback_submit(
    *,
    agency: Agency,
    kind: str,
    subject: str,
    content: str,
    procedure: Any = None,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    attachment: Any = None,
) -> FeedbackItem:
    """Feedback from the public; returns it with its tracking code."""
    if kind not in FeedbackKind.values:
        raise DomainError(_("Choose what your feedback is about."), field="kind")
    subject, content = (subject or "").strip(), (content or "").strip()
    if not subject or len(subject) > 200:
        raise DomainError(_("Write a subject of at most 200 characters."), field="subject")
    if not content or len(content) > 5000:
        raise DomainError(_("Write your feedback in at most 5000 characters."), field="content")
    if procedure is not None and procedure.agency_id != agency.pk:
        raise DomainError(_("Unknown procedure."), field="procedure")
    content_type = check_attachment(attachment) if attachment else ""
    now = timezone.now()
    item = FeedbackItem(
        agency=agency,
        code=_new_code(),
        kind=kind,
        procedure=procedure,
        subject=subject,
        content=content,
        contact_name=(contact_name or "").strip()[:120],
        contact_phone=(contact_phone or "").strip()[:20],
        contact_email=(contact_email or "").strip()[:254],
        received_at=now,
        due_on=due_date(agency, now),
    )
    if attachment:
        item.attachment_name = (getattr(attachment, "name", "") or "")[-120:]
        item.attachment_type = content_type
        item.attachment.save("upload", attachment, save=False)
    item.save()
    record_created(
        None, "feedback.received", item, ("code", "kind", "subject", "procedure", "due_on")
    )
    return item


def _change(actor: Any, item: FeedbackItem, action: str, note: str = "", **changes: Any) -> None:
    with audited(actor, action, item, FEEDBACK_FIELDS, always=True, note=note):
        for name, value in changes.items():
            setattr(item, name, value)
        item.save()


@transaction.atomic
def feedback_assign(*, actor: Any, item: FeedbackItem, unit: Unit) -> FeedbackItem:
    if actor is not None and not can(actor, ASSIGN, item):
        raise PermissionDenied
    if unit.agency_id != item.agency_id:
        raise DomainError(_("Choose a unit of the agency."), field="unit")
    if item.state not in (FeedbackState.RECEIVED, FeedbackState.ASSIGNED):
        raise DomainError(_("An answered item is not reassigned."))
    _change(actor, item, "feedback.assigned", unit=unit, state=FeedbackState.ASSIGNED)
    return item


@transaction.atomic
def feedback_answer(*, actor: Any, item: FeedbackItem, answer: str) -> FeedbackItem:
    if actor is not None and not can(actor, ANSWER, item):
        raise PermissionDenied
    answer = (answer or "").strip()
    if not answer:
        raise DomainError(_("Write the answer."), field="answer")
    if item.state == FeedbackState.PUBLISHED:
        raise DomainError(_("A published answer is not changed."))
    _change(
        actor,
        item,
        "feedback.answered",
        answer=answer[:10000],
        answered_on=item.answered_on or timezone.localdate(),
        answered_by=actor if getattr(actor, "pk", None) else None,
        state=FeedbackState.ANSWERED,
    )
    return item


@transaction.atomic
def feedback_publish(*, actor: Any, item: FeedbackItem) -> FeedbackItem:
    if actor is not None and not can(actor, PUBLISH, item):
        raise PermissionDenied
    if item.state != FeedbackState.ANSWERED:
        raise DomainError(_("Only an answered item can be published."))
    _change(
        actor,
        item,
        "feedback.published",
        state=FeedbackState.PUBLISHED,
        published_on=timezone.localdate(),
    )
    return item


@transaction.atomic
def feedback_settings_update(
    *, actor: Any, agency: Agency, answer_days: int, remind_days: int
) -> FeedbackSettings:
    if actor is not None and not access.may_manage_agency(actor, agency):
        raise PermissionDenied
    if not 1 <= int(answer_days) <= 60:
        raise DomainError(_("The deadline is between 1 and 60 working days."), field="answer_days")
    if not 0 <= int(remind_days) <= 30:
        raise DomainError(_("Remind 0 to 30 working days before."), field="remind_days")
    item, _created = FeedbackSettings.objects.get_or_create(agency=agency)
    days = {"answer_days": int(answer_days), "remind_days": int(remind_days)}
    save_changes(actor, "feedback_settings.updated", item, SETTINGS_FIELDS, days)
    return item


def feedback_send_reminders(
    *, today: dt.date | None = None, agency: Agency | None = None, dry_run: bool = False
) -> list[FeedbackItem]:
    """E-mail the unit in charge (its heads) — or the secretariat for unassigned items — about
    open items due within the agency's reminder days or overdue; once a day per item."""
    from parindex.org.choices import Role
    from parindex.org.models import Membership

    today = today or timezone.localdate()
    calendar = work_calendar()
    items = FeedbackItem.objects.filter(
        state__in=[FeedbackState.RECEIVED, FeedbackState.ASSIGNED]
    ).filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
    if agency is not None:
        items = items.filter(agency=agency)
    sent = []
    for item in items.select_related("agency", "unit").order_by("due_on", "code"):
        window = settings_for(item.agency).remind_days
        if item.due_on >= today and calendar.working_days_between(today, item.due_on) > window:
            continue
        if item.unit is not None:
            people = Membership.objects.filter(unit=item.unit, role=Role.UNIT_HEAD)
        else:
            people = Membership.objects.filter(agency=item.agency, role=Role.SECRETARIAT)
        emails = sorted({m.user.email for m in people.select_related("user") if m.user.email})
        sent.append(item)
        if dry_run or not emails:
            continue
        overdue = item.due_on < today
        subject = (
            _("Overdue feedback %(code)s") if overdue else _("Feedback %(code)s is due soon")
        ) % {"code": item.code}
        body = _(
            "Feedback %(code)s (%(subject)s) must be answered by %(due)s. Open parindex to answer it."
        ) % {"code": item.code, "subject": item.subject, "due": item.due_on.strftime("%d/%m/%Y")}
        queue_email(EmailMessage(subject, body, None, emails))  # sent by the worker
        FeedbackItem.objects.filter(pk=item.pk).update(last_reminded_on=today)
    return sent
