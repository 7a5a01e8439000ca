"""Calendar (iCal) feeds of a person's or a unit's tasks."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.workplan.choices import (
    FeedKind,
)


class CalendarFeed(models.Model):
    """A secret iCal URL for a person's or a unit's tasks; only the key's SHA-256 is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FeedKind.choices)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    prefix = models.CharField(_("prefix"), max_length=12)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                name="workplan_feed_unit_matches_kind",
                condition=Q(kind="person", unit__isnull=True) | Q(kind="unit", unit__isnull=False),
                violation_error_message=_("A unit feed needs a unit."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
