from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parindex.audit.registry import audit_actions, audit_fields


class NodeKind(models.TextChoices):
    """Where a node's points come from (docs/formats.md §1, column "Loại điểm")."""

    SELF = "self", _("self-assessed")
    SURVEY = "survey", _("sociological survey")
    BONUS = "bonus", _("bonus")
    PENALTY = "penalty", _("penalty")


class Stage(models.TextChoices):
    """The stages of an assessment, in order."""

    DRAFT = "draft", _("self-assessment")
    SUBMITTED = "submitted", _("submitted")
    APPRAISAL_1 = "appraisal_1", _("appraisal, round 1")
    EXPLANATION = "explanation", _("explanation")
    APPRAISAL_2 = "appraisal_2", _("appraisal, round 2")
    FINAL = "final", _("final")


STAGE_ORDER = [s.value for s in Stage]

# Kinds whose maxima add up to the framework's total (bonus and penalty lie outside the 100).
SCORED_KINDS = (NodeKind.SELF, NodeKind.SURVEY)

# The Vietnamese names of the kinds in the import file, and the machine names.
KIND_NAMES = {
    "tự đánh giá": NodeKind.SELF,
    "tự chấm": NodeKind.SELF,
    "điều tra XHH": NodeKind.SURVEY,
    "điều tra xã hội học": NodeKind.SURVEY,
    "XHH": NodeKind.SURVEY,
    "thưởng": NodeKind.BONUS,
    "điểm thưởng": NodeKind.BONUS,
    "phạt": NodeKind.PENALTY,
    "điểm phạt": NodeKind.PENALTY,
    **{kind.value: kind for kind in NodeKind},
}
KIND_LABELS_VI = {
    NodeKind.SELF: "tự đánh giá",
    NodeKind.SURVEY: "điều tra XHH",
    NodeKind.BONUS: "thưởng",
    NodeKind.PENALTY: "phạt",
}


class ScoreAction:
    """Action names a Score's scope_filter understands besides view/change."""

    SELF = "score_self"
    APPRAISE = "score_appraise"
    EXPLAIN = "score_explain"


# The audit trail's words for this app's actions (see docs/architecture.md, "Audit trail").

audit_actions(
    {
        "framework.change_announced": pgettext_lazy("audit action", "Framework change announced"),
        "framework.created": pgettext_lazy("audit action", "Framework created"),
        "framework.updated": pgettext_lazy("audit action", "Framework changed"),
        "framework.node_created": pgettext_lazy("audit action", "Criterion added"),
        "framework.node_updated": pgettext_lazy("audit action", "Criterion changed"),
        "framework.node_deleted": pgettext_lazy("audit action", "Criterion removed"),
        "assignment.created": pgettext_lazy("audit action", "Criterion assigned"),
        "assignment.updated": pgettext_lazy("audit action", "Assignment changed"),
        "assessment.opened": pgettext_lazy("audit action", "Assessment opened"),
        "assessment.moved": pgettext_lazy("audit action", "Stage moved"),
        "assessment.reopened": pgettext_lazy("audit action", "Assessment reopened"),
        "assessment.deadlines_set": pgettext_lazy("audit action", "Deadlines set"),
        "score.self_assessed": pgettext_lazy("audit action", "Self-assessed"),
        "score.appraised": pgettext_lazy("audit action", "Appraised"),
        "score.explained": pgettext_lazy("audit action", "Explanation given"),
        "score.recognised": pgettext_lazy("audit action", "Self score recognised at the close"),
        "score.evidence_added": pgettext_lazy("audit action", "Evidence file added"),
        "score.reference_added": pgettext_lazy("audit action", "Evidence document cited"),
    }
)
audit_fields(
    "scorecards.score",
    {"reference": _("evidence document"), "summary": _("summary of the document")},
)
