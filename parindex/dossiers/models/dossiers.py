"""Dossiers (hồ sơ) as the one-stop system exports them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.dossiers.choices import (
    Channel,
    OnlinePayment,
    Outcome,
    Status,
)
from parindex.dossiers.models.catalogue import Procedure
from parindex.org.access import (
    RestrictedQuerySet,
    ScopeRule,
    agency_readers_or_unit_members,
    agency_secretariat,
    agency_secretariat_or_unit_members,
)
from parindex.org.models import Agency, Unit

#: The action of recording a dossier's apology slip (form 04).
APOLOGIZE = "apologize"


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

    scope_filter = ScopeRule(
        # Leaders, secretariat, viewers and appraisers read the agency; unit people their unit.
        view=agency_readers_or_unit_members,
        write=agency_secretariat,
        # The handling unit sends the slip; the secretariat may record it for any unit.
        extra={APOLOGIZE: agency_secretariat_or_unit_members},
    )
