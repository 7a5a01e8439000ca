"""The job-position scheme, staff records, training, the rotation plan and the yearly rating.

Staff records are personal data: a full record is read only by the agency's secretariat, its
leaders and the person; a unit head sees the names, positions and ranks of the unit (action
``list``); exports are the secretariat's alone (action ``export``). Every read of a full record
writes an audit row (``staff.viewed``, see ``services.staff_record_read``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parindex.common.fields import person_link
from parindex.org.access import (
    Action,
    RestrictedQuerySet,
    Scope,
    ScopeRule,
    agency_leadership,
    agency_members,
    agency_secretariat,
)
from parindex.people.choices import PositionGroup, RatingLevel, RatingStage

#: Extra actions: see the short record of a unit's people; export personal data.
LIST = "list"
EXPORT = "export"
#: Rating actions: the person writes the self-assessment, the head proposes, the leader decides.
SELF_ASSESS = "self_assess"
PROPOSE = "propose"
DECIDE = "decide"
#: Record a course completion (the secretariat, the person, the unit head).
COMPLETE = "complete"

#: Rotation period when neither the command nor the position names one (years).
DEFAULT_ROTATION_YEARS = 3


def _certificate_upload_to(instance: models.Model, filename: str) -> str:
    return f"people/certificates/{timezone.localdate():%Y/%m}/{filename}"


class Position(models.Model):
    """A job position of the approved scheme (vị trí việc làm) in one unit, with its headcount."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="positions", verbose_name=_("agency")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit")
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    group = models.CharField(_("group"), max_length=20, choices=PositionGroup.choices)
    required_ranks = models.JSONField(
        _("required ranks"), default=list, blank=True, help_text=_("Empty: any rank matches.")
    )
    headcount = models.PositiveIntegerField(_("approved headcount"), default=0)
    rotation_years = models.PositiveSmallIntegerField(
        _("rotation period (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("For staff of this position who must rotate; empty: 3 years."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "unit__code", "code"]
        verbose_name = _("job position")
        verbose_name_plural = _("job positions")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="people_position_code_unique_in_agency",
                violation_error_message=_("This agency already has a position with this code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("people:position_list") + f"?agency={self.agency.code}&q={self.code}"

    @property
    def is_leadership(self) -> bool:
        return self.group == PositionGroup.LEADERSHIP

    scope_filter = ScopeRule(view=agency_members, write=agency_secretariat)


class StaffingQuota(models.Model):
    """The staffing quota (biên chế) a unit is given for a year."""

    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="staffing_quotas",
        verbose_name=_("agency"),
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="staffing_quotas", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quota = models.PositiveIntegerField(_("staffing quota"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "-year", "unit__code"]
        verbose_name = _("staffing quota")
        verbose_name_plural = _("staffing quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="people_quota_unique_per_unit_year",
                violation_error_message=_("This unit already has a quota for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.year}: {self.quota}"

    scope_filter = Position.scope_filter


def _staff_seen_by(scope: Scope) -> Q:
    """The agency's secretariat and leaders, and the person themself."""
    full = agency_leadership(scope)
    if scope.user_id is not None:
        full |= Q(user_id=scope.user_id)
    return full


def _own_staff(scope: Scope) -> Q:
    """Rows about the user's own staff record."""
    return Q(staff__user_id=scope.user_id) if scope.user_id is not None else Q(pk__in=[])


class StaffMember(models.Model):
    """A person working in the agency (cán bộ, công chức, viên chức): personal data."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="staff", verbose_name=_("agency")
    )
    code = models.CharField(_("staff code"), max_length=40)
    full_name = models.CharField(_("full name"), max_length=150)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="staff", verbose_name=_("unit")
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="holders",
        verbose_name=_("position"),
    )
    rank = models.CharField(_("rank"), max_length=100, blank=True)
    placed_on = models.DateField(_("in the position since"), null=True, blank=True)
    must_rotate = models.BooleanField(_("position must rotate"), default=False)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    user = person_link(_("user account"), related_name="staff_records")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "unit__code", "full_name", "code"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="people_staff_code_unique_in_agency",
                violation_error_message=_("This agency already has a staff member with this code."),
            ),
            models.UniqueConstraint(
                fields=["agency", "user"],
                condition=Q(user__isnull=False),
                name="people_staff_one_record_per_account",
                violation_error_message=_("This account is already linked to a staff record."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(placed_on__isnull=True)
                | Q(left_on__gte=models.F("placed_on")),
                name="people_staff_left_after_placed",
                violation_error_message=_("The leaving date is before the placement date."),
            ),
        ]
        indexes = [
            # Unit lists and figures: the staff of one unit.
            models.Index(fields=["unit", "full_name"], name="people_staff_unit_name"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("people:staff_detail", args=[self.agency.code, self.code])

    def is_present(self, on: dt.date) -> bool:
        """Counted on `on`: not yet left (the leaving day itself still counts)."""
        return self.left_on is None or self.left_on >= on

    scope_filter = ScopeRule(
        view=_staff_seen_by,
        write=agency_secretariat,
        writes=(*Action.WRITE, EXPORT),
        extra={LIST: lambda s: _staff_seen_by(s) | Q(unit__in=s.head_units)},
    )


class TrainingRecord(models.Model):
    """One person in one course of the yearly training plan (đào tạo, bồi dưỡng)."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="training", verbose_name=_("agency")
    )
    course_code = models.CharField(_("course code"), max_length=40)
    course_name = models.CharField(_("course"), max_length=255, blank=True)
    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="training", verbose_name=_("person")
    )
    in_plan = models.BooleanField(_("in the plan"), default=True)
    plan_year = models.PositiveSmallIntegerField(
        _("plan year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    certificate = models.FileField(
        _("certificate"), upload_to=_certificate_upload_to, blank=True, max_length=255
    )
    certificate_name = models.CharField(_("certificate file name"), max_length=255, blank=True)
    certificate_sha256 = models.CharField(_("certificate SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "-plan_year", "course_code", "staff__code"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "course_code", "staff"],
                name="people_training_unique_course_person",
                violation_error_message=_("This person is already in this course."),
            ),
        ]
        indexes = [
            # staffing_figures and the completion screen: one agency's plan of a year.
            models.Index(fields=["agency", "plan_year"], name="people_training_plan_year"),
        ]

    def __str__(self) -> str:
        return f"{self.course_code} · {self.staff.full_name}"

    def get_absolute_url(self) -> str:
        return reverse("people:training_detail", args=[self.pk])

    scope_filter = ScopeRule(
        view=lambda s: agency_leadership(s) | _own_staff(s) | Q(staff__unit__in=s.head_units),
        write=agency_secretariat,
        writes=(*Action.WRITE, EXPORT),
        extra={
            COMPLETE: lambda s: (
                Q(agency__in=s.secretariat) | _own_staff(s) | Q(staff__unit__in=s.head_units)
            )
        },
    )


class RotationPlanEntry(models.Model):
    """One person in the agency's yearly rotation plan (kế hoạch chuyển đổi vị trí công tác)."""

    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="rotation_plan",
        verbose_name=_("agency"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="rotations", verbose_name=_("person")
    )
    to_position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to position"),
    )
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    done_on = models.DateField(_("rotated on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "-year", "staff__full_name"]
        verbose_name = _("rotation plan entry")
        verbose_name_plural = _("rotation plan")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "year"],
                name="people_rotation_once_a_year",
                violation_error_message=_("This person is already in this year's rotation plan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.staff.full_name}"

    scope_filter = ScopeRule(
        write=agency_secretariat, extra={(Action.VIEW, LIST): agency_leadership}
    )


class RatingSeason(models.Model):
    """An agency's yearly rating season and its "xuất sắc" cap."""

    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="rating_seasons",
        verbose_name=_("agency"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    excellent_cap_percent = models.DecimalField(
        _("cap on “excellent” (% of “good”)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(20),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "-year"]
        verbose_name = _("rating season")
        verbose_name_plural = _("rating seasons")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="people_season_once_a_year",
                violation_error_message=_("This agency already has a rating season for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.code} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("people:season", args=[self.agency.code, self.year])

    scope_filter = ScopeRule(
        view=lambda s: Q(agency__in=s.secretariat | s.leader | s.member_agencies),
        write=agency_secretariat,
    )


def _season_leaders(scope: Scope) -> Q:
    return Q(season__agency__in=scope.leader)


def _rating_heads(scope: Scope) -> Q:
    """The head of the person's unit rates them, never themself."""
    return Q(staff__unit__in=scope.head_units) & ~_own_staff(scope)


class Rating(models.Model):
    """One person's yearly rating: self-assessment, the head's proposal, the decision.

    parindex never picks a level: the head proposes one and the competent level decides.
    """

    season = models.ForeignKey(
        RatingSeason, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("season")
    )
    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("person")
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=RatingStage.choices, default=RatingStage.OPEN
    )
    self_assessment = models.TextField(_("self-assessment"), blank=True)
    self_level = models.CharField(
        _("self-assessed level"), max_length=20, choices=RatingLevel.choices, blank=True
    )
    head_comment = models.TextField(_("head's comments"), blank=True)
    proposed_level = models.CharField(
        _("proposed level"), max_length=20, choices=RatingLevel.choices, blank=True
    )
    proposed_by = person_link(_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    decided_level = models.CharField(
        _("decided level"), max_length=20, choices=RatingLevel.choices, blank=True
    )
    decided_by = person_link(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["season", "staff__unit__code", "staff__full_name"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["season", "staff"],
                name="people_rating_once_a_season",
                violation_error_message=_("This person is already rated in this season."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff.full_name} · {self.season.year}"

    def get_absolute_url(self) -> str:
        return reverse(
            "people:rating_detail",
            args=[self.season.agency.code, self.season.year, self.staff.code],
        )

    scope_filter = ScopeRule(
        view=lambda s: (
            _own_staff(s)
            | _rating_heads(s)
            | _season_leaders(s)
            | Q(season__agency__in=s.secretariat)
        ),
        extra={
            SELF_ASSESS: _own_staff,
            PROPOSE: lambda s: _rating_heads(s) | _season_leaders(s),
            DECIDE: _season_leaders,
        },
    )
