"""E-mail goes through the queue: sent by the worker, tried again while the server is away."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from parindex.jobs.tasks import queue_email

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class DownBackend(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


def message() -> EmailMultiAlternatives:
    m = EmailMultiAlternatives("Nhắc việc", "Văn bản", "parindex@example.vn", ["a@example.vn"])
    m.attach_alternative("<p>Văn bản</p>", "text/html")
    m.attach("bao-cao.docx", b"PK\x03\x04 binary", "application/octet-stream")
    return m


def run_worker() -> None:
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_queued_message_is_sent_by_the_worker_whole(settings):
    settings.TASKS = DB_TASKS
    queue_email(message())
    assert mail.outbox == []  # nothing leaves before the worker runs
    run_worker()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Nhắc việc" and sent.to == ["a@example.vn"]
    assert sent.alternatives[0][0] == "<p>Văn bản</p>"
    assert sent.attachments[0][0] == "bao-cao.docx"
    assert sent.attachments[0][1] == b"PK\x03\x04 binary"


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_mail_server_is_tried_again_later(settings):
    settings.TASKS = DB_TASKS
    settings.EMAIL_BACKEND = "parindex.jobs.tests.test_email.DownBackend"
    queue_email(message())
    run_worker()
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == TaskResultStatus.SUCCESSFUL
    assert retry.status == TaskResultStatus.READY and retry.run_after > timezone.now()
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}


def test_the_last_attempt_fails_the_task_instead_of_looping(settings):
    settings.EMAIL_BACKEND = "parindex.jobs.tests.test_email.DownBackend"
    # The tests' immediate queue cannot defer, so the first failure is final and visible.
    from parindex.jobs.tasks import email_to_json, send_email

    result = send_email.enqueue(email_to_json(message()))
    assert result.status == TaskResultStatus.FAILED
