"""Scores: self-assessment, appraisal, explanation, evidence, references, import (docs/formats.md §2)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import record, save_changes
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.common.numbers import screen_number
from parindex.common.uploads import ALLOWED_EXTENSIONS, SIGNATURES
from parindex.org.access import can
from parindex.org.models import Agency
from parindex.scorecards.choices import NodeKind, ScoreAction, Stage
from parindex.scorecards.models import (
    Assessment,
    DocumentReference,
    Evidence,
    Framework,
    Node,
    Score,
)

SELF_FIELDS = ("self_points", "self_explanation")
APPRAISAL_FIELDS = ("appraised_points", "appraisal_reason")
ROUND2_FIELDS = ("round2_points", "round2_reason")
EXPLAIN_FIELDS = ("explanation_answer",)

# The evidence rules live in parindex/common/uploads.py (shared with other apps' files).
_SIGNATURES = SIGNATURES


def _check(actor: Any, action: str, score: Score) -> None:
    if actor is None:
        if score.assessment.stage == Stage.FINAL:
            raise DomainError(_("The assessment is final; nobody changes its scores."))
        return
    if not can(actor, action, score):
        if score.assessment.stage == Stage.FINAL:
            raise DomainError(_("The assessment is final; nobody changes its scores."))
        raise PermissionDenied


def clean_points(value: Any, node: Node, field: str = "points") -> Decimal:
    """Points for a leaf: a number from 0 to its max, at most 3 decimals (the form, the API and
    the import all ask this)."""
    try:
        points = value if isinstance(value, Decimal) else tabular.parse_decimal(value)
    except ValueError as exc:
        raise DomainError(str(exc), field=field) from None
    if points < 0 or points > node.max_points:
        raise DomainError(
            _("Points must be between 0 and %(max)s.") % {"max": screen_number(node.max_points)},
            field=field,
        )
    if points.as_tuple().exponent < -3:
        raise DomainError(_("Points have at most 3 decimals."), field=field)
    return points.quantize(Decimal("0.001"))


def _save(
    score: Score, actor: Any, action: str, fields: tuple[str, ...], changes: dict[str, Any]
) -> bool:
    return save_changes(
        actor,
        action,
        score,
        fields,
        changes,
        agency=score.assessment.agency_id,
        update_fields=[*changes, "updated_at"],
    ).changed


@transaction.atomic
def check_self_assessed(node: Node) -> None:
    """Survey leaves are entered by the council, never self-assessed."""
    if node.kind == NodeKind.SURVEY:
        raise DomainError(_("Survey criteria are not self-assessed; the council enters them."))


def check_deduction_reason(
    points: Decimal | None, self_points: Decimal | None, reason: str
) -> None:
    """Appraised points below the self points need a reason."""
    if points is not None and self_points is not None and points < self_points and not reason:
        raise DomainError(_("A deduction needs a reason."), field="reason")


def score_self(*, actor: Any, score: Score, points: Any, explanation: str = "") -> bool:
    """The unit's (or the secretariat's) self-assessed points for a leaf."""
    check_self_assessed(score.node)
    _check(actor, ScoreAction.SELF, score)
    value = None if points in (None, "") else clean_points(points, score.node)
    return _save(
        score,
        actor,
        "score.self_assessed",
        SELF_FIELDS,
        {"self_points": value, "self_explanation": (explanation or "").strip()},
    )


@transaction.atomic
def score_appraise(*, actor: Any, score: Score, points: Any, reason: str = "") -> bool:
    """The council's points for a leaf in the current appraisal round; a deduction needs a reason."""
    _check(actor, ScoreAction.APPRAISE, score)
    value = None if points in (None, "") else clean_points(points, score.node)
    reason = (reason or "").strip()
    check_deduction_reason(value, score.self_points, reason)
    if score.assessment.stage == Stage.APPRAISAL_2:
        return _save(
            score,
            actor,
            "score.appraised",
            ROUND2_FIELDS,
            {"round2_points": value, "round2_reason": reason},
        )
    return _save(
        score,
        actor,
        "score.appraised",
        APPRAISAL_FIELDS,
        {"appraised_points": value, "appraisal_reason": reason},
    )


@transaction.atomic
def score_explain(*, actor: Any, score: Score, answer: str) -> bool:
    """The unit's answer (giải trình) to the appraisal of a leaf."""
    _check(actor, ScoreAction.EXPLAIN, score)
    answer = (answer or "").strip()
    if not answer:
        raise DomainError(_("Write the explanation."), field="answer")
    return _save(score, actor, "score.explained", EXPLAIN_FIELDS, {"explanation_answer": answer})


