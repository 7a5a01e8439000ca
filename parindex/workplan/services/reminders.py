"""`send_reminders`: one digest e-mail a person (docs/workplan.md, "Reminders")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from parindex.audit.services import record
from parindex.jobs.tasks import queue_email
from parindex.org.models import Agency
from parindex.workplan.selectors import DUE_SOON_DAYS, Digest, digests


@dataclass
class ReminderResult:
    sent: int = 0
    without_email: int = 0
    people: int = 0


def render_digest(digest: Digest, base_url: str = "") -> tuple[str, str, str]:
    """(subject, text, html) of a digest, in the person's language (Vietnamese by default)."""
    language = getattr(digest.user, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        ctx = {"digest": digest, "base_url": base_url.rstrip("/"), "user": digest.user}
        subject = _("[parindex] Reminder: %(overdue)s overdue, %(soon)s due soon") % {
            "overdue": len(digest.overdue) + len(digest.unit_overdue),
            "soon": len(digest.due_soon),
        }
        text = render_to_string("workplan/email/digest.txt", ctx)
        html = render_to_string("workplan/email/digest.html", ctx)
    return subject, text, html


def send_reminders(
    *,
    days: int = DUE_SOON_DAYS,
    on: dt.date | None = None,
    agency: Agency | None = None,
    base_url: str = "",
    dry_run: bool = False,
) -> ReminderResult:
    """E-mail each person with something to be reminded of exactly one digest.

    Nothing is sent to people whose digest is empty; people without an e-mail address are
    counted, not sent to. One audit row records the run.
    """
    result = ReminderResult()
    messages = []
    for digest in digests(on=on, days=days, agency=agency):
        result.people += 1
        if not digest.user.email:
            result.without_email += 1
            continue
        subject, text, html = render_digest(digest, base_url)
        message = EmailMultiAlternatives(
            subject, text, settings.DEFAULT_FROM_EMAIL, [digest.user.email]
        )
        message.attach_alternative(html, "text/html")
        messages.append(message)
    if messages and not dry_run:
        # Sent by the worker, which tries again while the mail server is away (docs/jobs.md).
        for message in messages:
            queue_email(message)
        result.sent = len(messages)
    if result.people and not dry_run:
        record(
            actor=None,
            action="workplan.reminders_sent",
            agency=agency,
            note=f"days={days} people={result.people} sent={result.sent} "
            f"without_email={result.without_email}",
        )
    return result
