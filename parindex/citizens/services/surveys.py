"""Writes of the satisfaction surveys: question sets, responses (files, the desk, the web),
invitations printed on receipts.

The contract is FORMATS §10 as docs/citizens.md restates it. Imports are all or nothing unless
``skip_invalid``; re-importing a file changes nothing; every change by staff is audited. Answers
given on the public page are not audited (an audit row would carry the time, and the time would
tie the answer to the invitation): see docs/citizens.md, "Anonymity".
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import record, snapshot
from parindex.citizens.choices import (
    ELEMENT_NAMES,
    QUESTION_KIND_NAMES,
    RATING_LABELS,
    UNANSWERED,
    QuestionKind,
    ResponseSource,
)
from parindex.citizens.models import (
    ENTER,
    Answer,
    Invitation,
    Question,
    Survey,
    SurveyResponse,
)
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.dossiers.models import Dossier, Procedure
from parindex.org.access import Action, can, scope_for
from parindex.org.models import Agency, Unit

SURVEY_FIELDS = ("code", "title", "year", "is_open", "invitation_days")
QUESTION_FIELDS = ("code", "text", "element", "kind", "options", "position")
RESPONSE_FIELDS = ("code", "answered_on", "procedure", "unit", "channel", "source")

QUESTION_COLUMNS = (
    tabular.Column("code", "Mã câu hỏi", ("Mã", "Câu"), required=True),
    tabular.Column("text", "Nội dung", ("Câu hỏi",), required=True),
    tabular.Column("element", "Yếu tố", ("Nhóm",), required=True),
    # Optional columns of ours (FORMATS allows adding): free-text and profile questions.
    tabular.Column("kind", "Loại câu hỏi", ("Loại",)),
    tabular.Column("options", "Lựa chọn", ("Các lựa chọn",)),
)

#: The fixed columns of a response file; one more column per question, headed by its code.
RESPONSE_COLUMNS = (
    tabular.Column("code", "Mã phiếu", ("Số phiếu",), required=True),
    tabular.Column("date", "Ngày", ("Ngày trả lời", "Ngày khảo sát"), required=True),
    tabular.Column("procedure", "Mã TTHC", ("MaTTHC", "Mã thủ tục")),
    tabular.Column("unit", "Đơn vị", ("DonVi", "TenDonVi", "Đơn vị xử lý")),
    tabular.Column("channel", "Kênh", ("KenhThucHien", "Hình thức nộp", "Kênh nộp")),
)
_RESPONSE_HEADERS = {
    tabular.normalize_header(name) for column in RESPONSE_COLUMNS for name in column.names
}

#: Channel values of FORMATS §5, except that an empty cell means "unknown" here.
CHANNELS = {
    tabular.normalize_header(k): v
    for k, v in {
        "1": 1,
        "trực tiếp": 1,
        "direct": 1,
        "2": 2,
        "trực tuyến": 2,
        "online": 2,
        "3": 3,
        "bưu chính": 3,
        "bưu chính công ích": 3,
        "BCCI": 3,
        "postal": 3,
    }.items()
}
_RATINGS = {tabular.normalize_header(k): v for k, v in RATING_LABELS.items()}
_UNANSWERED = {tabular.normalize_header(v) for v in UNANSWERED}
_ELEMENTS = {tabular.normalize_header(k): v for k, v in ELEMENT_NAMES.items()}
_KINDS = {tabular.normalize_header(k): v for k, v in QUESTION_KIND_NAMES.items()}

INVITATION_SALT = "parindex.citizens.invitation"


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=(code or "").strip().upper()).first()
    if agency is None:
        raise DomainError(_("No agency with code %(code)s.") % {"code": code})
    return agency


def _require(actor: Any, allowed: bool) -> None:
    if actor is not None and not allowed:
        raise PermissionDenied


def _may_manage(actor: Any, agency: Agency) -> bool:
    scope = scope_for(actor)
    return scope.is_admin or agency.pk in scope.secretariat


def _may_enter(actor: Any, agency: Agency) -> bool:
    scope = scope_for(actor)
    return scope.is_admin or agency.pk in (scope.secretariat | scope.member_agencies)


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
    before = snapshot(survey, SURVEY_FIELDS)
    for name, value in changes.items():
        if name not in ("title", "is_open", "invitation_days"):
            raise ValueError(name)
        setattr(survey, name, value)
    if not (survey.title or "").strip():
        raise DomainError(_("A survey needs a title."), field="title")
    if not 1 <= int(survey.invitation_days) <= 365:
        raise DomainError(_("Invitations are valid for 1 to 365 days."), field="invitation_days")
    after = snapshot(survey, SURVEY_FIELDS)
    if after != before:
        survey.save()
        record(
            actor=actor,
            action="survey.updated",
            target=survey,
            agency=survey.agency,
            before=before,
            after=after,
        )
    return survey


def import_survey(
    source: str | Path | IO[bytes],
    *,
    agency_code: str,
    code: str,
    year: int,
    title: str | None = None,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """A survey's question set (FORMATS §10); the survey is created when missing."""
    agency = _agency(agency_code)
    _require(actor, _may_manage(actor, agency))
    code = (code or "").strip()
    if not code or len(code) > 20 or any(ch.isspace() for ch in code):
        raise DomainError(_("A survey code has 1 to 20 characters and no spaces."), field="code")
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("The year must be between 2000 and 2100."), field="year")
    table = tabular.open_table(source, QUESTION_COLUMNS, filename=filename, sheet=sheet)
    result = tabular.ImportResult(warnings=list(table.warnings))
    valid: dict[str, tuple[int, dict[str, Any]]] = {}
    seen: dict[str, int] = {}
    rejected: list[tuple[list[object], str]] = []
    position = 0
    with table:
        for number, values, raw in table.rows(with_raw=True):
            errors: list[tabular.RowError] = []
            qcode = tabular.parse_text(values.get("code")) or ""
            text = tabular.parse_text(values.get("text")) or ""
            folded = tabular.normalize_header(qcode)
            if not qcode:
                errors.append(
                    tabular.RowError(number, table.header_for("code"), _("code is empty"))
                )
            elif len(qcode) > 20:
                errors.append(
                    tabular.RowError(
                        number, table.header_for("code"), _("a code has at most 20 characters")
                    )
                )
            elif folded in seen:
                errors.append(
                    tabular.RowError(
                        number,
                        table.header_for("code"),
                        _("code %(code)s repeats row %(row)s")
                        % {"code": qcode, "row": seen[folded]},
                    )
                )
            elif folded in _RESPONSE_HEADERS:
                errors.append(
                    tabular.RowError(
                        number,
                        table.header_for("code"),
                        _("code %(code)s is the name of a column of the response file")
                        % {"code": qcode},
                    )
                )
            if not text:
                errors.append(
                    tabular.RowError(number, table.header_for("text"), _("the question is empty"))
                )
            elif len(text) > 1000:
                errors.append(
                    tabular.RowError(number, table.header_for("text"), _("at most 1000 characters"))
                )
            kind = QuestionKind.RATING
            if "kind" in table.columns:
                try:
                    kind = tabular.match_choice(values.get("kind") or "", _KINDS)
                except ValueError as exc:
                    errors.append(tabular.RowError(number, table.header_for("kind"), str(exc)))
            element = ""
            if values.get("element") not in (None, "") or kind == QuestionKind.RATING:
                try:
                    element = str(tabular.match_choice(values.get("element"), _ELEMENTS))
                except ValueError as exc:
                    errors.append(tabular.RowError(number, table.header_for("element"), str(exc)))
            options = (tabular.parse_text(values.get("options")) or "")[:1000]
            if qcode and folded not in seen:
                seen[folded] = number
            if errors:
                result.errors.extend(errors)
                rejected.append((raw, "; ".join(e.message for e in errors)))
                continue
            position += 1
            valid[qcode] = (
                number,
                {
                    "text": text,
                    "element": element,
                    "kind": str(kind),
                    "options": options if kind == QuestionKind.PROFILE else "",
                    "position": position,
                },
            )
    if result.errors and not skip_invalid:
        raise tabular.ImportRefused(result.errors, result.warnings)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().filter(agency=agency, code=code).first()
        if survey is None:
            survey = Survey.objects.create(
                agency=agency, code=code, year=year, title=(title or code).strip()[:255]
            )
            record(
                actor=actor,
                action="survey.created",
                target=survey,
                agency=agency,
                after=snapshot(survey, SURVEY_FIELDS),
            )
        elif survey.year != int(year):
            if survey.responses.exists():
                raise DomainError(
                    _("Survey %(code)s is for %(year)s and already has responses.")
                    % {"code": code, "year": survey.year},
                    field="year",
                )
            before = snapshot(survey, SURVEY_FIELDS)
            survey.year = int(year)
            survey.save(update_fields=["year", "updated_at"])
            record(
                actor=actor,
                action="survey.updated",
                target=survey,
                agency=agency,
                before=before,
                after=snapshot(survey, SURVEY_FIELDS),
            )
        existing = {q.code: q for q in survey.questions.all()}
        for qcode, (_number, data) in valid.items():
            question = existing.get(qcode)
            if question is None:
                question = Question.objects.create(survey=survey, code=qcode, **data)
                record(
                    actor=actor,
                    action="survey_question.created",
                    target=survey,
                    agency=agency,
                    after=snapshot(question, QUESTION_FIELDS),
                )
                result.created += 1
                continue
            before = snapshot(question, QUESTION_FIELDS)
            for name, value in data.items():
                setattr(question, name, value)
            after = snapshot(question, QUESTION_FIELDS)
            if after == before:
                result.unchanged += 1
                continue
            question.save()
            record(
                actor=actor,
                action="survey_question.updated",
                target=survey,
                agency=agency,
                before=before,
                after=after,
            )
            result.updated += 1
    result.rejected = len(rejected)
    if rejected and isinstance(source, str | Path):
        result.rejected_file = tabular.write_rejected(source, table.raw_header, rejected)
    return result


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


