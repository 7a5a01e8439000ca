"""The three imports of the registers: legal documents, inspections, recommendations.

Same rules as every import (docs/registers.md): all or nothing unless `skip_invalid`, errors as
`row N, column C: message`, upsert by the natural key (agency, code) through the ordinary
services (so every change is audited), counts created / updated / unchanged / rejected. A column
absent from the file leaves that field of existing records as it is; an empty cell clears it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.common import tabular
from parindex.org.models import Agency
from parindex.org.selectors import UnitFinder
from parindex.registers.choices import INSPECTION_KIND_WORDS, InspectionKind
from parindex.registers.models import Inspection, LegalDocument, Recommendation
from parindex.registers.services._common import is_inspectorate, is_secretariat
from parindex.registers.services.documents import document_create, document_update
from parindex.registers.services.inspections import inspection_create, inspection_update
from parindex.registers.services.recommendations import (
    recommendation_create,
    recommendation_update,
)

F = tabular.Field

DOCUMENTS = tabular.RowSchema(
    F("code", "Mã văn bản", ("Mã", "Mã dự thảo"), required=True, limit=40),
    F("title", "Tên văn bản", ("Trích yếu", "Tên"), required=True),
    F("form", "Hình thức", ("Loại văn bản",), limit=60),
    F("lead_unit", "Đơn vị chủ trì", ("Đơn vị",), required=True, kind="lookup"),
    F("plan_year", "Năm kế hoạch", ("Năm",), required=True, kind="year"),
    F("submission_due", "Hạn trình", ("Hạn trình theo kế hoạch",), required=True, kind="date"),
    F("sent_for_appraisal", "Ngày gửi thẩm định", ("Gửi Sở Tư pháp",), kind="date"),
    F("submitted_on", "Ngày trình", ("Ngày trình UBND",), kind="date"),
    F("issued_on", "Ngày ban hành", kind="date"),
    F("number", "Số hiệu", ("Số ký hiệu",), limit=60),
    F("withdrawn_on", "Ngày rút", ("Ngày rút khỏi kế hoạch",), kind="date"),
)

INSPECTIONS = tabular.RowSchema(
    F("code", "Mã cuộc", ("Mã", "Mã cuộc thanh tra"), required=True, limit=40),
    F("subject", "Nội dung", ("Tên cuộc", "Tên"), required=True),
    F("kind", "Loại", ("Hình thức",), required=True, kind="choice", choices=INSPECTION_KIND_WORDS),
    F("plan_year", "Năm kế hoạch", ("Năm",), required=True, kind="year"),
    F("planned", "Trong kế hoạch", ("Theo kế hoạch",), kind="bool", default=True),
    F("unit", "Đơn vị thực hiện", ("Đơn vị",), required=True, kind="lookup"),
    F("target", "Đối tượng", ("Đơn vị được kiểm tra",)),
    F("decision_on", "Ngày quyết định", ("Ngày ban hành quyết định",), kind="date"),
    F("conclusion_due", "Hạn kết luận", kind="date"),
    F("concluded_on", "Ngày kết luận", ("Ngày ban hành kết luận",), kind="date"),
)

RECOMMENDATIONS = tabular.RowSchema(
    F("code", "Mã kiến nghị", ("Mã",), required=True, limit=40),
    F("inspection", "Mã cuộc", ("Nguồn",), kind="lookup"),
    F("text", "Nội dung", ("Kiến nghị",), required=True, limit=5000),
    F("unit", "Đơn vị thực hiện", ("Đơn vị",), required=True, kind="lookup"),
    F("due_date", "Hạn xử lý", ("Hạn",), required=True, kind="date"),
    F("done_on", "Ngày hoàn thành", ("Ngày xử lý xong",), kind="date"),
    F("amount", "Số tiền", ("Số tiền xử phạt", "Số tiền kiến nghị thu hồi"), kind="amount"),
)

DOCUMENT_COLUMNS = DOCUMENTS.columns
INSPECTION_COLUMNS = INSPECTIONS.columns
RECOMMENDATION_COLUMNS = RECOMMENDATIONS.columns

_Row = tabular.RowReader


def _run(
    source: str | Path | IO[bytes],
    columns: list[tabular.Column],
    *,
    filename: str | None,
    sheet: str | None,
    skip_invalid: bool,
    read_row: Callable[[_Row], dict[str, Any] | None],
    write: Callable[[dict[str, tuple[int, dict[str, Any]]], set[str], tabular.ImportResult], None],
    agency: Agency,
) -> tabular.ImportResult:
    """Read and check every row, then (all valid, or `skip_invalid`) write in one transaction."""
    valid: dict[str, tuple[int, dict[str, Any]]] = {}
    rejected: list[tuple[list[object], str]] = []
    with tabular.open_table(source, columns, filename=filename, sheet=sheet) as table:
        result = tabular.ImportResult(warnings=list(table.warnings))
        present = set(table.columns)
        for number, values, raw in table.rows(with_raw=True):
            row = _Row(table, number, values)
            data = read_row(row)
            code = data.get("code") if data else None
            if code:
                key = tabular.normalize_header(code)
                if key in valid:
                    row.error(
                        "code",
                        _("the code %(code)s repeats row %(row)s")
                        % {"code": code, "row": valid[key][0]},
                    )
            if row.errors or data is None:
                result.errors.extend(row.errors)
                rejected.append((raw, "; ".join(e.message for e in row.errors)))
                continue
            valid[key] = (number, data)
        raw_header = table.raw_header
    if result.errors and not skip_invalid:
        raise tabular.ImportRefused(result.errors, result.warnings)
    with transaction.atomic():
        # Imports of one agency run one after the other.
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        write(valid, present, result)
    result.note_rejected(rejected, source, raw_header)
    return result


def _upsert(
    model: type,
    agency: Agency,
    valid: dict[str, tuple[int, dict[str, Any]]],
    present: set[str],
    result: tabular.ImportResult,
    create: Callable[[dict[str, Any]], Any],
    update: Callable[[Any, dict[str, Any]], Any],
    always: tuple[str, ...] = (),
) -> None:
    existing = {
        tabular.normalize_header(obj.code): obj for obj in model.objects.filter(agency=agency)
    }
    for key, (_number, data) in valid.items():
        obj = existing.get(key)
        if obj is None:
            create(data)
            result.created += 1
            continue
        changes = {
            field: value
            for field, value in data.items()
            if field != "code"
            and (field in present or field in always)
            and _value_of(obj, field) != value
        }
        if not changes:
            result.unchanged += 1
            continue
        update(obj, changes)
        result.updated += 1


def _value_of(obj: Any, field: str) -> Any:
    value = getattr(obj, field)
    return value


# -- legal documents -----------------------------------------------------------------------


def import_legal_documents(
    source: str | Path | IO[bytes],
    *,
    agency: Agency,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """The drafting plan's documents of an agency (the secretariat, or the system)."""
    if not is_secretariat(actor, agency.pk):
        raise PermissionDenied
    units = UnitFinder(agency)

    def read_row(row: _Row) -> dict[str, Any] | None:
        data = DOCUMENTS.read(row, lead_unit=units.cell)
        if data["submitted_on"] and data["sent_for_appraisal"]:
            if data["submitted_on"] < data["sent_for_appraisal"]:
                row.error("submitted_on", _("submitted before it was sent for appraisal"))
        if data["issued_on"] and data["submitted_on"]:
            if data["issued_on"] < data["submitted_on"]:
                row.error("issued_on", _("issued before it was submitted"))
        return data

    def write(valid: dict, present: set[str], result: tabular.ImportResult) -> None:
        _upsert(
            LegalDocument,
            agency,
            valid,
            present,
            result,
            lambda data: document_create(actor=actor, agency=agency, **data),
            lambda obj, changes: document_update(actor=actor, document=obj, **changes),
        )

    return _run(
        source,
        DOCUMENT_COLUMNS,
        filename=filename,
        sheet=sheet,
        skip_invalid=skip_invalid,
        read_row=read_row,
        write=write,
        agency=agency,
    )


