"""The per-day and per-month counts the import keeps, that the figures read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from parindex.dossiers.choices import (
    Channel,
)
from parindex.dossiers.models.catalogue import Procedure
from parindex.org.models import Agency


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
