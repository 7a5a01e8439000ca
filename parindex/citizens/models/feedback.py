"""Feedback on administrative regulations (phản ánh, kiến nghị — PAKN) and its settings."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.citizens.choices import (
    FeedbackKind,
    FeedbackState,
)
from parindex.common.fields import person_link
from parindex.org.access import (
    Action,
    RestrictedQuerySet,
    ScopeRule,
    agency_members,
    agency_readers_or_unit_members,
    agency_secretariat,
    agency_secretariat_or_unit_members,
)

#: Extra actions on feedback: route it to a unit (secretariat), answer it (the unit or the
#: secretariat), publish the answer (secretariat).
ASSIGN = "assign"
ANSWER = "answer"
PUBLISH = "publish"


def _attachment_path(instance: FeedbackItem, filename: str) -> str:
    # The stored name never uses the sender's file name (it is kept apart, for display only).
    return f"citizens/feedback/{uuid.uuid4().hex}"


class FeedbackSettings(models.Model):
    """An agency's rules for feedback: the answer deadline in working days and reminders."""

    agency = models.OneToOneField(
        "org.Agency",
        on_delete=models.CASCADE,
        related_name="feedback_settings",
        verbose_name=_("agency"),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("answer within (working days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    remind_days = models.PositiveSmallIntegerField(
        _("remind (working days before the deadline)"),
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback settings")
        verbose_name_plural = _("feedback settings")
        constraints = [
            models.CheckConstraint(
                name="citizens_feedback_days_range",
                condition=Q(answer_days__gte=1, answer_days__lte=60),
                violation_error_message=_("The deadline is between 1 and 60 working days."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.agency)

    scope_filter = ScopeRule(
        view=agency_members, write=agency_secretariat, writes=(Action.CHANGE, Action.CREATE)
    )


class FeedbackItem(models.Model):
    """A citizen's or business's feedback (phản ánh, kiến nghị), found again by its tracking code."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="feedback", verbose_name=_("agency")
    )
    code = models.CharField(_("tracking code"), max_length=20, unique=True)
    kind = models.CharField(_("about"), max_length=12, choices=FeedbackKind.choices)
    procedure = models.ForeignKey(
        "dossiers.Procedure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("procedure"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    content = models.TextField(_("content"), max_length=5000)
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    attachment = models.FileField(
        _("attachment"), upload_to=_attachment_path, null=True, blank=True, max_length=200
    )
    attachment_name = models.CharField(_("attachment name"), max_length=120, blank=True)
    attachment_type = models.CharField(_("attachment type"), max_length=80, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=FeedbackState.choices, default=FeedbackState.RECEIVED
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("unit in charge"),
    )
    received_at = models.DateTimeField(_("received at"))
    due_on = models.DateField(_("answer due on"))
    answer = models.TextField(_("answer"), max_length=10000, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = person_link(_("answered by"))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    last_reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                name="citizens_feedback_answer_when_answered",
                condition=Q(state__in=[FeedbackState.RECEIVED, FeedbackState.ASSIGNED])
                | Q(answered_on__isnull=False),
                violation_error_message=_("An answered item has an answer date."),
            ),
        ]
        indexes = [
            # The inside list and the director's overdue count: open items of an agency by due day.
            models.Index(fields=["agency", "state", "due_on"], name="citizens_feedback_due"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("citizens:feedback_detail", args=[self.code])

    @property
    def is_open(self) -> bool:
        return self.state in (FeedbackState.RECEIVED, FeedbackState.ASSIGNED)

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_on is None:
            return None
        return self.answered_on <= self.due_on

    scope_filter = ScopeRule(
        view=agency_readers_or_unit_members,
        write=agency_secretariat,
        writes=(ASSIGN, PUBLISH, Action.CHANGE),
        extra={ANSWER: agency_secretariat_or_unit_members},
    )
