"""Choices of the citizens' voice: survey elements and scale, feedback states, outreach kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Element(models.TextChoices):
    """The five elements of the satisfaction survey (SIPAS), in the contract's order."""

    ACCESS = "tiep_can", _("access to the service")
    PROCEDURE = "thu_tuc", _("administrative procedure")
    CIVIL_SERVANT = "cong_chuc", _("civil servant")
    RESULT = "ket_qua", _("result")
    FEEDBACK = "phan_anh", _("receiving and handling feedback")


#: The element codes in the contract's order (docs/formats.md §10: `E_answers`, `E_rate`…).
ELEMENT_CODES = tuple(e.value for e in Element)

#: The Vietnamese names of the elements as the question file writes them.
ELEMENT_NAMES = {
    "tiếp cận dịch vụ": Element.ACCESS,
    "thủ tục hành chính": Element.PROCEDURE,
    "công chức": Element.CIVIL_SERVANT,
    "kết quả": Element.RESULT,
    "tiếp nhận, xử lý phản ánh": Element.FEEDBACK,
    # Variants seen in practice (the separator or a word left out).
    "tiếp nhận xử lý phản ánh": Element.FEEDBACK,
    "tiếp nhận và xử lý phản ánh": Element.FEEDBACK,
    "tiếp nhận, xử lý phản ánh, kiến nghị": Element.FEEDBACK,
    "tiếp cận": Element.ACCESS,
    "thủ tục": Element.PROCEDURE,
    **{e.value: e for e in Element},
}


class QuestionKind(models.TextChoices):
    RATING = "rating", _("rating (1–5)")
    TEXT = "text", _("free text")
    PROFILE = "profile", _("respondent profile")


QUESTION_KIND_NAMES = {
    "": QuestionKind.RATING,
    "đánh giá": QuestionKind.RATING,
    "rating": QuestionKind.RATING,
    "ý kiến": QuestionKind.TEXT,
    "văn bản": QuestionKind.TEXT,
    "text": QuestionKind.TEXT,
    "thông tin người trả lời": QuestionKind.PROFILE,
    "thông tin": QuestionKind.PROFILE,
    "profile": QuestionKind.PROFILE,
}


class Rating(models.IntegerChoices):
    VERY_DISSATISFIED = 1, _("Very dissatisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    NEUTRAL = 3, _("Neutral")
    SATISFIED = 4, _("Satisfied")
    VERY_SATISFIED = 5, _("Very satisfied")


#: The contract's labels of the 5-point scale (docs/formats.md §10); compared case- and accent-blind.
RATING_LABELS = {
    "rất không hài lòng": 1,
    "không hài lòng": 2,
    "bình thường": 3,
    "hài lòng": 4,
    "rất hài lòng": 5,
}
#: Cells that mean "not answered" besides an empty one.
UNANSWERED = ("0", "không ý kiến")
#: Answers that count as satisfied.
SATISFIED = (4, 5)


class ResponseSource(models.TextChoices):
    WEB = "web", _("web form")
    PAPER = "paper", _("paper form")
    PHONE = "phone", _("phone call")
    FILE = "file", _("imported file")


class FeedbackKind(models.TextChoices):
    PROCEDURE = "procedure", _("about an administrative procedure")
    CONDUCT = "conduct", _("about a civil servant's conduct")
    SUGGESTION = "suggestion", _("a suggestion")


class FeedbackState(models.TextChoices):
    RECEIVED = "received", _("received")
    ASSIGNED = "assigned", _("assigned to a unit")
    ANSWERED = "answered", _("answered")
    PUBLISHED = "published", _("answer published")


class OutreachKind(models.TextChoices):
    NEWS = "news", _("news on the portal")
    RADIO_TV = "radio_tv", _("radio or television")
    CONFERENCE = "conference", _("conference")
    TRAINING = "training", _("training on online services")
    LEAFLET = "leaflet", _("leaflets and posters")
    SOCIAL = "social", _("social media")
    OTHER = "other", _("other")


from django.utils.translation import pgettext_lazy  # noqa: E402

from parindex.audit.registry import audit_actions  # noqa: E402

# The audit trail's words for this app's actions (see docs/architecture.md).
audit_actions(
    {
        "feedback.received": pgettext_lazy("audit action", "Feedback received"),
        "feedback_settings.updated": pgettext_lazy("audit action", "Feedback settings changed"),
        "outreach.created": pgettext_lazy("audit action", "Outreach activity recorded"),
        "outreach.updated": pgettext_lazy("audit action", "Outreach activity changed"),
        "survey.created": pgettext_lazy("audit action", "Survey created"),
        "survey.updated": pgettext_lazy("audit action", "Survey changed"),
        "survey_invitation.created": pgettext_lazy("audit action", "Survey invitation created"),
        "survey_invitation.renewed": pgettext_lazy("audit action", "Survey invitation renewed"),
        "survey_question.created": pgettext_lazy("audit action", "Survey question added"),
        "survey_question.updated": pgettext_lazy("audit action", "Survey question changed"),
        "survey_response.created": pgettext_lazy("audit action", "Survey response recorded"),
        "survey_response.updated": pgettext_lazy("audit action", "Survey response changed"),
    }
)
