"""The PAR Index scorecard: a yearly framework (tree of criteria), each agency's assignments,
its assessment through the workflow, the scores per leaf, evidence and snapshots."""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.common.fields import person_link
from parindex.org.access import (
    Action,
    RestrictedQuerySet,
    Scope,
    ScopeRule,
    agency_members,
    agency_secretariat,
)
from parindex.scorecards.choices import NodeKind, ScoreAction, Stage

POINTS = {"max_digits": 9, "decimal_places": 3}


def _has_any_role(scope: Scope) -> bool:
    return scope.is_admin or bool(scope.agencies_visible)


class Framework(models.Model):
    """The index framework (bộ chỉ số) of a year, shared by every agency of the province."""

    # One province per deployment keeps one framework per year (docs/province.md); the
    # province's PAR secretariat writes it, no agency does.
    province = models.ForeignKey(
        "org.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("province"),
    )
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    name = models.CharField(_("name"), max_length=255)
    has_round_2 = models.BooleanField(
        _("second appraisal round"),
        default=True,
        help_text=_("Whether the appraisal has a second round after the explanations."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("index framework")
        verbose_name_plural = _("index frameworks")

    def __str__(self) -> str:
        return self.name

    scope_filter = ScopeRule(
        view=lambda s: Q() if (_has_any_role(s) or s.provinces) else Q(pk__in=[]),
        # The province's PAR secretariat only: an agency's secretariat never writes it.
        write=lambda s: Q(province__in=s.province_secretariat),
        writes=(Action.CHANGE, Action.CREATE),
    )


class Node(models.Model):
    """A node of the framework tree: an area, a criterion or a sub-criterion (any depth)."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("framework")
    )
    code = models.CharField(_("code"), max_length=30)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    title = models.TextField(_("title"))
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    kind = models.CharField(
        _("kind"), max_length=10, choices=NodeKind.choices, default=NodeKind.SELF
    )
    method = models.TextField(_("scoring method"), blank=True)
    evidence_expected = models.TextField(_("evidence expected"), blank=True)
    sort_key = models.CharField(_("order"), max_length=120, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=1)
    is_leaf = models.BooleanField(_("leaf"), default=True)
    metric_key = models.CharField(_("metric"), max_length=60, blank=True)
    rule = models.CharField(_("rule"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "sort_key"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="scorecards_node_code_unique",
                violation_error_message=_("This framework already has a node with this code."),
            ),
            models.CheckConstraint(
                condition=Q(max_points__gte=0),
                name="scorecards_node_max_not_negative",
                violation_error_message=_("The maximum cannot be negative."),
            ),
        ]
        indexes = [
            # The tree of a framework in code order (every scorecard).
            models.Index(fields=["framework", "sort_key"], name="scorecards_node_order"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title[:80]}"

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None

    scope_filter = Framework.scope_filter


class Assignment(models.Model):
    """Who in an agency leads a node (chủ trì), who cooperates (phối hợp) and who answers for it."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    node = models.ForeignKey(
        Node, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("criterion")
    )
    lead_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead unit"),
    )
    cooperating_units = models.ManyToManyField(
        "org.Unit", blank=True, related_name="+", verbose_name=_("cooperating units")
    )
    responsible = person_link(_("responsible person"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "node__sort_key"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "node"],
                name="scorecards_assignment_unique",
                violation_error_message=_("This criterion is already assigned in this agency."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.node.code} → {self.lead_unit or '—'}"

    scope_filter = ScopeRule(view=agency_members, write=agency_secretariat, writes=(Action.CHANGE,))


class Assessment(models.Model):
    """An agency's assessment for a year, moving through the stages of the workflow."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="assessments", verbose_name=_("agency")
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("framework")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    stage_changed_at = models.DateTimeField(_("stage changed at"), null=True, blank=True)
    self_deadline = models.DateField(_("self-assessment deadline"), null=True, blank=True)
    appraisal_1_deadline = models.DateField(_("appraisal round 1 deadline"), null=True, blank=True)
    explanation_deadline = models.DateField(_("explanation deadline"), null=True, blank=True)
    appraisal_2_deadline = models.DateField(_("appraisal round 2 deadline"), null=True, blank=True)
    appraisal_closed = models.BooleanField(_("appraisal closed"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-framework__year", "agency__code"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "framework"],
                name="scorecards_assessment_unique",
                violation_error_message=_("This agency already has an assessment for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency.code} {self.framework.year}"

    def get_absolute_url(self) -> str:
        return reverse("scorecards:scorecard", args=[self.agency.code, self.framework.year])

    @property
    def year(self) -> int:
        return self.framework.year

    def deadline(self):
        """The deadline of the current stage, if one is set."""
        return {
            Stage.DRAFT: self.self_deadline,
            Stage.APPRAISAL_1: self.appraisal_1_deadline,
            Stage.EXPLANATION: self.explanation_deadline,
            Stage.APPRAISAL_2: self.appraisal_2_deadline,
        }.get(self.stage)

    scope_filter = ScopeRule(
        view=agency_members,
        write=agency_secretariat,
        writes=(Action.CREATE,),
        extra={Action.CHANGE: lambda s: Q(agency__in=s.secretariat) | Q(agency__in=s.appraiser)},
    )


class Score(models.Model):
    """One leaf's points in an assessment: self-assessed, appraised (two rounds), explained."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    node = models.ForeignKey(
        Node, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    # Copied from the agency's assignment (own or inherited) so access filters need no tree walk.
    lead_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead unit"),
    )
    self_points = models.DecimalField(_("self-assessed points"), null=True, blank=True, **POINTS)
    self_explanation = models.TextField(_("self-assessment explanation"), blank=True)
    appraised_points = models.DecimalField(_("appraised points"), null=True, blank=True, **POINTS)
    appraisal_reason = models.TextField(_("appraisal reason"), blank=True)
    explanation_answer = models.TextField(_("unit's explanation"), blank=True)
    round2_points = models.DecimalField(
        _("appraised points, round 2"), null=True, blank=True, **POINTS
    )
    round2_reason = models.TextField(_("round 2 reason"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "node__sort_key"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "node"],
                name="scorecards_score_unique",
                violation_error_message=_("This criterion already has a score in this assessment."),
            )
        ]
        indexes = [
            # A unit's worklist: the leaves its unit leads in an assessment.
            models.Index(fields=["assessment", "lead_unit"], name="scorecards_score_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.node.code}"

    def get_absolute_url(self) -> str:
        return reverse(
            "scorecards:leaf",
            args=[self.assessment.agency.code, self.assessment.framework.year, self.node.code],
        )

    @property
    def appraised_effective(self):
        """The appraisal that counts now: round 2, else round 1, else the self score while the
        appraisal is open (docs/formats.md §2)."""
        if self.round2_points is not None:
            return self.round2_points
        if self.appraised_points is not None:
            return self.appraised_points
        if self.node.kind == NodeKind.SURVEY or self.assessment.appraisal_closed:
            return None
        return self.self_points

    @property
    def deduction(self):
        appraised = self.appraised_effective
        if self.self_points is None or appraised is None:
            return None
        return self.self_points - appraised

    @staticmethod
    def scope_filter(scope: Scope, action: str) -> Q:
        if scope.is_admin:
            # An administrator acts in every role, but the stages bind everyone.
            if action == Action.VIEW:
                return Q()
            stages = {
                ScoreAction.SELF: [Stage.DRAFT],
                ScoreAction.APPRAISE: [Stage.APPRAISAL_1, Stage.APPRAISAL_2],
                ScoreAction.EXPLAIN: [Stage.EXPLANATION],
                Action.CHANGE: [
                    Stage.DRAFT,
                    Stage.APPRAISAL_1,
                    Stage.EXPLANATION,
                    Stage.APPRAISAL_2,
                ],
            }.get(action, [])
            q = Q(assessment__stage__in=stages)
            return q & ~Q(node__kind=NodeKind.SURVEY) if action == ScoreAction.SELF else q
        units = scope.member_units
        unit_q = Q(lead_unit__in=units)
        if action == Action.VIEW:
            cooperating = Assignment.objects.filter(
                agency=OuterRef("assessment__agency"),
                node=OuterRef("node"),
                cooperating_units__in=units,
            )
            return (
                Q(assessment__agency__in=scope.agencies_read_all) | unit_q | Q(Exists(cooperating))
            )
        self_q = (
            (Q(assessment__agency__in=scope.secretariat) | unit_q)
            & Q(assessment__stage=Stage.DRAFT)
            & ~Q(node__kind=NodeKind.SURVEY)
        )
        appraise_q = Q(assessment__agency__in=scope.appraiser) & Q(
            assessment__stage__in=[Stage.APPRAISAL_1, Stage.APPRAISAL_2]
        )
        explain_q = (Q(assessment__agency__in=scope.secretariat) | unit_q) & Q(
            assessment__stage=Stage.EXPLANATION
        )
        if action == ScoreAction.SELF:
            return self_q
        if action == ScoreAction.APPRAISE:
            return appraise_q
        if action == ScoreAction.EXPLAIN:
            return explain_q
        if action == Action.CHANGE:
            return self_q | appraise_q | explain_q
        return Q(pk__in=[])


def evidence_path(instance: Evidence, filename: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", filename)[-80:] or "file"
    return f"scorecards/evidence/{instance.sha256[:2]}/{instance.sha256[:16]}-{safe}"


class Evidence(models.Model):
    """A file backing a score (tài liệu kiểm chứng), stored with its SHA-256."""

    score = models.ForeignKey(
        Score, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("score")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    uploaded_by = person_link(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name

    scope_filter = ScopeRule.via("score", Score)


class DocumentReference(models.Model):
    """A reference to an official document backing a score (số/ký hiệu, ngày, trích yếu)."""

    score = models.ForeignKey(
        Score, on_delete=models.CASCADE, related_name="references", verbose_name=_("score")
    )
    number = models.CharField(_("number and symbol"), max_length=120)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("document reference")
        verbose_name_plural = _("document references")

    def __str__(self) -> str:
        if self.issued_on:
            return f"{self.number} ngày {self.issued_on:%d/%m/%Y}"
        return self.number


class Snapshot(models.Model):
    """All scores of an assessment frozen at a workflow transition."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="snapshots",
        verbose_name=_("assessment"),
    )
    from_stage = models.CharField(_("from stage"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)
    data = models.JSONField(_("data"))
    note = models.TextField(_("note"), blank=True)
    actor = person_link(_("actor"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "created_at", "id"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")

    def __str__(self) -> str:
        return f"{self.assessment} · {self.from_stage} → {self.to_stage}"

    scope_filter = ScopeRule(view=lambda s: Q(assessment__agency__in=s.agencies_read_all))
