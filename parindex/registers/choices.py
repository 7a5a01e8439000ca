from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parindex.audit.registry import audit_actions


class InspectionKind(models.TextChoices):
    INSPECTION = "thanh_tra", _("Inspection (thanh tra)")
    SPECIALISED = "kiem_tra_chuyen_nganh", _("Specialised check (kiểm tra chuyên ngành)")
    PAR_CHECK = "kiem_tra_cchc", _("PAR check of a unit (kiểm tra CCHC)")
    LAW_MONITORING = "theo_doi_thpl", _("Law-enforcement monitoring (theo dõi thi hành pháp luật)")


#: How the "Loại" column may name each kind (compared accent-, case- and space-insensitively).
INSPECTION_KIND_WORDS = {
    "thanh tra": InspectionKind.INSPECTION,
    "thanh tra hành chính": InspectionKind.INSPECTION,
    "thanh tra chuyên ngành": InspectionKind.INSPECTION,
    "kiểm tra chuyên ngành": InspectionKind.SPECIALISED,
    "kiểm tra CCHC": InspectionKind.PAR_CHECK,
    "kiểm tra công tác CCHC": InspectionKind.PAR_CHECK,
    "kiểm tra cải cách hành chính": InspectionKind.PAR_CHECK,
    "theo dõi thi hành pháp luật": InspectionKind.LAW_MONITORING,
    "theo dõi THPL": InspectionKind.LAW_MONITORING,
}


class RecommendationSource(models.TextChoices):
    INSPECTION = "inspection", _("Inspection conclusion")
    PAR_CHECK = "par_check", _("PAR check of a unit")
    REVIEW = "review", _("Document review")
    APPRAISAL = "appraisal", _("Appraisal council's deductions")
    NOTICE = "notice", _("Notice of conclusions")
    OTHER = "other", _("Other")


class RecommendationState(models.TextChoices):
    """Derived, never stored: from the deadline, the date done and today."""

    OPEN = "open", _("Open")
    OVERDUE = "overdue", _("Overdue")
    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")


class ReviewKind(models.TextChoices):
    SELF_CHECK = "self_check", _("Self-check (tự kiểm tra)")
    REVIEW = "review", _("Review (rà soát)")
    SYSTEMATISATION = "systematisation", _("Systematisation (hệ thống hóa)")


class Verdict(models.TextChoices):
    VALID = "valid", _("Still valid")
    AMEND = "amend", _("Amend")
    REPLACE = "replace", _("Replace")
    REPEAL = "repeal", _("Repeal")


class DocumentStage(models.TextChoices):
    """Where a legal document stands, derived from its dates (latest step reached)."""

    DRAFTING = "drafting", _("Drafting")
    CONSULTATION = "consultation", _("Public consultation")
    APPRAISAL = "appraisal", _("Sent for appraisal")
    APPRAISED = "appraised", _("Appraisal opinion received")
    SUBMITTED = "submitted", _("Submitted")
    ISSUED = "issued", _("Issued")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn from the plan")


# The audit trail's words for this app's actions (see docs/architecture.md, "Audit trail").
audit_actions(
    {
        "legal_document.created": pgettext_lazy("audit action", "Legal document registered"),
        "legal_document.updated": pgettext_lazy("audit action", "Legal document changed"),
        "legal_document.reviewed": pgettext_lazy("audit action", "Legal document reviewed"),
        "review.created": pgettext_lazy("audit action", "Review opened"),
        "review.verdict_added": pgettext_lazy("audit action", "Review verdict recorded"),
        "inspection.created": pgettext_lazy("audit action", "Inspection registered"),
        "inspection.updated": pgettext_lazy("audit action", "Inspection changed"),
        "recommendation.created": pgettext_lazy("audit action", "Recommendation registered"),
        "recommendation.updated": pgettext_lazy("audit action", "Recommendation changed"),
        "recommendation.closed": pgettext_lazy("audit action", "Recommendation closed"),
        "recommendation.reopened": pgettext_lazy("audit action", "Recommendation reopened"),
    }
)