def _may_add_evidence(actor: Any, score: Score) -> None:
    if actor is None:
        return _check(None, ScoreAction.SELF, score)
    if can(actor, ScoreAction.SELF, score) or can(actor, ScoreAction.EXPLAIN, score):
        return None
    if score.assessment.stage == Stage.FINAL:
        raise DomainError(_("The assessment is final; nobody changes its scores."))
    raise PermissionDenied


@transaction.atomic
def evidence_add(*, actor: Any, score: Score, upload: Any, name: str | None = None) -> Evidence:
    """Attach an evidence file (PDF, Office, image) to a score, checked and hashed."""
    _may_add_evidence(actor, score)
    name = name or getattr(upload, "name", "") or "file"
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise DomainError(
            _("This type of file is not accepted; use PDF, Office documents or images."),
            field="file",
        )
    size = getattr(upload, "size", None)
    limit = settings.PARINDEX_MAX_UPLOAD_BYTES
    digest = hashlib.sha256()
    total = 0
    head = b""
    upload.seek(0)
    for chunk in (
        upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b"")
    ):
        if not head:
            head = chunk[:8]
        total += len(chunk)
        if total > limit:
            break
        digest.update(chunk)
    size = total if size is None else size
    if total > limit or size > limit:
        raise DomainError(
            _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, field="file"
        )
    if total == 0:
        raise DomainError(_("The file is empty."), field="file")
    signatures = _SIGNATURES.get(ext)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise DomainError(_("The file's content does not match its type."), field="file")
    upload.seek(0)
    evidence = Evidence(
        score=score,
        original_name=Path(name).name[:255],
        size=total,
        sha256=digest.hexdigest(),
        content_type=getattr(upload, "content_type", "") or "",
        stage=score.assessment.stage,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    evidence.file.save(
        Path(name).name, upload if isinstance(upload, File) else File(upload), save=False
    )
    evidence.save()
    record(
        actor=actor,
        action="score.evidence_added",
        target=score,
        agency=score.assessment.agency_id,
        after={"file": evidence.original_name, "sha256": evidence.sha256, "size": evidence.size},
    )
    return evidence


@transaction.atomic
def reference_add(
    *, actor: Any, score: Score, number: str, issued_on: Any = None, summary: str = ""
) -> DocumentReference:
    """Reference an official document as evidence of a score."""
    _may_add_evidence(actor, score)
    number = (number or "").strip()
    if not number:
        raise DomainError(_("Give the document's number and symbol."), field="number")
    reference = DocumentReference.objects.create(
        score=score, number=number[:120], issued_on=issued_on, summary=(summary or "").strip()[:500]
    )
    record(
        actor=actor,
        action="score.reference_added",
        target=score,
        agency=score.assessment.agency_id,
        after={"reference": str(reference), "summary": reference.summary},
    )
    return reference


# Import (docs/formats.md §2) --------------------------------------------------------------------------

SCORE_COLUMNS = (
    tabular.Column("code", "Mã", ("Mã tiêu chí",), required=True),
    tabular.Column(
        "points", "Điểm", ("Điểm tự chấm", "Điểm thẩm định", "Điểm tự đánh giá"), required=True
    ),
    tabular.Column("explanation", "Giải trình", ("Ghi chú", "Thuyết minh")),
    tabular.Column("documents", "Tài liệu", ("Tài liệu kiểm chứng", "Văn bản")),
)
_REFERENCE = re.compile(
    r"^(?P<number>.+?)\s+ngày\s+(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def parse_reference(text: str) -> tuple[str, Any, str]:
    """`1891/KH-SKHCCN ngày 30/12/2021 …` → (number, date, rest); the whole text otherwise."""
    text = " ".join(text.split())
    match = _REFERENCE.match(text)
    if match:
        try:
            day = tabular.parse_date(match.group("date"))
            return match.group("number").strip(" ,"), day, match.group("rest").strip(" ,-:")
        except ValueError:
            pass
    return text, None, ""


def _row_check(
    where: tuple[list[tabular.RowError], int, str], check: Callable[..., Any], *args: Any
) -> Any:
    """Run a service rule on a row's values; its refusal becomes a row error in that column."""
    errors, number, header = where
    try:
        return check(*args)
    except DomainError as exc:
        errors.append(tabular.RowError(number, header, exc.message))
        return None


def _clean_code(value: Any) -> str:
    return (tabular.parse_text(value) or "").strip().rstrip(".").replace(" ", "")


def import_scores(
    source: str | Path | IO[bytes],
    *,
    agency_code: str,
    year: int,
    stage: str,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """Import one stage's points of an agency's leaves; all or nothing unless skip_invalid."""
    from parindex.scorecards.services.workflow import assessment_open

    if stage not in ("self", "appraisal"):
        raise DomainError(_("The stage is self or appraisal."))
    agency = Agency.objects.filter(code=(agency_code or "").strip().upper()).first()
    if agency is None:
        raise DomainError(_("No agency with code %(code)s.") % {"code": agency_code})
    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        raise DomainError(
            _("There is no framework for %(year)s; import it first.") % {"year": year}
        )
    nodes = {n.code: n for n in Node.objects.filter(framework=framework)}
    assessment = Assessment.objects.filter(agency=agency, framework=framework).first()
    current = {}
    if assessment is not None:
        current = {s.node_id: s for s in Score.objects.filter(assessment=assessment)}
    table = tabular.open_table(source, SCORE_COLUMNS, filename=filename, sheet=sheet)
    result = tabular.ImportResult(warnings=list(table.warnings))
    valid: dict[str, tuple[int, Node, Decimal, str, list[str]]] = {}
    rejected: list[tuple[list[Any], str]] = []
    with table:
        for number, values, raw in table.rows(with_raw=True):
            errors: list[tabular.RowError] = []
            code = _clean_code(values.get("code"))
            node = nodes.get(code)
            points = None
            explanation = tabular.parse_text(values.get("explanation")) or ""
            if not code:
                errors.append(
                    tabular.RowError(number, table.header_for("code"), _("the code is empty"))
                )
            elif node is None:
                errors.append(
                    tabular.RowError(
                        number,
                        table.header_for("code"),
                        _("%(code)s is not a criterion of the %(year)s framework")
                        % {"code": code, "year": year},
                    )
                )
            elif not node.is_leaf:
                errors.append(
                    tabular.RowError(
                        number,
                        table.header_for("code"),
                        _("%(code)s has sub-criteria; score its leaves") % {"code": code},
                    )
                )
            elif code in valid:
                errors.append(
                    tabular.RowError(
                        number,
                        table.header_for("code"),
                        _("code %(code)s repeats row %(row)s")
                        % {"code": code, "row": valid[code][0]},
                    )
                )

            # The rules are the scoring service's own (same checks, same words); here they are
            # asked for every row first, so a file is refused whole with all its problems.
            if node is not None and node.is_leaf and stage == "self":
                _row_check((errors, number, table.header_for("code")), check_self_assessed, node)
            raw_points = values.get("points")
            if raw_points is None or (isinstance(raw_points, str) and not raw_points.strip()):
                points = None
            elif node is not None and node.is_leaf:
                points = _row_check(
                    (errors, number, table.header_for("points")), clean_points, raw_points, node
                )
            else:
                try:
                    points = tabular.parse_decimal(raw_points)
                except ValueError as exc:
                    errors.append(tabular.RowError(number, table.header_for("points"), str(exc)))
            if points is not None and node is not None and stage == "appraisal":
                score = current.get(node.pk)
                self_points = score.self_points if score else None
                _row_check(
                    (errors, number, table.header_for("explanation")),
                    check_deduction_reason,
                    points,
                    self_points,
                    explanation,
                )
            if errors:
                result.errors.extend(errors)
                rejected.append((raw, "; ".join(e.message for e in errors)))
                continue
            documents = [
                d.strip()
                for d in (tabular.parse_text(values.get("documents")) or "").split(";")
                if d.strip()
            ]
            valid[code] = (number, node, points, explanation, documents)
    if result.errors and not skip_invalid:
        raise tabular.ImportRefused(result.errors, result.warnings)
    with transaction.atomic():
        assessment = (
            assessment_open(actor=None, agency=agency, year=year)
            if assessment is None
            else assessment
        )
        if assessment.stage == Stage.FINAL:
            raise DomainError(_("The assessment is final; nobody changes its scores."))
        scores = {
            s.node_id: s
            for s in Score.objects.filter(assessment=assessment).select_related(
                "node", "assessment"
            )
        }
        for _code, (_number, node, points, explanation, documents) in valid.items():
            score = scores[node.pk]
            field = (
                "self_points"
                if stage == "self"
                else (
                    "round2_points" if assessment.stage == Stage.APPRAISAL_2 else "appraised_points"
                )
            )
            was_empty = getattr(score, field) is None
            if stage == "self":
                changed = score_self(
                    actor=actor, score=score, points=points, explanation=explanation
                )
            else:
                changed = score_appraise(
                    actor=actor, score=score, points=points, reason=explanation
                )
            existing = {str(r) for r in score.references.all()} | {
                r.number for r in score.references.all()
            }
            for text in documents:
                if text in existing:
                    continue
                ref_number, issued_on, summary = parse_reference(text)
                if ref_number in existing:
                    continue
                reference_add(
                    actor=actor,
                    score=score,
                    number=ref_number,
                    issued_on=issued_on,
                    summary=summary,
                )
                existing.add(ref_number)
                changed = True
            if changed and was_empty:
                result.created += 1
            elif changed:
                result.updated += 1
            else:
                result.unchanged += 1
    result.note_rejected(rejected, source, table.raw_header)
    return result
