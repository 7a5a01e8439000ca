"""The procedure catalogue (thủ tục hành chính, TTHC) of each agency."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.dossiers.choices import (
    LimitUnit,
    OnlineLevel,
)
from parindex.org.access import (
    RestrictedQuerySet,
    ScopeRule,
    agency_members,
    agency_secretariat,
)
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

    scope_filter = ScopeRule(
        # The catalogue is public inside the agency: every member may read it.
        view=agency_members,
        write=agency_secretariat,
    )
