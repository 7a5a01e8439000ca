"""The registers behind the index criteria on institutions and inspection.

* `LegalDocument` — a legal document (văn bản QPPL) of the year's drafting plan and its path:
  drafting, public consultation, appraisal, submission, issuance, publication or withdrawal.
* `Review` and `ReviewItem` — a self-check or review of issued documents, one verdict a document.
* `Inspection` — an inspection, specialised check, law-enforcement monitoring or PAR check of a
  unit, with its decision, fieldwork, conclusion due date and conclusion.
* `Recommendation` — one follow-up object for every source (inspection conclusion, review, PAR
  check, appraisal deductions, notice of conclusions): owner unit, deadline, amount, criterion;
  it becomes a workplan task of its owner and is done when that task is closed with evidence.

States such as "overdue" or "late" are never stored: they follow from the dates and the day the
figures are read at (`parindex.registers.figures`).
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parindex.org.access import (
    RestrictedQuerySet,
    Scope,
    ScopeRule,
    agency_members,
    agency_secretariat_or_unit_heads,
    agency_secretariat_or_unit_members,
)
from parindex.org.choices import UnitKind
from parindex.registers.choices import (
    DocumentStage,
    InspectionKind,
    RecommendationSource,
    RecommendationState,
    ReviewKind,
    Verdict,
)

#: Extra action on recommendations: report them done or reopen them (the owner unit).
RESOLVE = "resolve"
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def today() -> dt.date:
    """Today in Asia/Ho_Chi_Minh: the default day the registers are read at."""
    return timezone.localdate()


def inspectorate_agencies(scope: Scope) -> Q:
    """Agencies in which the user belongs to an inspectorate unit (Thanh tra Sở), as a filter."""
    from parindex.org.models import Unit

    return Q(
        agency__in=Unit.objects.filter(
            pk__in=scope.member_units, kind=UnitKind.INSPECTORATE
        ).values("agency_id")
    )


class LegalDocument(models.Model):
    """A legal document the agency drafts for the People's Committee, from the drafting plan on."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=500)
    form = models.CharField(_("form"), max_length=60, blank=True)
    lead_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("lead unit")
    )
    plan_year = models.PositiveSmallIntegerField(_("plan year"), validators=YEAR_VALIDATORS)
    submission_due = models.DateField(_("submission deadline"))
    consultation_from = models.DateField(_("posted for comments from"), null=True, blank=True)
    consultation_to = models.DateField(_("posted for comments until"), null=True, blank=True)
    sent_for_appraisal = models.DateField(_("sent for appraisal"), null=True, blank=True)
    appraisal_received = models.DateField(_("appraisal opinion received"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted"), null=True, blank=True)
    issued_on = models.DateField(_("issued"), null=True, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn from the plan"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    task = models.OneToOneField(
        "workplan.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="legal_document",
        verbose_name=_("task"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-plan_year", "submission_due", "code"]
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="registers_legaldoc_code_unique",
                violation_error_message=_("This agency already has a document with this code."),
            ),
            models.CheckConstraint(
                name="registers_legaldoc_submitted_after_appraisal",
                condition=Q(submitted_on__isnull=True)
                | Q(sent_for_appraisal__isnull=True)
                | Q(submitted_on__gte=F("sent_for_appraisal")),
                violation_error_message=_(
                    "A document cannot be submitted before it is sent for appraisal."
                ),
            ),
            models.CheckConstraint(
                name="registers_legaldoc_issued_after_submitted",
                condition=Q(issued_on__isnull=True)
                | Q(submitted_on__isnull=True)
                | Q(issued_on__gte=F("submitted_on")),
                violation_error_message=_("A document cannot be issued before it is submitted."),
            ),
        ]
        indexes = [
            # legal_figures and the register list: an agency's documents of a plan year.
            models.Index(fields=["agency", "plan_year"], name="registers_legaldoc_year"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("registers:document_detail", args=[self.agency.code, self.code])

    def stage(self, on: dt.date | None = None) -> str:
        """The latest step reached by `on` (today)."""
        on = on or today()

        def reached(day: dt.date | None) -> bool:
            return day is not None and day <= on

        if reached(self.withdrawn_on):
            return DocumentStage.WITHDRAWN
        for stage, day in (
            (DocumentStage.PUBLISHED, self.published_on),
            (DocumentStage.ISSUED, self.issued_on),
            (DocumentStage.SUBMITTED, self.submitted_on),
            (DocumentStage.APPRAISED, self.appraisal_received),
            (DocumentStage.APPRAISAL, self.sent_for_appraisal),
            (DocumentStage.CONSULTATION, self.consultation_from),
        ):
            if reached(day):
                return stage
        return DocumentStage.DRAFTING

    def stage_label(self, on: dt.date | None = None) -> str:
        return str(DocumentStage(self.stage(on)).label)

    def is_late(self, on: dt.date | None = None) -> bool:
        """Not submitted (by `on`) and its deadline has passed, or submitted after it."""
        on = on or today()
        if self.withdrawn_on and self.withdrawn_on <= on:
            return False
        if self.submitted_on and self.submitted_on <= on:
            return self.submitted_on > self.submission_due
        return self.submission_due < on

    def timeline(self) -> list[tuple[str, dt.date | None]]:
        """The document's path as (step, date) pairs, in order, for the timeline screen."""
        return [
            (str(_("Deadline to submit")), self.submission_due),
            (str(_("Posted for comments from")), self.consultation_from),
            (str(_("Posted for comments until")), self.consultation_to),
            (str(_("Sent for appraisal")), self.sent_for_appraisal),
            (str(_("Appraisal opinion received")), self.appraisal_received),
            (str(_("Submitted")), self.submitted_on),
            (str(_("Issued")), self.issued_on),
            (str(_("Published")), self.published_on),
            (str(_("Withdrawn from the plan")), self.withdrawn_on),
        ]

    scope_filter = ScopeRule(
        view=agency_members,
        write=lambda s: Q(agency__in=s.secretariat) | Q(lead_unit__in=s.head_units),
    )


class Inspection(models.Model):
    """An inspection, check or monitoring of the inspectorate, or a PAR check of a unit."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    code = models.CharField(_("code"), max_length=40)
    subject = models.CharField(_("subject"), max_length=500)
    kind = models.CharField(_("kind"), max_length=30, choices=InspectionKind.choices)
    plan_year = models.PositiveSmallIntegerField(_("plan year"), validators=YEAR_VALIDATORS)
    planned = models.BooleanField(_("in the plan"), default=True)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("carried out by")
    )
    target = models.CharField(_("inspected"), max_length=500, blank=True)
    target_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit inspected"),
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)
    fieldwork_from = models.DateField(_("fieldwork from"), null=True, blank=True)
    fieldwork_to = models.DateField(_("fieldwork until"), null=True, blank=True)
    conclusion_due = models.DateField(_("conclusion due"), null=True, blank=True)
    concluded_on = models.DateField(_("conclusion issued"), null=True, blank=True)
    conclusion_number = models.CharField(_("conclusion number"), max_length=60, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    fines = models.BigIntegerField(
        _("fines (đồng)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    recoveries = models.BigIntegerField(
        _("recoveries (đồng)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-plan_year", "code"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="registers_inspection_code_unique",
                violation_error_message=_("This agency already has an inspection with this code."),
            ),
            models.CheckConstraint(
                name="registers_inspection_concluded_after_decision",
                condition=Q(concluded_on__isnull=True)
                | Q(decision_on__isnull=True)
                | Q(concluded_on__gte=F("decision_on")),
                violation_error_message=_("A conclusion cannot come before the decision."),
            ),
            models.CheckConstraint(
                name="registers_inspection_amounts_positive",
                condition=(Q(fines__isnull=True) | Q(fines__gte=0))
                & (Q(recoveries__isnull=True) | Q(recoveries__gte=0)),
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]
        indexes = [
            # inspection_figures and the list: an agency's inspections of a plan year.
            models.Index(fields=["agency", "plan_year"], name="registers_inspection_year"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("registers:inspection_detail", args=[self.agency.code, self.code])

    def conclusion_late(self, on: dt.date | None = None) -> bool:
        on = on or today()
        if self.conclusion_due is None:
            return False
        if self.concluded_on and self.concluded_on <= on:
            return self.concluded_on > self.conclusion_due
        return self.conclusion_due < on

    # The inspectorate's staff change inspections; everyone else reads.
    scope_filter = ScopeRule(view=agency_members, write=inspectorate_agencies)


class Review(models.Model):
    """A self-check or review (rà soát) of issued legal documents, ending in verdicts."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ReviewKind.choices, default=ReviewKind.REVIEW
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    done_on = models.DateField(_("date"))
    basis = models.TextField(_("grounds (laws that changed)"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-done_on", "code"]
        verbose_name = _("document review")
        verbose_name_plural = _("document reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="registers_review_code_unique",
                violation_error_message=_("This agency already has a review with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("registers:review_detail", args=[self.agency.code, self.code])

    scope_filter = ScopeRule(view=agency_members, write=agency_secretariat_or_unit_heads)


class ReviewItem(models.Model):
    """The verdict of a review on one document: still valid, amend, replace or repeal."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="items", verbose_name=_("review")
    )
    document = models.ForeignKey(
        LegalDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_items",
        verbose_name=_("document"),
    )
    document_label = models.CharField(_("document (number and title)"), max_length=500, blank=True)
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    note = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["review", "id"]
        verbose_name = _("review verdict")
        verbose_name_plural = _("review verdicts")

    def __str__(self) -> str:
        return self.document_label or str(self.document)


class Recommendation(models.Model):
    """A recommendation to act (kiến nghị, yêu cầu khắc phục), whatever raised it."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    code = models.CharField(_("code"), max_length=40)
    source = models.CharField(
        _("source"),
        max_length=12,
        choices=RecommendationSource.choices,
        default=RecommendationSource.OTHER,
    )
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("inspection"),
    )
    review = models.ForeignKey(
        Review,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("review"),
    )
    source_reference = models.CharField(
        _("source reference"),
        max_length=255,
        blank=True,
        help_text=_("E.g. the notice's number, or the appraisal round"),
    )
    text = models.TextField(_("what must be done"))
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner unit")
    )
    due_date = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    amount = models.BigIntegerField(
        _("amount (đồng)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    criterion = models.CharField(
        _("criterion protected"),
        max_length=20,
        blank=True,
        help_text=_("Code of the PAR Index criterion it protects, e.g. 2.1"),
    )
    task = models.OneToOneField(
        "workplan.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendation",
        verbose_name=_("task"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "code"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="registers_recommendation_code_unique",
                violation_error_message=_(
                    "This agency already has a recommendation with this code."
                ),
            ),
            models.CheckConstraint(
                name="registers_recommendation_amount_positive",
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]
        indexes = [
            # inspection_figures, the board and overdue lists: an agency's items by deadline.
            models.Index(fields=["agency", "due_date"], name="registers_rec_agency_due"),
            # A unit's points at risk: its open items.
            models.Index(fields=["unit", "done_on"], name="registers_rec_unit_done"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("registers:recommendation_detail", args=[self.agency.code, self.code])

    def state(self, on: dt.date | None = None) -> str:
        on = on or today()
        if self.done_on and self.done_on <= on:
            if self.done_on > self.due_date:
                return RecommendationState.DONE_LATE
            return RecommendationState.DONE_ON_TIME
        if self.due_date < on:
            return RecommendationState.OVERDUE
        return RecommendationState.OPEN

    def state_label(self, on: dt.date | None = None) -> str:
        return str(RecommendationState(self.state(on)).label)

    def is_overdue(self, on: dt.date | None = None) -> bool:
        return self.state(on) == RecommendationState.OVERDUE

    def source_label(self) -> str:
        if self.inspection_id:
            return str(self.inspection)
        if self.review_id:
            return str(self.review)
        return self.source_reference or str(RecommendationSource(self.source).label)

    scope_filter = ScopeRule(
        view=agency_members,
        # The secretariat keeps every recommendation; the inspectorate, those of inspections.
        write=lambda s: (
            Q(agency__in=s.secretariat)
            | (
                inspectorate_agencies(s)
                & Q(source__in=[RecommendationSource.INSPECTION, RecommendationSource.PAR_CHECK])
            )
        ),
        extra={RESOLVE: agency_secretariat_or_unit_members},
    )
