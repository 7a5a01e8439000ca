"""The citizens' voice: satisfaction surveys, feedback on procedures (PAKN) and outreach.

Anonymity of survey answers (docs/citizens.md): a response keeps no link to the invitation or the
dossier it came through. `SurveyResponse` and `Answer` have random UUID keys (no sequence to
line up with anything) and no time of day, only the day answered; `Invitation` keeps only a
"used" flag, no time and no reference to the response.
"""

# One module per aggregate; everything is importable from here as before.
from parindex.citizens.models.feedback import (
    ANSWER,
    ASSIGN,
    PUBLISH,
    FeedbackItem,
    FeedbackSettings,
    _attachment_path,
)
from parindex.citizens.models.outreach import OutreachActivity
from parindex.citizens.models.surveys import (
    ENTER,
    Answer,
    Invitation,
    Question,
    Survey,
    SurveyResponse,
)

__all__ = [
    "ANSWER",
    "ASSIGN",
    "Answer",
    "ENTER",
    "FeedbackItem",
    "FeedbackSettings",
    "Invitation",
    "OutreachActivity",
    "PUBLISH",
    "Question",
    "Survey",
    "SurveyResponse",
    "_attachment_path",
]
