"""Agencies, their units, people and the roles they hold."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.org.access import (
    Action,
    RestrictedQuerySet,
    Scope,
    ScopeRule,
    agency_members,
    agency_secretariat,
)
from parindex.org.choices import Language, Role, UnitKind


class Province(models.Model):
    """A province (tỉnh): the level above its agencies. Its PAR secretariat and appraisal
    council own the year's framework, the calendar overrides and the ranking; the agencies keep
    their own assessments, registers and dossiers."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("province:index", args=[self.code])

    scope_filter = ScopeRule(view=lambda s: Q(pk__in=s.provinces))


class Agency(models.Model):
    """A provincial agency (sở) whose PAR Index is scored, e.g. the Department of S&T."""

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("province"),
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=255)
    parent_body = models.CharField(
        _("parent body"), max_length=255, blank=True, help_text=_("e.g. UBND TỈNH QUẢNG NGÃI")
    )
    place_name = models.CharField(
        _("place name"),
        max_length=100,
        blank=True,
        help_text=_("Used in documents, e.g. Quảng Ngãi"),
    )
    document_code = models.CharField(
        _("document code"), max_length=30, blank=True, help_text=_("e.g. SKHCN in 15/BC-SKHCN")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name

    scope_filter = ScopeRule(
        view=lambda s: Q(pk__in=s.agencies_visible),
        write=lambda s: Q(pk__in=s.secretariat),
        writes=(Action.CHANGE,),
    )


class Unit(models.Model):
    """A unit (phòng, chi cục, trung tâm…) of an agency; it leads criteria, tasks and dossiers."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("agency")
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.OFFICE
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code", "code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="org_unit_code_unique_in_agency",
                violation_error_message=_("This agency already has a unit with this code."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:unit_detail", args=[self.agency.code, self.code])

    scope_filter = ScopeRule(
        # Members see their agency's unit list: they pick cooperating units from it.
        view=agency_members,
        write=agency_secretariat,
        writes=(Action.CREATE, Action.DELETE),
        extra={Action.CHANGE: lambda s: Q(agency__in=s.secretariat) | Q(pk__in=s.head_units)},
    )


class PersonQuerySet(RestrictedQuerySet):
    pass


class PersonManager(UserManager.from_queryset(PersonQuerySet)):  # type: ignore[misc]
    pass


def _people_seen_by(scope: Scope) -> Q:
    """Oneself, and the people of the agencies and units the user reads."""
    members = Membership.objects.filter(
        Q(agency__in=scope.agencies_read_all)
        | Q(unit__agency__in=scope.agencies_read_all)
        | Q(unit__in=scope.member_units)
    )
    return Q(pk=scope.user_id) | Q(pk__in=members.values("user_id"))


def _people_managed_by(scope: Scope) -> Q:
    """The secretariat manages its agency's people, never an administrator."""
    managed = Membership.objects.filter(
        Q(agency__in=scope.secretariat) | Q(unit__agency__in=scope.secretariat)
    )
    admins = Membership.objects.filter(role=Role.ADMIN)
    return Q(pk__in=managed.values("user_id"), is_superuser=False) & ~Q(
        pk__in=admins.values("user_id")
    )


class User(AbstractUser):
    """A person who signs in: secretariat, unit staff, leader, appraiser…"""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.VI
    )

    objects = PersonManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("org:person_detail", args=[self.username])

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    # Subqueries instead of joins through memberships, so a person never appears twice.
    scope_filter = ScopeRule(
        view=_people_seen_by,
        write=_people_managed_by,
        writes=(Action.CHANGE, Action.CREATE),
    )


