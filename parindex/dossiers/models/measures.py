"""Decision 766 records: apology slips (form 04) and procedure review outcomes."""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parindex.common.fields import person_link
from parindex.dossiers.choices import (
    OnlineLevel,
    ReviewDecision,
    ReviewProposal,
)
from parindex.dossiers.models.catalogue import Procedure
from parindex.dossiers.models.dossiers import Dossier
from parindex.org.access import (
    RestrictedQuerySet,
    ScopeRule,
    agency_members,
    agency_secretariat,
)
from parindex.org.models import Agency


def _slip_path(instance: ApologySlip, filename: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", filename)[-80:] or "file"
    return f"dossiers/apology/{timezone.localdate():%Y/%m}/{instance.dossier_id}-{safe}"


class ApologySlip(models.Model):
    """The apology slip with a new appointment date (form 04, phiếu xin lỗi và hẹn lại ngày trả
    kết quả) a unit sends for a late or overdue dossier (docs/domain.md §2). A late dossier without
    one is "missing" in the apology figures (figures.apology_figures)."""

    # No database constraint: PostgreSQL points a foreign key only at a unique index, and the
    # partitioned dossiers have none on id alone (docs/scale.md). Django still deletes the
    # slip with its dossier; a detached year archives its slips (partitions/archive.py).
    dossier = models.OneToOneField(
        Dossier,
        on_delete=models.CASCADE,
        related_name="apology",
        verbose_name=_("dossier"),
        db_constraint=False,
    )
    issued_on = models.DateField(_("issued on"))
    new_due_on = models.DateField(_("new due date"))
    file = models.FileField(_("file"), upload_to=_slip_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = person_link(_("recorded by"))
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

    scope_filter = ScopeRule(
        view=lambda s: (
            Q(dossier__agency__in=s.agencies_read_all) | Q(dossier__unit__in=s.member_units)
        ),
        write=lambda s: Q(dossier__agency__in=s.secretariat) | Q(dossier__unit__in=s.member_units),
    )


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
    created_by = person_link(_("proposed by"))
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

    scope_filter = ScopeRule(view=agency_members, write=agency_secretariat)
