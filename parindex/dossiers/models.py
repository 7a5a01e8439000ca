"""The procedure catalogue (TTHC), dossiers (hồ sơ), import history and calendar overrides."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parindex.dossiers.choices import (
    Channel,
    ImportKind,
    ImportState,
    LimitUnit,
    OnlineLevel,
    OnlinePayment,
    Outcome,
    ReviewDecision,
    ReviewProposal,
    Status,
)
from parindex.org.access import Action, RestrictedQuerySet, Scope, may_set_national_calendar
from parindex.org.models import Agency, Unit


class Procedure(models.Model):
    """An administrative procedure (TTHC) an agency handles, from the national catalogue."""

    # No index of its own: the unique (agency, code) index leads with it.
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="procedures",
        verbose_name=_("agency"),
        db_index=False,
    )
    code = models.CharField(_("national code"), max_length=40)
    name = models.CharField(_("name"), max_length=1000)
    field = models.CharField(_("field"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("handling unit"),
    )
    time_limit = models.DecimalField(
        _("time limit"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    limit_unit = models.CharField(
        _("time-limit unit"),
        max_length=20,
        choices=LimitUnit.choices,
        default=LimitUnit.WORKING_DAYS,
    )
    online_level = models.CharField(
        _("online level"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    fee = models.BigIntegerField(_("fee (đồng)"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    decision = models.CharField(_("publication decision"), max_length=255, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    # Decision 766 "procedures published on time": the publication decision's date against
    # the day the legal basis (the law, decree or circular behind the procedure) takes effect.
    basis_effective_on = models.DateField(_("legal basis takes effect on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "code"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="dossiers_procedure_code_unique_in_agency",
                violation_error_message=_("This agency already has a procedure with this code."),
            ),
            models.CheckConstraint(
                name="dossiers_procedure_fee_not_negative",
                condition=Q(fee__gte=0),
                violation_error_message=_("A fee cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:procedure_detail", args=[self.agency.code, self.code])

    @property
    def is_online(self) -> bool:
        return self.online_level != OnlineLevel.NONE

    @property
    def publication(self) -> str:
        """``on_time`` (published on or before the basis takes effect), ``late`` (after it),
        ``missing`` (not published), or ``""`` when the basis' date is not known."""
        if self.basis_effective_on is None:
            return ""
        if self.published_on is None:
            return "missing"
        return "on_time" if self.published_on <= self.basis_effective_on else "late"

    @staticmethod
    def scope_filter(scope: Scope, action: str) -> Q:
        if scope.is_admin:
            return Q()
        if action == Action.VIEW:
            # The catalogue is public inside the agency: every member may read it.
            return Q(agency__in=scope.agencies_visible)
        if action in (Action.CHANGE, Action.CREATE, Action.DELETE):
            return Q(agency__in=scope.secretariat)
        return Q(pk__in=[])


