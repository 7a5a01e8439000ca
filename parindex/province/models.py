"""What the province page keeps between refreshes: each agency's projected index and points
at risk (both read metrics from every register, too costly to recompute for 120 agencies on
every page view; the page reads stage, appraised index and dossier rates live)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.org.access import (
    RestrictedQuerySet,
    ScopeRule,
    agency_readers,
)

POINTS = {"max_digits": 9, "decimal_places": 3}


class Standing(models.Model):
    """An agency's projected index and points at risk for a year, as last computed."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    projected_index = models.DecimalField(_("projected index"), null=True, blank=True, **POINTS)
    points_at_risk = models.DecimalField(_("points at risk"), default=0, **POINTS)
    computed_at = models.DateTimeField(_("computed at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "-year"]
        verbose_name = _("agency standing")
        verbose_name_plural = _("agency standings")
        constraints = [
            # One row per agency and year; the province page reads a year's rows by agency.
            models.UniqueConstraint(fields=["year", "agency"], name="province_standing_unique"),
            models.CheckConstraint(
                condition=Q(points_at_risk__gte=0),
                name="province_standing_risk_not_negative",
                violation_error_message=_("Points at risk cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}"

    scope_filter = ScopeRule(view=agency_readers)
