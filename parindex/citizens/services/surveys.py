"""Writes of the satisfaction surveys shared by every way in: finding a survey, its settings,
reading an answer, storing a form, the desk's entry of paper and phone forms.

The file imports are in :mod:`.survey_imports`, the public page in :mod:`.invitations`. Every
change by staff is audited; answers given on the public page are not (an audit row would carry
the time, and the time would tie the answer to the invitation): see docs/citizens.md,
"Anonymity".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import record, save_changes, snapshot
from parindex.citizens.choices import (
    RATING_LABELS,
    UNANSWERED,
    QuestionKind,
    ResponseSource,
)
from parindex.citizens.models import (
    ENTER,
    Answer,
    Question,
    Survey,
    SurveyResponse,
)
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.dossiers.models import Procedure
from parindex.org import access
from parindex.org.access import Action, can
from parindex.org.models import Agency, Unit

SURVEY_FIELDS = ("code", "title", "year", "is_open", "invitation_days")
QUESTION_FIELDS = ("code", "text", "element", "kind", "options", "position")
RESPONSE_FIELDS = ("code", "answered_on", "procedure", "unit", "channel", "source")

_RATINGS = {tabular.normalize_header(k): v for k, v in RATING_LABELS.items()}
_UNANSWERED = {tabular.normalize_header(v) for v in UNANSWERED}


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=(code or "").strip().upper()).first()
    if agency is None:
        raise DomainError(_("No agency with code %(code)s.") % {"code": code})
    return agency


def _require(actor: Any, allowed: bool) -> None:
    if actor is not None and not allowed:
        raise PermissionDenied


def _may_manage(actor: Any, agency: Agency) -> bool:
    return access.may_manage_agency(actor, agency)


def _may_enter(actor: Any, agency: Agency) -> bool:
    return access.may_manage_agency(actor, agency) or access.works_in_agency(actor, agency)


def get_survey(agency_code: str, survey_code: str) -> Survey:
    agency = _agency(agency_code)
    survey = Survey.objects.filter(agency=agency, code=(survey_code or "").strip()).first()
    if survey is None:
        raise DomainError(
            _("Agency %(agency)s has no survey %(code)s.")
            % {"agency": agency.code, "code": survey_code}
        )
    return survey


# -- surveys and questions ------------------------------------------------------------------------


@transaction.atomic
def survey_update(*, actor: Any, survey: Survey, **changes: Any) -> Survey:
    _require(actor, can(actor, Action.CHANGE, survey))
    for name in changes:
        if name not in ("title", "is_open", "invitation_days"):
            raise ValueError(name)
    if not (changes.get("title", survey.title) or "").strip():
        raise DomainError(_("A survey needs a title."), field="title")
    if not 1 <= int(changes.get("invitation_days", survey.invitation_days)) <= 365:
        raise DomainError(_("Invitations are valid for 1 to 365 days."), field="invitation_days")
    save_changes(actor, "survey.updated", survey, SURVEY_FIELDS, changes)
    return survey


# -- responses ------------------------------------------------------------------------------------


def parse_answer(value: object) -> int | None:
    """An answer cell: 1–5 or its label (any case); empty, 0 or "Không ý kiến" → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(_("an answer is 1 to 5 or its label"))
    if isinstance(value, int | float):
        if float(value) == 0:
            return None
        if float(value).is_integer() and 1 <= value <= 5:
            return int(value)
        raise ValueError(_("an answer is 1 to 5 or its label, not %(value)s") % {"value": value})
    text = str(value).strip()
    folded = tabular.normalize_header(text)
    if folded == "" or folded in _UNANSWERED:
        return None
    if folded in _RATINGS:
        return _RATINGS[folded]
    try:
        number = tabular.parse_decimal(text)
    except ValueError:
        number = None
    if number is not None and number == 0:
        return None
    if number is not None and number == number.to_integral_value() and 1 <= number <= 5:
        return int(number)
    raise ValueError(
        _("an answer is 1 to 5 or its label (Rất không hài lòng … Rất hài lòng), not %(value)s")
        % {"value": text[:40]}
    )


def _answers_repr(answers: dict[int, int], questions: Iterable[Question]) -> dict[str, int]:
    codes = {q.pk: q.code for q in questions}
    return {codes.get(q, str(q)): v for q, v in sorted(answers.items())}


def _create_response(
    *,
    actor: Any,
    survey: Survey,
    code: str,
    answered_on: dt.date,
    procedure: Procedure | None,
    unit: Unit | None,
    channel: int | None,
    answers: dict[int, int],
    extra: dict[str, str],
    source: str = ResponseSource.FILE,
    audit: bool = True,
) -> SurveyResponse:
    response = SurveyResponse.objects.create(
        survey=survey,
        code=code,
        answered_on=answered_on,
        procedure=procedure,
        unit=unit,
        channel=channel,
        source=source,
        extra=extra,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=q, value=v) for q, v in answers.items()
    )
    if audit:
        record(
            actor=actor,
            action="survey_response.created",
            target=response,
            agency=survey.agency,
            after={
                **snapshot(response, RESPONSE_FIELDS),
                "answers": _answers_repr(answers, survey.questions.all()),
            },
        )
    return response


def _check_answers(
    survey: Survey, answers: dict[str, Any]
) -> tuple[dict[int, int], dict[str, str]]:
    """Answers keyed by question code → (ratings by question id, other answers by code)."""
    ratings: dict[int, int] = {}
    extra: dict[str, str] = {}
    for question in survey.questions.all():
        value = answers.get(question.code)
        if question.kind == QuestionKind.RATING:
            try:
                rating = parse_answer(value)
            except ValueError as exc:
                raise DomainError(str(exc), field=question.code) from None
            if rating is not None:
                ratings[question.pk] = rating
        else:
            text = (str(value).strip() if value is not None else "")[:2000]
            if question.kind == QuestionKind.PROFILE and text and question.option_list:
                if text not in question.option_list:
                    raise DomainError(_("Choose one of the options."), field=question.code)
            if text:
                extra[question.code] = text
    return ratings, extra


@transaction.atomic
def survey_response_enter(
    *,
    actor: Any,
    survey: Survey,
    code: str,
    answered_on: dt.date,
    source: str,
    answers: dict[str, Any],
    procedure: Procedure | None = None,
    unit: Unit | None = None,
    channel: int | None = None,
) -> SurveyResponse:
    """A paper or phone form typed in at the desk (audited: staff entered it)."""
    _require(actor, can(actor, ENTER, survey))
    code = (code or "").strip()
    if not code or len(code) > 40:
        raise DomainError(_("A form number has 1 to 40 characters."), field="code")
    if SurveyResponse.objects.filter(survey=survey, code=code).exists():
        raise DomainError(_("This survey already has a form with this number."), field="code")
    if answered_on.year != survey.year:
        raise DomainError(
            _("The date must be in the survey's year %(year)s.") % {"year": survey.year},
            field="answered_on",
        )
    if answered_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="answered_on")
    for thing in (procedure, unit):
        if thing is not None and thing.agency_id != survey.agency_id:
            raise DomainError(_("Choose a procedure and a unit of the survey's agency."))
    if source not in (ResponseSource.PAPER, ResponseSource.PHONE):
        raise DomainError(_("A desk entry is a paper or a phone form."), field="source")
    ratings, extra = _check_answers(survey, answers)
    return _create_response(
        actor=actor,
        survey=survey,
        code=code,
        answered_on=answered_on,
        procedure=procedure,
        unit=unit,
        channel=channel,
        answers=ratings,
        extra=extra,
        source=source,
    )