class Dossier(models.Model):
    """One dossier (hồ sơ) received for a procedure, as the one-stop system exported it.

    ``ended_at`` is the end used by the figures: ``finished_at``, or for a withdrawn (7) or
    stopped (8) dossier without one, its result date. The ``*_on`` dates are the local
    (Asia/Ho_Chi_Minh) dates of those moments, kept so the figures filter on indexed dates.
    ``counted`` is false for statuses 1 and 3, which never count (docs/formats.md §5).
    """

    # No index of its own: the unique (agency, code) index and the three below lead with it.
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("agency"),
        db_index=False,
    )
    code = models.CharField(_("dossier code"), max_length=60)
    # No indexes of their own: nothing looks dossiers up by unit or procedure alone (the
    # figures read DossierCount), and every index slows the import down.
    procedure = models.ForeignKey(
        Procedure,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("procedure"),
        db_index=False,
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("unit"),
        db_index=False,
    )
    channel = models.PositiveSmallIntegerField(
        _("channel"), choices=Channel.choices, default=Channel.DIRECT
    )
    received_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(_("due at"))
    finished_at = models.DateTimeField(_("processing finished at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("result returned at"), null=True, blank=True)
    status = models.PositiveSmallIntegerField(_("status"), choices=Status.choices)
    supplement_count = models.PositiveIntegerField(_("supplement requests"), default=0)
    online_payment = models.PositiveSmallIntegerField(
        _("paid online"), choices=OnlinePayment.choices, default=OnlinePayment.NO
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("due on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    counted = models.BooleanField(_("counted"), default=True)
    outcome = models.PositiveSmallIntegerField(
        _("outcome"), choices=Outcome.choices, default=Outcome.OPEN
    )
    # A 64-bit digest of the imported fields (services/writes.row_hash): a re-import compares
    # it in SQL and touches only the rows whose digest differs. Empty for rows written before
    # it existed (or outside the import): those are compared field by field once.
    row_hash = models.BigIntegerField(_("row digest"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "code"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="dossiers_dossier_code_unique_in_agency",
                violation_error_message=_("This agency already has a dossier with this code."),
            ),
            models.CheckConstraint(
                name="dossiers_dossier_due_after_received",
                condition=Q(due_at__gte=models.F("received_at")),
                violation_error_message=_("The due date cannot be before the reception."),
            ),
            models.CheckConstraint(
                name="dossiers_dossier_end_after_received",
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("received_at")),
                violation_error_message=_("The end cannot be before the reception."),
            ),
            models.CheckConstraint(
                name="dossiers_dossier_status_known",
                condition=Q(status__gte=1, status__lte=10),
                violation_error_message=_("Unknown dossier status."),
            ),
        ]
        indexes = [
            # The drill-down lists behind the figures: dossiers received in a period, and
            # dossiers ended in a period or still open at its end (the figures themselves read
            # DossierCount).
            models.Index(fields=["agency", "received_on"], name="dossiers_agency_received"),
            models.Index(fields=["agency", "ended_on"], name="dossiers_agency_ended"),
            # Dossier lists, newest first.
            models.Index(fields=["agency", "-received_at"], name="dossiers_agency_list"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("dossiers:dossier_detail", args=[self.agency.code, self.code])

    @property
    def is_late(self) -> bool:
        return self.outcome == Outcome.LATE

    @staticmethod
    def scope_filter(scope: Scope, action: str) -> Q:
        if scope.is_admin:
            return Q()
        if action == Action.VIEW:
            # Leaders, secretariat, viewers and appraisers read the agency; unit people their unit.
            return Q(agency__in=scope.agencies_read_all) | Q(unit__in=scope.member_units)
        if action in (Action.CHANGE, Action.CREATE, Action.DELETE):
            return Q(agency__in=scope.secretariat)
        if action == APOLOGIZE:
            # The handling unit sends the slip; the secretariat may record it for any unit.
            return Q(agency__in=scope.secretariat) | Q(unit__in=scope.member_units)
        return Q(pk__in=[])


#: The action of recording a dossier's apology slip (form 04).
APOLOGIZE = "apologize"


def _slip_path(instance: ApologySlip, filename: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", filename)[-80:] or "file"
    return f"dossiers/apology/{timezone.localdate():%Y/%m}/{instance.dossier_id}-{safe}"


class ApologySlip(models.Model):
    """The apology slip with a new appointment date (form 04, phiếu xin lỗi và hẹn lại ngày trả
    kết quả) a unit sends for a late or overdue dossier (docs/domain.md §2). A late dossier without
    one is "missing" in the apology figures (figures.apology_figures)."""

    dossier = models.OneToOneField(
        Dossier,
        on_delete=models.CASCADE,
        related_name="apology",
        verbose_name=_("dossier"),
    )
    issued_on = models.DateField(_("issued on"))
    new_due_on = models.DateField(_("new due date"))
    file = models.FileField(_("file"), upload_to=_slip_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("apology slip")
        verbose_name_plural = _("apology slips")
        constraints = [
            models.CheckConstraint(
                name="dossiers_apology_new_due_after_issue",
                condition=Q(new_due_on__gte=models.F("issued_on")),
                violation_error_message=_("The new due date cannot be before the slip."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier} – {self.issued_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return self.dossier.get_absolute_url()

    @staticmethod
    def scope_filter(scope: Scope, action: str) -> Q:
        if scope.is_admin:
            return Q()
        if action == Action.VIEW:
            return Q(dossier__agency__in=scope.agencies_read_all) | Q(
                dossier__unit__in=scope.member_units
            )
        if action in (Action.CHANGE, Action.CREATE, Action.DELETE):
            return Q(dossier__agency__in=scope.secretariat) | Q(
                dossier__unit__in=scope.member_units
            )
        return Q(pk__in=[])


class ProcedureReview(models.Model):
    """The outcome of reviewing one procedure (the director's notice asks the review to end in
    a decision): what was proposed — simplify it, promote its online service, re-register its
    online level — and what was decided, when, by which document."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="procedure_reviews",
        verbose_name=_("agency"),
        db_index=False,
    )
    procedure = models.ForeignKey(
        Procedure,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("procedure"),
    )
    proposal = models.CharField(_("proposal"), max_length=20, choices=ReviewProposal.choices)
    proposed_level = models.CharField(
        _("proposed online level"),
        max_length=10,
        choices=OnlineLevel.choices,
        blank=True,
        help_text=_("For a re-registration of the online level."),
    )
    reason = models.TextField(_("reason"), blank=True)
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=ReviewDecision.choices,
        default=ReviewDecision.PENDING,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_ref = models.CharField(_("decision document"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("procedure review")
        verbose_name_plural = _("procedure reviews")
        indexes = [
            # The review list of an agency, newest first.
            models.Index(fields=["agency", "-created_at"], name="dossiers_review_agency"),
        ]
        constraints = [
            models.CheckConstraint(
                name="dossiers_review_decided_has_date",
                condition=Q(decision=ReviewDecision.PENDING) | Q(decided_on__isnull=False),
                violation_error_message=_("A decision needs its date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} – {self.get_proposal_display()}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:review_outcomes") + f"?agency={self.agency.code}"

    @staticmethod
    def scope_filter(scope: Scope, action: str) -> Q:
        if scope.is_admin:
            return Q()
        if action == Action.VIEW:
            return Q(agency__in=scope.agencies_visible)
        if action in (Action.CHANGE, Action.CREATE, Action.DELETE):
            return Q(agency__in=scope.secretariat)
        return Q(pk__in=[])


class DossierCount(models.Model):
    """How many counted dossiers a day (or a month) holds per unit × procedure × channel, by
    the date each figure reads: received (and of them paid online), ended early / on time /
    late, due, and "closed after due" (the later of the due and end dates). The figures (docs/formats.md §6) add these up
    instead of reading the dossiers; the import keeps them in step (services/counts.py).

    Pending at D is Σ received ≤ D − Σ ended ≤ D, and pending-overdue at D is
    Σ due ≤ D − Σ closed-after-due ≤ D, because neither an end nor a due date comes before
    the reception. Month rows let a year of figures read a few rows per month; day rows serve
    the days of a period that do not fill a month.
    """

    class Grain(models.IntegerChoices):
        DAY = 1, _("day")
        MONTH = 2, _("month")

    # Derived rows, written by the thousand: no foreign-key constraints in the database (a
    # look-up per written row for each; Django still deletes them with their agency or
    # procedure, and a procedure with dossiers cannot be deleted anyway). No index on the
    # agency alone: the unique key leads with it, and PostgreSQL chose the single-column index
    # for the figures and then read every count row of the agency (issue 17: 370 ms → 65 ms).
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agency"),
        db_constraint=False,
        db_index=False,
    )
    grain = models.PositiveSmallIntegerField(_("grain"), choices=Grain.choices)
    day = models.DateField(_("day"), help_text=_("The first day of the month for month rows."))
    # The unit's id, 0 for dossiers without a unit: a NULL would never meet the unique
    # constraint, and the import's upsert relies on it.
    unit_key = models.IntegerField(_("unit"))
    procedure = models.ForeignKey(
        Procedure,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("procedure"),
        db_index=False,
        db_constraint=False,
    )
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Channel.choices)
    received = models.IntegerField(_("received"), default=0)
    early = models.IntegerField(_("early"), default=0)
    on_time = models.IntegerField(_("on time"), default=0)
    late = models.IntegerField(_("late"), default=0)
    due = models.IntegerField(_("due"), default=0)
    closed_due = models.IntegerField(_("ended and due"), default=0)
    # Received dossiers paid online (docs/formats.md §6 ``paid_online``), on the reception date. The
    # fee-payable count is not kept here: it reads the procedure's fee as it is now.
    paid_online = models.IntegerField(_("paid online"), default=0)

    class Meta:
        verbose_name = _("dossier count")
        verbose_name_plural = _("dossier counts")
        constraints = [
            # The key of the import's upsert, and the range scans of the figures (agency,
            # grain, then a range of days).
            models.UniqueConstraint(
                fields=["agency", "grain", "day", "unit_key", "procedure", "channel"],
                name="dossiers_count_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}"


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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
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

    @staticmethod
    def scope_filter(scope: Scope, action: str) -> Q:
        if scope.is_admin:
            return Q()
        if action == Action.VIEW:
            return Q(agency__in=scope.secretariat) | Q(created_by_id=scope.user_id)
        return Q(pk__in=[])


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
