"""The survey files (docs/formats.md §10 as docs/citizens.md restates it): the question set and the
returned forms. All or nothing unless ``skip_invalid``; re-importing a file changes nothing; a
changed row is an audited update."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record, record_created, snapshot
from parindex.citizens.choices import (
    ELEMENT_NAMES,
    QUESTION_KIND_NAMES,
    QuestionKind,
)
from parindex.citizens.models import (
    Answer,
    Question,
    Survey,
    SurveyResponse,
)
from parindex.citizens.services.surveys import (
    QUESTION_FIELDS,
    RESPONSE_FIELDS,
    SURVEY_FIELDS,
    _agency,
    _answers_repr,
    _create_response,
    _may_enter,
    _may_manage,
    _require,
    get_survey,
    parse_answer,
)
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.dossiers.models import Procedure
from parindex.org.models import Agency, Unit

QUESTION_COLUMNS = (
    tabular.Column("code", "Mã câu hỏi", ("Mã", "Câu"), required=True),
    tabular.Column("text", "Nội dung", ("Câu hỏi",), required=True),
    tabular.Column("element", "Yếu tố", ("Nhóm",), required=True),
    # Optional columns of ours (docs/formats.md allows adding): free-text and profile questions.
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

#: Channel values of docs/formats.md §5, except that an empty cell means "unknown" here.
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
_ELEMENTS = {tabular.normalize_header(k): v for k, v in ELEMENT_NAMES.items()}
_KINDS = {tabular.normalize_header(k): v for k, v in QUESTION_KIND_NAMES.items()}


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
    """A survey's question set (docs/formats.md §10); the survey is created when missing."""
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
            record_created(actor, "survey.created", survey, SURVEY_FIELDS)
        elif survey.year != int(year):
            if survey.responses.exists():
                raise DomainError(
                    _("Survey %(code)s is for %(year)s and already has responses.")
                    % {"code": code, "year": survey.year},
                    field="year",
                )
            with audited(actor, "survey.updated", survey, SURVEY_FIELDS, always=True):
                survey.year = int(year)
                survey.save(update_fields=["year", "updated_at"])
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
    result.note_rejected(rejected, source, table.raw_header)
    return result


class _Lookups:
    """Units and procedures of an agency, by code or exact name (docs/formats.md §4–5)."""

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
    """Returned forms (docs/formats.md §10): one row per form, one column per question code."""
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
    result.note_rejected(rejected, source, table.raw_header)
    return result
