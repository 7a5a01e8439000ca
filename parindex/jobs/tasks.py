"""E-mail through the task queue: composed where it is decided (a command, a service), sent by
`parindex worker`, tried again when the mail server is unreachable (docs/jobs.md)."""

from __future__ import annotations

import base64
import logging
import smtplib
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django_tasks import task

from parindex.jobs.services import requeue

logger = logging.getLogger(__name__)

#: Sending is repeated only after it failed (the server did not take the message).
EMAIL_ATTEMPTS = 4


def email_to_json(message: EmailMessage) -> dict[str, Any]:
    """The parts of a message the queue can store (JSON); attachments as base64."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = content
    attachments = []
    for name, content, mimetype in message.attachments:
        data = content.encode() if isinstance(content, str) else content
        attachments.append(
            {"name": name, "content": base64.b64encode(data).decode(), "mimetype": mimetype}
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "reply_to": list(message.reply_to),
        "html": html,
        "attachments": attachments,
    }


def email_from_json(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data.get("from_email"),
        to=data.get("to") or [],
        cc=data.get("cc") or [],
        reply_to=data.get("reply_to") or [],
    )
    if data.get("html"):
        message.attach_alternative(data["html"], "text/html")
    for item in data.get("attachments") or []:
        message.attach(item["name"], base64.b64decode(item["content"]), item["mimetype"])
    return message


def queue_email(message: EmailMessage) -> None:
    """Hand a message to the worker (the tests' queue sends it at once)."""
    send_email.enqueue(email_to_json(message))


@task()
def send_email(message: dict[str, Any], attempt: int = 1) -> int:
    """Send one queued message; when the mail server cannot be reached, try again later (with
    a growing delay) before failing the task."""
    try:
        return email_from_json(message).send()
    except (smtplib.SMTPException, OSError) as exc:
        if requeue(send_email, message, attempt=attempt, attempts=EMAIL_ATTEMPTS):
            logger.warning("e-mail to %s postponed (attempt %s): %s", message["to"], attempt, exc)
            return 0
        raise
