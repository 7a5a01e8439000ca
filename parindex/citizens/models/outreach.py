"""The outreach register (tuyên truyền)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.citizens.choices import (
    OutreachKind,
)
from parindex.org.access import (
    RestrictedQuerySet,
    ScopeRule,
    agency_secretariat_or_unit_heads,
)


class OutreachActivity(models.Model):
    """One outreach activity of the yearly plan: planned on a day, done (or not yet)."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="outreach", verbose_name=_("agency")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="outreach", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OutreachKind.choices)
    topic = models.CharField(_("topic"), max_length=255)
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    planned_on = models.DateField(_("planned for"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    procedures = models.ManyToManyField(
        "dossiers.Procedure", blank=True, related_name="+", verbose_name=_("targeted procedures")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_on", "topic"]
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        indexes = [
            # The register and the yearly plan: an agency's activities by planned day.
            models.Index(fields=["agency", "planned_on"], name="citizens_outreach_planned"),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("citizens:outreach_detail", args=[self.pk])

    @property
    def day(self):
        """The day the activity counts from: when done, else when planned."""
        return self.done_on or self.planned_on

    scope_filter = ScopeRule(
        view=lambda s: Q(agency__in=s.agencies_read_all | s.member_agencies),
        write=agency_secretariat_or_unit_heads,
    )
