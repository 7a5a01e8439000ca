"""Import runs (uploads and their progress) and the calendar overrides."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.common.fields import person_link
from parindex.dossiers.choices import (
    ImportKind,
    ImportState,
)
from parindex.org.access import (
    Action,
    RestrictedQuerySet,
    Scope,
    ScopeRule,
    may_set_national_calendar,
)
from parindex.org.models import Agency


class ImportRun(models.Model):
    """One import of a file (command, upload or API push): who, what, when, and the outcome."""

    # No index of its own: the history index below leads with it.
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="import_runs",
        verbose_name=_("agency"),
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    stored_file = models.CharField(_("stored file"), max_length=500, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    created_by = person_link(_("imported by"))
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ImportState.choices, default=ImportState.QUEUED
    )
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    rows_total = models.PositiveIntegerField(_("rows expected"), null=True, blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    rejected_file = models.CharField(_("rejected rows file"), max_length=500, blank=True)
    message = models.TextField(_("message"), blank=True)
    # The `parindex worker` running it (docs/jobs.md): when that worker dies, the reaper fails
    # the run instead of leaving it running for ever.
    worker_id = models.CharField(_("worker"), max_length=64, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        indexes = [
            # The import history of an agency, newest first.
            models.Index(fields=["agency", "-created_at"], name="dossiers_importrun_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:import_detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.state in (ImportState.QUEUED, ImportState.RUNNING)

    @property
    def percent(self) -> int:
        if self.state in (ImportState.DONE, ImportState.REFUSED, ImportState.FAILED):
            return 100
        if not self.rows_total:
            return 0
        return min(99, int(self.rows_done * 100 / self.rows_total))

    scope_filter = ScopeRule(
        view=lambda s: Q(agency__in=s.secretariat) | Q(created_by_id=s.user_id)
    )


class CalendarDay(models.Model):
    """A day of the government's yearly notice overriding the usual calendar: an extra day off
    or a working Saturday/Sunday (national, shared by every agency)."""

    day = models.DateField(_("day"), unique=True)
    working = models.BooleanField(
        _("working day"), help_text=_("Ticked: a working Saturday/Sunday; not ticked: a day off.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}"

    @staticmethod
    def scope_filter(scope: Scope, action: str) -> Q:
        if scope.is_admin:
            return Q()
        if action == Action.VIEW:
            return Q() if scope.agencies_visible else Q(pk__in=[])
        # The national notice is kept by administrators and a province's PAR secretariat.
        return Q() if may_set_national_calendar(scope) else Q(pk__in=[])
