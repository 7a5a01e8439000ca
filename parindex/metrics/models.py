"""Other targets the province assigns (indicator series) and the weekly risk snapshots."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.org.access import (
    Action,
    RestrictedQuerySet,
    ScopeRule,
    agency_readers,
    agency_readers_or_unit_members,
    agency_secretariat_or_unit_heads,
)

VALUE = {"max_digits": 14, "decimal_places": 4}


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Indicator(models.Model):
    """A series the province sets a target on (e.g. a PCI component indicator)."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=500)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    target = models.DecimalField(_("target value"), **VALUE)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    measure = models.CharField(_("unit of measure"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="metrics_indicator_code_unique",
                violation_error_message=_("This agency already has an indicator with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("metrics:indicator_detail", args=[self.pk])

    def meets(self, value) -> bool:
        if self.direction == Direction.LOWER:
            return value <= self.target
        return value >= self.target

    scope_filter = ScopeRule(
        view=agency_readers_or_unit_members,
        write=agency_secretariat_or_unit_heads,
        writes=(Action.CHANGE, Action.CREATE),
    )


class IndicatorValue(models.Model):
    """The value of an indicator for one period (identified by the period's last day)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), **VALUE)
    note = models.CharField(_("note"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_end"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_end"],
                name="metrics_value_period_unique",
                violation_error_message=_("This indicator already has a value for this period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_end:%d/%m/%Y}: {self.value}"

    scope_filter = ScopeRule.via("indicator", Indicator)


class RiskSnapshot(models.Model):
    """The risk list of an agency as the weekly summary saw it, to tell what changed."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    taken_on = models.DateField(_("taken on"))
    items = models.JSONField(_("items"), default=list)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "-taken_on"]
        verbose_name = _("risk snapshot")
        verbose_name_plural = _("risk snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "taken_on"], name="metrics_snapshot_day_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.taken_on}"

    scope_filter = ScopeRule(view=agency_readers)
