"""Fixed vocabularies of the people app: position groups and the four rating levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parindex.audit.registry import audit_actions


class PositionGroup(models.TextChoices):
    """The three groups of the job-position scheme (đề án vị trí việc làm)."""

    LEADERSHIP = "leadership", _("Leadership and management (lãnh đạo, quản lý)")
    PROFESSIONAL = "professional", _("Professional (chuyên môn, nghiệp vụ)")
    SUPPORT = "support", _("Support and service (hỗ trợ, phục vụ)")


#: The words a file may use for each group (compared accent-, case- and space-insensitively).
POSITION_GROUP_NAMES = {
    "lãnh đạo, quản lý": PositionGroup.LEADERSHIP,
    "lãnh đạo quản lý": PositionGroup.LEADERSHIP,
    "lãnh đạo": PositionGroup.LEADERSHIP,
    "chuyên môn, nghiệp vụ": PositionGroup.PROFESSIONAL,
    "chuyên môn nghiệp vụ": PositionGroup.PROFESSIONAL,
    "chuyên môn": PositionGroup.PROFESSIONAL,
    "hỗ trợ, phục vụ": PositionGroup.SUPPORT,
    "hỗ trợ phục vụ": PositionGroup.SUPPORT,
    "hỗ trợ": PositionGroup.SUPPORT,
}


class RatingLevel(models.TextChoices):
    """The four levels of the yearly rating (xếp loại chất lượng), best first."""

    EXCELLENT = "excellent", _("Excellently completed duties (hoàn thành xuất sắc nhiệm vụ)")
    GOOD = "good", _("Well completed duties (hoàn thành tốt nhiệm vụ)")
    DONE = "done", _("Completed duties (hoàn thành nhiệm vụ)")
    NOT_DONE = "not_done", _("Did not complete duties (không hoàn thành nhiệm vụ)")


#: Vietnamese wording of the levels on the Decree 30 rating form.
RATING_LEVEL_FORM_TEXT = {
    RatingLevel.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    RatingLevel.GOOD: "Hoàn thành tốt nhiệm vụ",
    RatingLevel.DONE: "Hoàn thành nhiệm vụ",
    RatingLevel.NOT_DONE: "Không hoàn thành nhiệm vụ",
}


class RatingStage(models.TextChoices):
    OPEN = "open", _("Self-assessment")
    PROPOSED = "proposed", _("Proposed by the head")
    DECIDED = "decided", _("Decided")


# The audit trail's words for this app's actions (see docs/architecture.md, "Audit trail").
audit_actions(
    {
        "position.created": pgettext_lazy("audit action", "Job position created"),
        "position.updated": pgettext_lazy("audit action", "Job position changed"),
        "quota.set": pgettext_lazy("audit action", "Staffing quota set"),
        "staff.created": pgettext_lazy("audit action", "Staff record created"),
        "staff.updated": pgettext_lazy("audit action", "Staff record changed"),
        "staff.viewed": pgettext_lazy("audit action", "Staff record viewed"),
        "staff.exported": pgettext_lazy("audit action", "Staff records exported"),
        "training.created": pgettext_lazy("audit action", "Training recorded"),
        "training.updated": pgettext_lazy("audit action", "Training changed"),
        "training.completed": pgettext_lazy("audit action", "Training completed"),
        "rotation.planned": pgettext_lazy("audit action", "Rotation planned"),
        "rating_season.opened": pgettext_lazy("audit action", "Rating season opened"),
        "rating_season.updated": pgettext_lazy("audit action", "Rating season changed"),
        "rating.self_assessed": pgettext_lazy("audit action", "Self-rated"),
        "rating.proposed": pgettext_lazy("audit action", "Rating proposed"),
        "rating.decided": pgettext_lazy("audit action", "Rating decided"),
    }
)
