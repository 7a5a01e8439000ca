"""Plans and their tasks, with the tasks' files and comments."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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
    agency_secretariat,
)
from parindex.workplan.choices import (
    DEFAULT_PROGRESS,
    MANUAL_PROGRESS_STATUSES,
    OPEN_STATUSES,
    AttachmentKind,
    PlanStatus,
    PlanType,
    Recurrence,
    TaskStatus,
)
from parindex.workplan.models.base import (
    MANAGE,
    _upload_to,
    agency_workers_and_viewers,
    today,
)


class Plan(models.Model):
    """A plan of an agency for a year (kế hoạch CCHC năm, chương trình công tác…) and its document."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="plans", verbose_name=_("agency")
    )
    code = models.CharField(
        _("code"), max_length=40, help_text=_("Short code, unique in the agency, e.g. KH-CCHC-2026")
    )
    plan_type = models.CharField(_("type"), max_length=20, choices=PlanType.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=255)
    doc_number = models.CharField(
        _("document number"),
        max_length=60,
        blank=True,
        help_text=_("Số/ký hiệu, e.g. 1891/KH-SKHCN"),
    )
    doc_date = models.DateField(_("document date"), null=True, blank=True)
    doc_summary = models.CharField(_("summary (trích yếu)"), max_length=500, blank=True)
    doc_file = models.FileField(_("document file"), upload_to=_upload_to, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "plan_type", "code"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="workplan_plan_code_unique_in_agency",
                violation_error_message=_("This agency already has a plan with this code."),
            )
        ]
        indexes = [
            # The plan list of an agency for a year.
            models.Index(fields=["agency", "year"], name="workplan_plan_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("workplan:plan_detail", args=[self.pk])

    scope_filter = ScopeRule(
        # Unit members see their agency's plans: their tasks sit under them.
        view=agency_workers_and_viewers,
        write=agency_secretariat,
    )


def _task_assignees(scope: Scope) -> Q:
    return Q(pk__in=Task.assignees.through.objects.filter(user_id=scope.user_id).values("task_id"))


def _task_readers(scope: Scope) -> Q:
    cooperating = Task.cooperating_units.through.objects.filter(
        unit_id__in=scope.member_units
    ).values("task_id")
    return (
        Q(agency__in=scope.secretariat | scope.leader | scope.viewer)
        | Q(lead_unit__in=scope.member_units)
        | Q(pk__in=cooperating)
        | _task_assignees(scope)
    )


def _task_managers(scope: Scope) -> Q:
    return Q(agency__in=scope.secretariat) | Q(lead_unit__in=scope.head_units)


class Task(models.Model):
    """One task of a plan, led by a unit, assigned to people, with a due date and a status."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan")
    )
    # The plan's agency, copied so scope filters and the board need no join.
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    lead_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="led_tasks", verbose_name=_("lead unit")
    )
    cooperating_units = models.ManyToManyField(
        "org.Unit",
        blank=True,
        related_name="cooperating_tasks",
        verbose_name=_("cooperating units"),
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="workplan_tasks",
        verbose_name=_("assignees"),
    )
    assigner = person_link(_("assigned by"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    expected_output = models.CharField(_("expected output (sản phẩm)"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    manual_progress = models.PositiveSmallIntegerField(
        _("progress entered (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    done_at = models.DateField(_("done on"), null=True, blank=True)
    criteria = models.JSONField(
        _("index criteria"),
        default=list,
        blank=True,
        help_text=_("Codes of the PAR Index criteria the task serves, e.g. 3.2.1"),
    )
    criteria_year = models.PositiveSmallIntegerField(_("criteria year"), null=True, blank=True)
    recurrence = models.CharField(
        _("repeats"), max_length=12, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    series = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("repeats task"),
    )
    occurrence = models.PositiveSmallIntegerField(_("occurrence"), default=1)
    inspected_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("unit inspected"),
    )
    template_key = models.CharField(_("template step"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(
                name="workplan_task_progress_0_100",
                condition=Q(manual_progress__isnull=True) | Q(manual_progress__lte=100),
                violation_error_message=_("Progress is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                name="workplan_task_done_has_date",
                condition=~Q(status="done") | Q(done_at__isnull=False),
                violation_error_message=_("A done task needs the date it was done."),
            ),
            models.UniqueConstraint(
                fields=["series", "occurrence"],
                name="workplan_task_occurrence_unique",
                condition=Q(series__isnull=False),
                violation_error_message=_("This occurrence already exists."),
            ),
        ]
        indexes = [
            # Board, calendar, reminders and on-time rate: an agency's tasks by due date.
            models.Index(fields=["agency", "due_date"], name="workplan_task_agency_due"),
            # My unit's tasks and the per-unit on-time rate.
            models.Index(fields=["lead_unit", "due_date"], name="workplan_task_unit_due"),
            # Reminders: open tasks by status and due date.
            models.Index(fields=["status", "due_date"], name="workplan_task_status_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workplan:task_detail", args=[self.pk])

    # Derived state ---------------------------------------------------------------------------

    @property
    def progress(self) -> int:
        """The percentage shown: the status's default, or the entered one where it applies."""
        if self.status in MANUAL_PROGRESS_STATUSES and self.manual_progress is not None:
            return self.manual_progress
        return DEFAULT_PROGRESS[TaskStatus(self.status)]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, on: dt.date | None = None) -> bool:
        """Open and its due date is before `on` (today): due today is not overdue yet."""
        return self.is_open and self.due_date < (on or today())

    def is_due_soon(self, on: dt.date | None = None, days: int = 5) -> bool:
        """Open and due between `on` (today) and `days` working days later, both included."""
        from parindex.dossiers.selectors import working_days_ahead  # the calendar's owner

        on = on or today()
        return self.is_open and on <= self.due_date <= working_days_ahead(on, days)

    @property
    def finished_late(self) -> bool:
        return (
            self.status == TaskStatus.DONE
            and self.done_at is not None
            and (self.done_at > self.due_date)
        )

    def state_label(self, on: dt.date | None = None) -> str:
        """One word for lists: overdue, due soon, on track, done on time, done late, …"""
        if self.status == TaskStatus.DONE:
            return str(_("Done late") if self.finished_late else _("Done on time"))
        if self.status == TaskStatus.CANCELLED:
            return str(_("Cancelled"))
        if self.is_overdue(on):
            return str(_("Overdue"))
        if self.is_due_soon(on):
            return str(_("Due soon"))
        return str(_("On track"))

    def criteria_text(self) -> str:
        return ", ".join(self.criteria or [])

    scope_filter = ScopeRule(
        view=_task_readers,
        write=_task_managers,
        writes=(MANAGE, Action.CREATE, Action.DELETE),
        # Status, progress, outputs: the assignees too.
        extra={Action.CHANGE: lambda s: _task_managers(s) | _task_assignees(s)},
    )


class TaskAttachment(models.Model):
    """An output file (sản phẩm) or a reference (a file or a document number/link) of a task."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("task")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.OUTPUT
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=_upload_to, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=500,
        blank=True,
        help_text=_("A document number or a link, when there is no file"),
    )
    uploaded_by = person_link(_("uploaded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("task attachment")
        verbose_name_plural = _("task attachments")

    def __str__(self) -> str:
        return self.title


class TaskComment(models.Model):
    """A comment on a task, by anyone who may follow it."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="comments", verbose_name=_("task")
    )
    author = person_link(_("author"), blank=False)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]
