"""The units' innovation initiatives (sáng kiến CCHC), their files and exemptions."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.common.fields import person_link
from parindex.org.access import (
    Action,
    RestrictedQuerySet,
    ScopeRule,
    agency_secretariat,
    agency_secretariat_or_unit_heads,
)
from parindex.workplan.choices import (
    InitiativeStatus,
)
from parindex.workplan.models.base import (
    EVALUATE,
    _upload_to,
    agency_workers_and_viewers,
)


class Initiative(models.Model):
    """A unit's innovation initiative in PAR for a year (sáng kiến / giải pháp đổi mới)."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=500)
    problem = models.TextField(_("problem addressed"), blank=True)
    solution = models.TextField(_("solution"), blank=True)
    expected_effect = models.TextField(_("expected effect"), blank=True)
    owner = person_link(_("owner"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.REGISTERED,
    )
    board_notes = models.TextField(_("evaluation board's notes"), blank=True)
    board_score = models.DecimalField(
        _("evaluation score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "unit__code"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="workplan_initiative_one_per_unit_year",
                violation_error_message=_(
                    "This unit already registered its initiative for this year."
                ),
            ),
            models.CheckConstraint(
                name="workplan_initiative_dates_ordered",
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [
            # The register of an agency for a year, and initiative coverage.
            models.Index(fields=["agency", "year"], name="workplan_init_agency_year"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workplan:initiative_detail", args=[self.pk])

    scope_filter = ScopeRule(
        # The register is the agency's: every member of it may read it.
        view=agency_workers_and_viewers,
        write=agency_secretariat_or_unit_heads,
        writes=(Action.CHANGE, Action.CREATE),
        extra={(EVALUATE, Action.DELETE): agency_secretariat},
    )


class InitiativeAttachment(models.Model):
    """A file of an initiative: the registration form, the report, the evaluation minutes…"""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("initiative"),
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=_upload_to)
    uploaded_by = person_link(_("uploaded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("initiative file")
        verbose_name_plural = _("initiative files")

    def __str__(self) -> str:
        return self.title


class InitiativeExemption(models.Model):
    """A unit that does not have to register an initiative (e.g. a unit being merged)."""

    unit = models.OneToOneField(
        "org.Unit",
        on_delete=models.CASCADE,
        related_name="initiative_exemption",
        verbose_name=_("unit"),
    )
    reason = models.CharField(_("reason"), max_length=255)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("initiative exemption")
        verbose_name_plural = _("initiative exemptions")

    def __str__(self) -> str:
        return f"{self.unit} ({self.reason})"