# -- inspections ---------------------------------------------------------------------------


def import_inspections(
    source: str | Path | IO[bytes],
    *,
    agency: Agency,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """The inspections of an agency (its inspectorate, an administrator, or the system)."""
    if not (is_inspectorate(actor, agency.pk) or is_secretariat(actor, agency.pk)):
        raise PermissionDenied
    units = UnitFinder(agency)

    def read_row(row: _Row) -> dict[str, Any] | None:
        data = INSPECTIONS.read(row, unit=units.cell)
        kind, target = data["kind"], data["target"]
        data["target_unit"] = (
            units.find(target) if kind == InspectionKind.PAR_CHECK and target else None
        )
        if data["concluded_on"] and data["decision_on"]:
            if data["concluded_on"] < data["decision_on"]:
                row.error("concluded_on", _("the conclusion is dated before the decision"))
        if (
            actor is not None
            and kind
            and not (is_inspectorate(actor, agency.pk) or kind == InspectionKind.PAR_CHECK)
        ):
            row.error("kind", _("only the inspectorate records this kind of inspection"))
        return data

    def write(valid: dict, present: set[str], result: tabular.ImportResult) -> None:
        _upsert(
            Inspection,
            agency,
            valid,
            present,
            result,
            lambda data: inspection_create(actor=actor, agency=agency, **data),
            lambda obj, changes: inspection_update(actor=actor, inspection=obj, **changes),
            # "Trong kế hoạch" defaults to yes; the unit inspected follows "Đối tượng".
            always=("planned",) if "planned" in present else (),
        )

    def write_with_target(valid: dict, present: set[str], result: tabular.ImportResult) -> None:
        if "target" in present:
            present = present | {"target_unit"}
        write(valid, present, result)

    return _run(
        source,
        INSPECTION_COLUMNS,
        filename=filename,
        sheet=sheet,
        skip_invalid=skip_invalid,
        read_row=read_row,
        write=write_with_target,
        agency=agency,
    )


# -- recommendations -----------------------------------------------------------------------


def import_recommendations(
    source: str | Path | IO[bytes],
    *,
    agency: Agency,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """Recommendations of an agency; each new one becomes a task of its owner unit."""
    if not (is_inspectorate(actor, agency.pk) or is_secretariat(actor, agency.pk)):
        raise PermissionDenied
    units = UnitFinder(agency)
    inspections = {
        tabular.normalize_header(i.code): i for i in Inspection.objects.filter(agency=agency)
    }
    secretariat = is_secretariat(actor, agency.pk)

    def inspection_of(row: _Row, key: str) -> Inspection | None:
        inspection = None
        code = row.text(key, limit=40)
        if code:
            inspection = inspections.get(tabular.normalize_header(code))
            if inspection is None:
                row.error(
                    key,
                    _("no inspection %(code)s in agency %(agency)s")
                    % {"code": code, "agency": agency.code},
                )
        if not inspection and not secretariat:
            row.error(key, _("the inspectorate imports recommendations of inspections"))
        return inspection

    def read_row(row: _Row) -> dict[str, Any] | None:
        return RECOMMENDATIONS.read(row, inspection=inspection_of, unit=units.cell)

    def write(valid: dict, present: set[str], result: tabular.ImportResult) -> None:
        def create(data: dict[str, Any]) -> Recommendation:
            inspection = data.pop("inspection")
            return recommendation_create(actor=actor, agency=agency, inspection=inspection, **data)

        _upsert(
            Recommendation,
            agency,
            valid,
            present,
            result,
            create,
            lambda obj, changes: recommendation_update(actor=actor, recommendation=obj, **changes),
        )

    return _run(
        source,
        RECOMMENDATION_COLUMNS,
        filename=filename,
        sheet=sheet,
        skip_invalid=skip_invalid,
        read_row=read_row,
        write=write,
        agency=agency,
    )