class _Lookups:
    """Units and procedures of an agency, by code or exact name (FORMATS §4–5)."""

    def __init__(self, agency: Agency) -> None:
        units = list(Unit.objects.filter(agency=agency))
        self.units = {u.code.upper(): u for u in units}
        self.unit_names = {tabular.normalize_header(u.name): u for u in units}
        self.procedures = {p.code: p for p in Procedure.objects.filter(agency=agency)}

    def unit(self, value: Any) -> Unit:
        text = tabular.parse_text(value) or ""
        unit = self.units.get(text.upper()) or self.unit_names.get(tabular.normalize_header(text))
        if unit is None:
            raise ValueError(_("unknown unit %(value)s") % {"value": text[:40]})
        return unit

    def procedure(self, value: Any) -> Procedure:
        text = tabular.parse_text(value) or ""
        procedure = self.procedures.get(text)
        if procedure is None:
            raise ValueError(
                _("unknown procedure code %(value)s in this agency") % {"value": text[:40]}
            )
        return procedure


def import_survey_responses(
    source: str | Path | IO[bytes],
    *,
    agency_code: str,
    survey_code: str,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """Returned forms (FORMATS §10): one row per form, one column per question code."""
    survey = get_survey(agency_code, survey_code)
    agency = survey.agency
    _require(actor, _may_enter(actor, agency))
    questions = list(survey.questions.all())
    # Question columns come first: a question's own code wins over the fixed columns' aliases.
    columns = [
        tabular.Column(f"q:{q.pk}", q.code) for q in questions if tabular.normalize_header(q.code)
    ]
    table = tabular.open_table(
        source, [*RESPONSE_COLUMNS, *columns], filename=filename, sheet=sheet
    )
    by_key = {f"q:{q.pk}": q for q in questions}
    lookups = _Lookups(agency)
    result = tabular.ImportResult(warnings=list(table.warnings))
    valid: dict[str, tuple[int, dict[str, Any]]] = {}
    rejected: list[tuple[list[object], str]] = []
    with table:
        for number, values, raw in table.rows(with_raw=True):
            errors: list[tabular.RowError] = []

            def err(key: str, message: str, number: int = number, errors: list = errors) -> None:
                errors.append(tabular.RowError(number, table.header_for(key), message))

            code = tabular.parse_text(values.get("code")) or ""
            if not code:
                err("code", _("the form number is empty"))
            elif len(code) > 40:
                err("code", _("at most 40 characters"))
            elif code in valid:
                err(
                    "code",
                    _("form %(code)s repeats row %(row)s") % {"code": code, "row": valid[code][0]},
                )
            answered_on = None
            try:
                answered_on = tabular.parse_date(values.get("date"))
            except ValueError as exc:
                err("date", str(exc))
            if answered_on is not None and answered_on.year != survey.year:
                err(
                    "date",
                    _("the date %(date)s is not in the survey's year %(year)s")
                    % {"date": answered_on.strftime("%d/%m/%Y"), "year": survey.year},
                )
            procedure = unit = channel = None
            if values.get("procedure") not in (None, ""):
                try:
                    procedure = lookups.procedure(values["procedure"])
                except ValueError as exc:
                    err("procedure", str(exc))
            if values.get("unit") not in (None, ""):
                try:
                    unit = lookups.unit(values["unit"])
                except ValueError as exc:
                    err("unit", str(exc))
            if values.get("channel") not in (None, ""):
                try:
                    channel = tabular.match_choice(values["channel"], CHANNELS)
                except ValueError as exc:
                    err("channel", str(exc))
            answers: dict[int, int] = {}
            extra: dict[str, str] = {}
            for key, question in by_key.items():
                if key not in table.columns:
                    continue  # a question with no column: unanswered on every row
                cell = values.get(key)
                if question.kind == QuestionKind.RATING:
                    try:
                        value = parse_answer(cell)
                    except ValueError as exc:
                        err(key, str(exc))
                        continue
                    if value is not None:
                        answers[question.pk] = value
                else:
                    text = tabular.parse_text(cell)
                    if text:
                        extra[question.code] = text[:2000]
            if errors:
                result.errors.extend(errors)
                rejected.append((raw, "; ".join(e.message for e in errors)))
                continue
            valid[code] = (
                number,
                {
                    "answered_on": answered_on,
                    "procedure": procedure,
                    "unit": unit,
                    "channel": channel,
                    "answers": answers,
                    "extra": extra,
                },
            )
    if result.errors and not skip_invalid:
        raise tabular.ImportRefused(result.errors, result.warnings)
    with transaction.atomic():
        Survey.objects.select_for_update().filter(pk=survey.pk).first()
        existing = {
            r.code: r for r in SurveyResponse.objects.filter(survey=survey, code__in=list(valid))
        }
        stored_answers: dict[Any, dict[int, int]] = {r.pk: {} for r in existing.values()}
        for response_id, question_id, value in Answer.objects.filter(
            response__in=list(existing.values())
        ).values_list("response_id", "question_id", "value"):
            stored_answers[response_id][question_id] = value
        for code, (_number, data) in valid.items():
            response = existing.get(code)
            if response is None:
                _create_response(actor=actor, survey=survey, code=code, **data)
                result.created += 1
                continue
            before = {
                **snapshot(response, RESPONSE_FIELDS),
                "answers": _answers_repr(stored_answers[response.pk], questions),
                "extra": response.extra,
            }
            after = {
                **before,
                "answered_on": data["answered_on"].isoformat(),
                "procedure": str(data["procedure"]) if data["procedure"] else None,
                "unit": str(data["unit"]) if data["unit"] else None,
                "channel": data["channel"],
                "answers": _answers_repr(data["answers"], questions),
                "extra": data["extra"],
            }
            if after == before:
                result.unchanged += 1
                continue
            response.answered_on = data["answered_on"]
            response.procedure = data["procedure"]
            response.unit = data["unit"]
            response.channel = data["channel"]
            response.extra = data["extra"]
            response.save()
            if data["answers"] != stored_answers[response.pk]:
                response.answers.all().delete()
                Answer.objects.bulk_create(
                    Answer(response=response, question_id=q, value=v)
                    for q, v in data["answers"].items()
                )
            record(
                actor=actor,
                action="survey_response.updated",
                target=response,
                agency=agency,
                before=before,
                after=after,
            )
            result.updated += 1
    result.rejected = len(rejected)
    if rejected and isinstance(source, str | Path):
        result.rejected_file = tabular.write_rejected(source, table.raw_header, rejected)
    return result


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


# -- the public page ------------------------------------------------------------------------------


class InvitationRefused(DomainError):
    """The link cannot be used (expired, already used, forged); the message says so politely."""


def _web_code() -> str:
    # Random, unrelated to the token: "W-" and 10 characters from a 32-letter alphabet.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "W-" + "".join(secrets.choice(alphabet) for _ in range(10))


def check_public(survey: Survey, today: dt.date | None = None) -> None:
    """Refuse (InvitationRefused) when the survey takes no answer from the public today."""
    today = today or timezone.localdate()
    if not survey.is_open:
        raise InvitationRefused(_("This survey is closed. Thank you for your interest."))
    if today.year != survey.year:
        raise InvitationRefused(_("This survey is not running this year."))


@transaction.atomic
def invitation_create(*, actor: Any, survey: Survey, dossier: Dossier) -> str:
    """An invitation for a dossier's receipt; returns the signed token (shown once, in the QR).

    A dossier has one invitation per survey; asking again gives a new token and invalidates the
    old one, as long as it has not been used.
    """
    _require(
        actor,
        scope_for(actor).is_admin
        or survey.agency_id in scope_for(actor).secretariat
        or dossier.unit_id in scope_for(actor).member_units,
    )
    if dossier.agency_id != survey.agency_id:
        raise DomainError(_("The dossier belongs to another agency."))
    key = secrets.token_urlsafe(16)
    expires_on = timezone.localdate() + dt.timedelta(days=survey.invitation_days)
    invitation = (
        Invitation.objects.select_for_update().filter(survey=survey, dossier=dossier).first()
    )
    if invitation is not None and invitation.used:
        raise DomainError(_("This dossier's invitation has already been answered."))
    if invitation is None:
        invitation = Invitation.objects.create(
            survey=survey, dossier=dossier, key_hash=Invitation.hash_key(key), expires_on=expires_on
        )
        action = "survey_invitation.created"
    else:
        invitation.key_hash = Invitation.hash_key(key)
        invitation.expires_on = expires_on
        invitation.save(update_fields=["key_hash", "expires_on"])
        action = "survey_invitation.renewed"
    record(
        actor=actor,
        action=action,
        target=invitation,
        agency=survey.agency,
        after={"dossier": dossier.code, "expires_on": expires_on.isoformat()},
    )
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(key)


def invitation_for_token(token: str) -> Invitation:
    """The open invitation of a token, or InvitationRefused with a polite reason."""
    signer = signing.TimestampSigner(salt=INVITATION_SALT)
    try:
        key = signer.unsign(token or "", max_age=dt.timedelta(days=366))
    except signing.SignatureExpired:
        raise InvitationRefused(_("This link has expired. Thank you for your interest.")) from None
    except signing.BadSignature:
        raise InvitationRefused(
            _("This link is not valid. Please check the address on your receipt.")
        ) from None
    invitation = (
        Invitation.objects.select_related("survey__agency", "dossier")
        .filter(key_hash=Invitation.hash_key(key))
        .first()
    )
    if invitation is None:
        raise InvitationRefused(
            _("This link is no longer valid: a newer one was printed on your receipt.")
        )
    if invitation.used:
        raise InvitationRefused(
            _(
                "This link has already been used to answer. Each receipt gives one answer. Thank you!"
            )
        )
    if invitation.expires_on < timezone.localdate():
        raise InvitationRefused(_("This link has expired. Thank you for your interest."))
    return invitation


@transaction.atomic
def survey_answer_by_invitation(*, token: str, answers: dict[str, Any]) -> None:
    """A citizen's answer through a receipt's link. Marks the invitation used and stores the
    response with the dossier's procedure, unit and channel — nothing that leads back."""
    invitation = invitation_for_token(token)
    survey = invitation.survey
    today = timezone.localdate()
    check_public(survey, today)
    ratings, extra = _check_answers(survey, answers)
    if not ratings and not extra:
        raise DomainError(_("Please answer at least one question."))
    # The flag flips once: a second submit racing this one updates no row and is refused.
    if not Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True):
        raise InvitationRefused(
            _(
                "This link has already been used to answer. Each receipt gives one answer. Thank you!"
            )
        )
    dossier = invitation.dossier
    _create_response(
        actor=None,
        survey=survey,
        code=_web_code(),
        answered_on=today,
        procedure=dossier.procedure,
        unit=dossier.unit,
        channel=dossier.channel,
        answers=ratings,
        extra=extra,
        source=ResponseSource.WEB,
        audit=False,
    )


@transaction.atomic
def survey_answer_open(
    *, survey: Survey, answers: dict[str, Any], procedure: Procedure | None = None
) -> None:
    """A citizen's answer through a poster's open link (rate-limited by the view)."""
    today = timezone.localdate()
    check_public(survey, today)
    if procedure is not None and procedure.agency_id != survey.agency_id:
        raise DomainError(_("Unknown procedure."))
    ratings, extra = _check_answers(survey, answers)
    if not ratings and not extra:
        raise DomainError(_("Please answer at least one question."))
    _create_response(
        actor=None,
        survey=survey,
        code=_web_code(),
        answered_on=today,
        procedure=procedure,
        unit=procedure.unit if procedure is not None else None,
        channel=None,
        answers=ratings,
        extra=extra,
        source=ResponseSource.WEB,
        audit=False,
    )
