"""Satisfaction surveys: question sets, responses and answers (anonymous), receipt invitations."""

from __future__ import annotations

import hashlib
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.citizens.choices import (
    Element,
    QuestionKind,
    ResponseSource,
)
from parindex.dossiers.choices import Channel
from parindex.org.access import (
    Action,
    RestrictedQuerySet,
    ScopeRule,
    agency_members,
    agency_secretariat,
)

#: Extra action on a survey: enter paper and phone forms (the agency's one-stop desk staff).
ENTER = "enter"


class Survey(models.Model):
    """A satisfaction survey of an agency for one year: its question set and its responses."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="surveys", verbose_name=_("agency")
    )
    code = models.CharField(_("code"), max_length=20)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=255)
    is_open = models.BooleanField(
        _("open to the public"),
        default=True,
        help_text=_("Citizens may answer on the web while the survey is open."),
    )
    invitation_days = models.PositiveSmallIntegerField(
        _("invitations valid for (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "-year", "code"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="citizens_survey_code_unique_in_agency",
                violation_error_message=_("This agency already has a survey with this code."),
            ),
            models.CheckConstraint(
                name="citizens_survey_year_range",
                condition=Q(year__gte=2000, year__lte=2100),
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("citizens:survey_detail", args=[self.agency.code, self.code])

    scope_filter = ScopeRule(
        view=agency_members,
        write=agency_secretariat,
        extra={ENTER: lambda s: Q(agency__in=s.secretariat | s.member_agencies)},
    )


class Question(models.Model):
    """One question of a survey: a rating of one of the five elements, free text or profile."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    code = models.CharField(_("question code"), max_length=20)
    text = models.CharField(_("question"), max_length=1000)
    element = models.CharField(_("element"), max_length=12, choices=Element.choices, blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.RATING
    )
    options = models.CharField(
        _("options"),
        max_length=1000,
        blank=True,
        help_text=_("For a profile question: the choices, separated by semicolons."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["survey", "position", "code"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"],
                name="citizens_question_code_unique_in_survey",
                violation_error_message=_("This survey already has a question with this code."),
            ),
            models.CheckConstraint(
                name="citizens_question_rating_has_element",
                condition=~Q(kind=QuestionKind.RATING) | ~Q(element=""),
                violation_error_message=_("A rating question belongs to one of the elements."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"

    @property
    def option_list(self) -> list[str]:
        return [o.strip() for o in self.options.split(";") if o.strip()]


class SurveyResponse(models.Model):
    """One returned form (web, paper or phone). Deliberately without a time or a sequence: see
    the module docstring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    code = models.CharField(_("form number"), max_length=40)
    answered_on = models.DateField(_("date"))
    procedure = models.ForeignKey(
        "dossiers.Procedure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("procedure"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    channel = models.PositiveSmallIntegerField(
        _("channel"), null=True, blank=True, choices=Channel.choices
    )
    source = models.CharField(
        _("source"), max_length=10, choices=ResponseSource.choices, default=ResponseSource.FILE
    )
    extra = models.JSONField(
        _("other answers"), default=dict, blank=True, help_text=_("Free text and profile answers.")
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "answered_on", "code"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"],
                name="citizens_response_code_unique_in_survey",
                violation_error_message=_("This survey already has a form with this number."),
            ),
        ]
        indexes = [
            # survey_index: the responses of a survey in a period.
            models.Index(fields=["survey", "answered_on"], name="citizens_response_period"),
        ]

    def __str__(self) -> str:
        return self.code

    scope_filter = ScopeRule(
        view=lambda s: Q(survey__agency__in=s.agencies_read_all) | Q(unit__in=s.member_units),
        write=lambda s: Q(survey__agency__in=s.secretariat),
    )


class Answer(models.Model):
    """One rated answer (1–5) of a response; unanswered questions have no row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    value = models.PositiveSmallIntegerField(
        _("answer"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                name="citizens_answer_one_per_question",
                violation_error_message=_("A form answers each question once."),
            ),
            models.CheckConstraint(
                name="citizens_answer_scale",
                condition=Q(value__gte=1, value__lte=5),
                violation_error_message=_("An answer is between 1 and 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.code}={self.value}"


class Invitation(models.Model):
    """A one-time link to a survey printed on a dossier's receipt (QR code).

    Only the SHA-256 of its random key is kept; the link carries the key signed with a time
    stamp. Once used, `used` is set — nothing records when, or which response it gave.
    """

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    # No database constraint: the dossiers are partitioned by year on PostgreSQL, with no
    # unique index on id alone to point at (docs/scale.md). Django still deletes the
    # invitations with their dossier; a detached year archives them (dossiers/partitions/).
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("dossier"),
        db_constraint=False,
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    expires_on = models.DateField(_("valid until"))
    used = models.BooleanField(_("used"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "dossier"],
                name="citizens_invitation_one_per_dossier",
                violation_error_message=_("This dossier already has an invitation to the survey."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey.code} / {self.dossier.code}"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    scope_filter = ScopeRule(
        view=lambda s: (
            Q(survey__agency__in=s.agencies_read_all) | Q(dossier__unit__in=s.member_units)
        ),
        write=lambda s: Q(survey__agency__in=s.secretariat) | Q(dossier__unit__in=s.member_units),
        writes=(Action.CREATE, Action.CHANGE),
    )
