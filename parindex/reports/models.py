"""Report runs (a report of one type, agency and period, frozen on creation), schedules, inbox."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.common.fields import person_link
from parindex.org.access import (
    Action,
    RestrictedQuerySet,
    Scope,
    ScopeRule,
    agency_leadership,
    agency_secretariat,
)
from parindex.reports.choices import FileState, Frequency, PeriodKind, RunStatus

# Extra action names understood by ReportRun.scope_filter.
ISSUE = "issue"


class ReportRun(models.Model):
    """One report: its type, agency and period, the data frozen when it was created (snapshot),
    the author's text, and once issued its number, date, signer and recipients (then immutable)."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="report_runs", verbose_name=_("agency")
    )
    type_key = models.CharField(_("report type"), max_length=40)
    type_code = models.CharField(_("document type code"), max_length=4)
    period_kind = models.CharField(_("period kind"), max_length=10, choices=PeriodKind.choices)
    period_year = models.PositiveSmallIntegerField(_("year"))
    period_number = models.PositiveSmallIntegerField(_("period number"), null=True, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    summary = models.CharField(_("summary line"), max_length=500)
    snapshot = models.JSONField(_("frozen data"), default=dict)
    snapshot_taken_at = models.DateTimeField(_("data frozen at"))
    sections = models.JSONField(_("text sections"), default=dict)
    conclusions = models.JSONField(_("conclusions"), default=list, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("number year"), null=True, blank=True)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    signer_authority = models.CharField(_("signer's authority"), max_length=200, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = person_link(_("issued by"))
    docx_sha256 = models.CharField(_("SHA-256 of the issued DOCX"), max_length=64, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )
    created_by = person_link(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "type_code", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="reports_run_number_unique",
                violation_error_message=_("This number is already used this year."),
            ),
            models.CheckConstraint(
                name="reports_run_issued_has_number",
                condition=Q(status="draft", number__isnull=True)
                | Q(
                    status__in=["issued", "superseded"],
                    number__isnull=False,
                    issued_on__isnull=False,
                ),
                violation_error_message=_(
                    "An issued report has a number and a date; a draft none."
                ),
            ),
            models.CheckConstraint(
                name="reports_run_period_order",
                condition=Q(period_end__gte=models.F("period_start")),
                violation_error_message=_("The period ends before it starts."),
            ),
        ]
        indexes = [
            # The reports list: an agency's runs, newest first, filtered by status.
            models.Index(fields=["agency", "status", "-created_at"], name="reports_run_list"),
            # Filter by type and period year.
            models.Index(fields=["type_key", "period_year"], name="reports_run_type_year"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.summary}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.uuid])

    @property
    def reference(self) -> str:
        number = self.number or "…"
        return f"{number}/{self.type_code}-{self.agency.document_code or self.agency.code}"

    @property
    def is_draft(self) -> bool:
        return self.status == RunStatus.DRAFT

    @property
    def period(self):
        from parindex.reports.periods import from_fields

        return from_fields(
            self.period_kind,
            self.period_year,
            self.period_number,
            self.period_start,
            self.period_end,
        )

    @property
    def report_type(self):
        from parindex.reports.registry import get_type

        return get_type(self.type_key)

    @property
    def data(self) -> dict:
        return (self.snapshot or {}).get("data") or {}

    def section_text(self, key: str) -> str:
        return (self.sections or {}).get(key, "")

    scope_filter = ScopeRule(
        # Leaders, viewers, the council and the secretariat read every report of the
        # agency; unit members read what was issued (it is sent to their unit).
        view=lambda s: (
            Q(agency__in=s.agencies_read_all)
            | Q(
                agency__in=s.member_agencies,
                status__in=[RunStatus.ISSUED, RunStatus.SUPERSEDED],
            )
        ),
        write=agency_secretariat,
        writes=(*Action.WRITE, ISSUE),
    )


class ReportSchedule(models.Model):
    """A report generated on a schedule (e.g. the monthly dossier report) for chosen people."""

    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.CASCADE,
        related_name="report_schedules",
        verbose_name=_("agency"),
    )
    type_key = models.CharField(_("report type"), max_length=40)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="report_schedules", verbose_name=_("recipients")
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_period_key = models.CharField(_("last period generated"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "type_key", "frequency"]
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "type_key", "frequency"],
                name="reports_schedule_unique",
                violation_error_message=_("This report already has this schedule."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency.code} · {self.type_key} · {self.get_frequency_display()}"

    scope_filter = ScopeRule(view=agency_leadership, write=agency_secretariat)


class ReportDelivery(models.Model):
    """A report put in one person's in-app inbox (and e-mailed), by a schedule."""

    run = models.ForeignKey(
        ReportRun, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("report")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_deliveries",
        verbose_name=_("recipient"),
    )
    schedule = models.ForeignKey(
        ReportSchedule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("schedule"),
    )
    created_at = models.DateTimeField(_("delivered at"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report delivery")
        verbose_name_plural = _("report deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "recipient"],
                name="reports_delivery_once",
                violation_error_message=_("This report is already in this person's inbox."),
            )
        ]
        indexes = [
            # The inbox: one person's deliveries, newest first.
            models.Index(fields=["recipient", "-created_at"], name="reports_delivery_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.run}"

    def get_absolute_url(self) -> str:
        return self.run.get_absolute_url()

    @staticmethod
    def scope_filter(scope: Scope, action: str) -> Q:
        # An inbox is private, the administrator's included.
        if action in (Action.VIEW, Action.CHANGE):
            return Q(recipient_id=scope.user_id)
        return Q(pk__in=[])


class ReportFile(models.Model):
    """A file of a report made by `parindex worker` (today the PDF, through LibreOffice): its
    state, the worker making it, the reason when it failed, and where it is stored. One per
    version of the run (``version`` changes with every save of a draft)."""

    run = models.ForeignKey(
        ReportRun, on_delete=models.CASCADE, related_name="files", verbose_name=_("report")
    )
    fmt = models.CharField(_("format"), max_length=8)
    version = models.CharField(_("report version"), max_length=64)
    state = models.CharField(
        _("state"), max_length=10, choices=FileState.choices, default=FileState.QUEUED
    )
    message = models.TextField(_("message"), blank=True)
    path = models.CharField(_("stored file"), max_length=500, blank=True)
    worker_id = models.CharField(_("worker"), max_length=64, blank=True)
    requested_by = person_link(_("requested by"))
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        indexes = [
            # The latest file of a run in a format and version (the download and status pages).
            models.Index(fields=["run", "fmt", "version"], name="reports_file_current"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id} {self.fmt} {self.state}"

    @property
    def is_pending(self) -> bool:
        return self.state in (FileState.QUEUED, FileState.RUNNING)
