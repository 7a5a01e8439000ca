"""Schedules of reports, their generation, and the inbox (deliveries, their e-mail)."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import record
from parindex.common.errors import DomainError
from parindex.reports import documents, periods
from parindex.reports.choices import Frequency, PeriodKind
from parindex.reports.models import ReportDelivery, ReportRun, ReportSchedule
from parindex.reports.registry import get_type
from parindex.reports.services.runs import EMAIL_ATTEMPTS, _require, run_create

FREQUENCY_KIND = {Frequency.MONTHLY: PeriodKind.MONTH, Frequency.QUARTERLY: PeriodKind.QUARTER}


@transaction.atomic
def schedule_create(
    *, actor: Any, agency: Any, type_key: str, frequency: str, recipients: list[Any]
) -> ReportSchedule:
    _require(actor, agency)
    report_type = get_type(type_key)
    if FREQUENCY_KIND[frequency] not in report_type.period_kinds:
        raise DomainError(
            _("This report type cannot be scheduled at this frequency."), field="frequency"
        )
    if ReportSchedule.objects.filter(
        agency=agency, type_key=type_key, frequency=frequency
    ).exists():
        raise DomainError(_("This report already has this schedule."), field="frequency")
    schedule = ReportSchedule.objects.create(agency=agency, type_key=type_key, frequency=frequency)
    schedule.recipients.set(recipients)
    record(
        actor=actor,
        action="report_schedule.created",
        target=schedule,
        after={
            "type_key": type_key,
            "frequency": frequency,
            "recipients": sorted(u.username for u in recipients),
        },
        agency=agency,
    )
    return schedule


@transaction.atomic
def schedule_delete(*, actor: Any, schedule: ReportSchedule) -> None:
    _require(actor, schedule.agency)
    record(
        actor=actor,
        action="report_schedule.deleted",
        target=schedule,
        before={"type_key": schedule.type_key, "frequency": schedule.frequency},
        agency=schedule.agency,
    )
    schedule.delete()


def _may_read(user: Any, run: ReportRun) -> bool:
    return user.is_active and ReportRun.objects.restrict(user).filter(pk=run.pk).exists()


def _delivery_message(delivery: ReportDelivery) -> EmailMessage:
    """The report (DOCX attached) with a link to it in the app. The link is absolute when the
    PARINDEX_BASE_URL setting names the site (e.g. https://cchc.example.vn)."""
    run = delivery.run
    base = getattr(settings, "PARINDEX_BASE_URL", "").rstrip("/")
    body = _(
        "A scheduled report is ready: %(summary)s (%(agency)s).\nOpen it in parindex: %(url)s"
    ) % {
        "summary": run.summary,
        "agency": run.agency.name,
        "url": base + run.get_absolute_url(),
    }
    message = EmailMessage(
        subject=_("Report: %(summary)s") % {"summary": run.summary},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.recipient.email],
    )
    message.attach(documents.filename(run, "docx"), documents.docx_bytes(run), documents.DOCX_TYPE)
    return message


def delivery_email(delivery_id: int, *, attempt: int = 1) -> bool:
    """E-mail one delivery (the worker's side: reports.tasks.email_report): render the DOCX,
    send, stamp ``emailed_at``. Done once: an e-mailed delivery is not sent again, so a retry
    after an unreachable mail server is safe."""
    from parindex.jobs.services import requeue
    from parindex.reports.tasks import email_report

    delivery = (
        ReportDelivery.objects.select_related("run", "run__agency", "recipient")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.emailed_at is not None or not delivery.recipient.email:
        return False
    try:
        sent = _delivery_message(delivery).send() > 0
    except (smtplib.SMTPException, OSError):
        if requeue(email_report, delivery_id, attempt=attempt, attempts=EMAIL_ATTEMPTS):
            return False
        raise
    if sent:
        ReportDelivery.objects.filter(pk=delivery.pk).update(emailed_at=timezone.now())
    return sent


@transaction.atomic
def schedule_generate(*, schedule: ReportSchedule, today: dt.date) -> ReportRun | None:
    """Generate the schedule's report for the last finished period, once; deliver it to every
    recipient who may read the agency's reports (others are skipped, silently for them, and
    named in the audit note)."""
    schedule = ReportSchedule.objects.select_for_update().get(pk=schedule.pk)
    period = periods.containing(today, FREQUENCY_KIND[schedule.frequency]).previous()
    if schedule.last_period_key == period.key:
        return None
    run = run_create(actor=None, agency=schedule.agency, type_key=schedule.type_key, period=period)
    skipped = []
    from parindex.reports.tasks import email_report

    for user in schedule.recipients.all().order_by("username"):
        if not _may_read(user, run):
            skipped.append(user.username)
            continue
        delivery = ReportDelivery.objects.create(run=run, recipient=user, schedule=schedule)
        if user.email:
            # Rendered and sent by the worker (docs/jobs.md), with the schedule's transaction.
            email_report.enqueue(delivery.pk)
    schedule.last_period_key = period.key
    schedule.save(update_fields=["last_period_key"])
    record(
        actor=None,
        action="report_schedule.generated",
        target=schedule,
        after={"run": str(run.uuid), "period": period.key},
        agency=schedule.agency,
        note=("skipped (no access): " + ", ".join(skipped)) if skipped else "",
    )
    return run


def run_scheduled(*, today: dt.date) -> list[ReportRun]:
    made = []
    for schedule in ReportSchedule.objects.filter(is_active=True).order_by("pk"):
        run = schedule_generate(schedule=schedule, today=today)
        if run is not None:
            made.append(run)
    return made


@transaction.atomic
def delivery_mark_read(*, actor: Any, delivery: ReportDelivery) -> None:
    if delivery.recipient_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if delivery.read_at is None:
        delivery.read_at = timezone.now()
        delivery.save(update_fields=["read_at"])
        record(
            actor=actor,
            action="report_delivery.read",
            target=delivery,
            after={"read_at": delivery.read_at},
            agency=delivery.run.agency_id,
        )