class Council(models.Model):
    """A province's appraisal council (Hội đồng thẩm định) and the agencies it appraises."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=255)
    agencies = models.ManyToManyField(
        Agency, related_name="councils", blank=True, verbose_name=_("agencies")
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("appraisal council")
        verbose_name_plural = _("appraisal councils")

    def __str__(self) -> str:
        return self.name

    scope_filter = ScopeRule(view=lambda s: Q(pk__in=s.councils))


class Membership(models.Model):
    """A role a person holds: in an agency, a unit, a council, or system-wide (admin)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("agency"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("unit"),
    )
    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("council"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("province"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["user__username", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="org_membership_target_matches_role",
                condition=(
                    Q(
                        role="admin",
                        agency__isnull=True,
                        unit__isnull=True,
                        council__isnull=True,
                        province__isnull=True,
                    )
                    | Q(
                        role__in=["secretariat", "leader", "viewer"],
                        agency__isnull=False,
                        unit__isnull=True,
                        council__isnull=True,
                        province__isnull=True,
                    )
                    | Q(
                        role__in=["unit_head", "unit_staff"],
                        agency__isnull=True,
                        unit__isnull=False,
                        council__isnull=True,
                        province__isnull=True,
                    )
                    | Q(
                        role="appraiser",
                        agency__isnull=True,
                        unit__isnull=True,
                        council__isnull=False,
                        province__isnull=True,
                    )
                    | Q(
                        role__in=["province_secretariat", "province_council"],
                        agency__isnull=True,
                        unit__isnull=True,
                        council__isnull=True,
                        province__isnull=False,
                    )
                ),
                violation_error_message=_("This role needs its own kind of target."),
            ),
        ]
        indexes = [
            # scope_for(): every request reads the signed-in user's memberships.
            models.Index(fields=["user", "role"], name="org_membership_user_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.target}"

    @property
    def target(self) -> Agency | Unit | Council | Province | None:
        return self.unit or self.agency or self.council or self.province

    scope_filter = ScopeRule(
        view=lambda s: (
            Q(agency__in=s.agencies_read_all)
            | Q(unit__agency__in=s.agencies_read_all)
            | Q(unit__in=s.member_units)
            | Q(province__in=s.provinces)
            | Q(user_id=s.user_id)
        ),
        write=lambda s: Q(agency__in=s.secretariat) | Q(unit__agency__in=s.secretariat),
    )


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the key is shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("person")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class OrgChange(models.Model):
    """A reorganisation taking effect on a date: units (or agencies) merged, split or renamed.

    Records keep pointing at the unit as it was; `UnitSuccession` and `AgencySuccession` say who
    continues whom, so a successor can show its predecessors' history, labelled, and a past
    figure stays with the unit it belonged to (`parindex.org.changes`).
    """

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merge")
        SPLIT = "split", _("Split")
        RENAME = "rename", _("Rename")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    effective_on = models.DateField(_("effective on"))
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="org_changes", verbose_name=_("agency")
    )
    decision = models.CharField(
        _("decision"), max_length=255, blank=True, help_text=_("e.g. Quyết định 12/QĐ-UBND")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_on", "-pk"]
        verbose_name = _("organisation change")
        verbose_name_plural = _("organisation changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"

    scope_filter = ScopeRule(
        view=agency_members, write=agency_secretariat, writes=(Action.CHANGE, Action.CREATE)
    )


class UnitSuccession(models.Model):
    """One link of a change: `successor` continues (part of) `predecessor` from the change's date.

    A rename links a unit to itself and keeps the code and name it had before.
    """

    change = models.ForeignKey(
        OrgChange, on_delete=models.CASCADE, related_name="unit_links", verbose_name=_("change")
    )
    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions", verbose_name=_("predecessor")
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="predecessions", verbose_name=_("successor")
    )
    code_before = models.CharField(_("code before"), max_length=20)
    name_before = models.CharField(_("name before"), max_length=255)

    class Meta:
        ordering = ["change", "pk"]
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(
                fields=["change", "predecessor", "successor"],
                name="org_unit_succession_unique",
                violation_error_message=_("This succession is already recorded."),
            )
        ]
        indexes = [
            # lineage(): a successor's predecessors, read on its history page.
            models.Index(fields=["successor"], name="org_succession_successor"),
        ]

    def __str__(self) -> str:
        return f"{self.code_before} → {self.successor.code}"


class AgencySuccession(models.Model):
    """An agency continued by another from the change's date (e.g. the 2025 mergers)."""

    change = models.ForeignKey(
        OrgChange, on_delete=models.CASCADE, related_name="agency_links", verbose_name=_("change")
    )
    predecessor = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="successions", verbose_name=_("predecessor")
    )
    successor = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="predecessions", verbose_name=_("successor")
    )
    name_before = models.CharField(_("name before"), max_length=255)

    class Meta:
        ordering = ["change", "pk"]
        verbose_name = _("agency succession")
        verbose_name_plural = _("agency successions")
        constraints = [
            models.UniqueConstraint(
                fields=["change", "predecessor", "successor"],
                name="org_agency_succession_unique",
                violation_error_message=_("This succession is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_before} → {self.successor.code}"
