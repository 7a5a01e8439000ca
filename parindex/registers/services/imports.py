"""The three imports of the registers: legal documents, inspections, recommendations.

Same rules as every import (docs/registers.md): all or nothing unless `skip_invalid`, errors as
`row N, column C: message`, upsert by the natural key (agency, code) through the ordinary
services (so every change is audited), counts created / updated / unchanged / rejected. A column
absent from the file leaves that field of existing records as it is; an empty cell clears it.
"""

from __future__ import annotations

import datetime as dt
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

C = tabular.Column

DOCUMENT_COLUMNS = [
    C("code", "Mã văn bản", ("Mã", "Mã dự thảo"), required=True),
    C("title", "Tên văn bản", ("Trích yếu", "Tên"), required=True),
    C("form", "Hình thức", ("Loại văn bản",)),
    C("lead_unit", "Đơn vị chủ trì", ("Đơn vị",), required=True),
    C("plan_year", "Năm kế hoạch", ("Năm",), required=True),
    C("submission_due", "Hạn trình", ("Hạn trình theo kế hoạch",), required=True),
    C("sent_for_appraisal", "Ngày gửi thẩm định", ("Gửi Sở Tư pháp",)),
    C("submitted_on", "Ngày trình", ("Ngày trình UBND",)),
    C("issued_on", "Ngày ban hành"),
    C("number", "Số hiệu", ("Số ký hiệu",)),
    C("withdrawn_on", "Ngày rút", ("Ngày rút khỏi kế hoạch",)),
]

INSPECTION_COLUMNS = [
    C("code", "Mã cuộc", ("Mã", "Mã cuộc thanh tra"), required=True),
    C("subject", "Nội dung", ("Tên cuộc", "Tên"), required=True),
    C("kind", "Loại", ("Hình thức",), required=True),
    C("plan_year", "Năm kế hoạch", ("Năm",), required=True),
    C("planned", "Trong kế hoạch", ("Theo kế hoạch",)),
    C("unit", "Đơn vị thực hiện", ("Đơn vị",), required=True),
    C("target", "Đối tượng", ("Đơn vị được kiểm tra",)),
    C("decision_on", "Ngày quyết định", ("Ngày ban hành quyết định",)),
    C("conclusion_due", "Hạn kết luận"),
    C("concluded_on", "Ngày kết luận", ("Ngày ban hành kết luận",)),
]

RECOMMENDATION_COLUMNS = [
    C("code", "Mã kiến nghị", ("Mã",), required=True),
    C("inspection", "Mã cuộc", ("Nguồn",)),
    C("text", "Nội dung", ("Kiến nghị",), required=True),
    C("unit", "Đơn vị thực hiện", ("Đơn vị",), required=True),
    C("due_date", "Hạn xử lý", ("Hạn",), required=True),
    C("done_on", "Ngày hoàn thành", ("Ngày xử lý xong",)),
    C("amount", "Số tiền", ("Số tiền xử phạt", "Số tiền kiến nghị thu hồi")),
]


class _Row:
    """Collects the errors of one row, each with the column as the user wrote it."""

    def __init__(self, table: tabular.Table, number: int, values: dict[str, Any]) -> None:
        self.table, self.number, self.values = table, number, values
        self.errors: list[tabular.RowError] = []

    def error(self, key: str, message: str) -> None:
        self.errors.append(tabular.RowError(self.number, self.table.header_for(key), message))

    def text(self, key: str, *, required: bool = False, limit: int = 500) -> str:
        value = tabular.parse_text(self.values.get(key)) or ""
        if required and not value:
            self.error(key, _("a value is required"))
        elif len(value) > limit:
            self.error(key, _("at most %(limit)d characters") % {"limit": limit})
        return value

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        raw = self.values.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.error(key, _("a date is required"))
            return None
        try:
            return tabular.parse_date(raw)
        except ValueError as exc:
            self.error(key, str(exc))
            return None

    def year(self, key: str) -> int | None:
        raw = self.values.get(key)
        if raw is None:
            self.error(key, _("a year is required"))
            return None
        try:
            year = tabular.parse_whole(raw)
        except ValueError as exc:
            self.error(key, str(exc))
            return None
        if not 2000 <= year <= 2100:
            self.error(
                key, _("the year must be between 2000 and 2100, not %(year)s") % {"year": year}
            )
            return None
        return year

    def unit(self, key: str, units: UnitFinder) -> Any:
        text = tabular.parse_text(self.values.get(key)) or ""
        if not text:
            self.error(key, _("a unit is required"))
            return None
        unit = units.find(text)
        if unit is None:
            self.error(
                key,
                _("no unit %(unit)s in agency %(agency)s")
                % {"unit": text, "agency": units.agency.code},
            )
        return unit

    def whole(self, key: str) -> int | None:
        raw = self.values.get(key)
        if raw is None:
            return None
        try:
            value = tabular.parse_whole(raw)
        except ValueError as exc:
            self.error(key, str(exc))
            return None
        if value < 0:
            self.error(key, _("an amount cannot be negative"))
            return None
        return value


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
    result.rejected = len(rejected)
    if rejected and isinstance(source, str | Path):
        result.rejected_file = tabular.write_rejected(source, raw_header, rejected)
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
        data = {
            "code": row.text("code", required=True, limit=40),
            "title": row.text("title", required=True),
            "form": row.text("form", limit=60),
            "lead_unit": row.unit("lead_unit", units),
            "plan_year": row.year("plan_year"),
            "submission_due": row.date("submission_due", required=True),
            "sent_for_appraisal": row.date("sent_for_appraisal"),
            "submitted_on": row.date("submitted_on"),
            "issued_on": row.date("issued_on"),
            "number": row.text("number", limit=60),
            "withdrawn_on": row.date("withdrawn_on"),
        }
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
        kind = None
        try:
            kind = tabular.match_choice(row.values.get("kind"), INSPECTION_KIND_WORDS)
        except ValueError as exc:
            row.error("kind", str(exc))
        planned = True
        if row.values.get("planned") is not None:
            try:
                planned = tabular.parse_bool(row.values.get("planned"))
            except ValueError as exc:
                row.error("planned", str(exc))
        target = row.text("target")
        target_unit = None
        if kind == InspectionKind.PAR_CHECK and target:
            target_unit = units.find(target)
        data = {
            "code": row.text("code", required=True, limit=40),
            "subject": row.text("subject", required=True),
            "kind": kind,
            "plan_year": row.year("plan_year"),
            "planned": planned,
            "unit": row.unit("unit", units),
            "target": target,
            "target_unit": target_unit,
            "decision_on": row.date("decision_on"),
            "conclusion_due": row.date("conclusion_due"),
            "concluded_on": row.date("concluded_on"),
        }
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

    def read_row(row: _Row) -> dict[str, Any] | None:
        inspection = None
        inspection_code = row.text("inspection", limit=40)
        if inspection_code:
            inspection = inspections.get(tabular.normalize_header(inspection_code))
            if inspection is None:
                row.error(
                    "inspection",
                    _("no inspection %(code)s in agency %(agency)s")
                    % {"code": inspection_code, "agency": agency.code},
                )
        if not inspection and not secretariat:
            row.error("inspection", _("the inspectorate imports recommendations of inspections"))
        data = {
            "code": row.text("code", required=True, limit=40),
            "inspection": inspection,
            "text": row.text("text", required=True, limit=5000),
            "unit": row.unit("unit", units),
            "due_date": row.date("due_date", required=True),
            "done_on": row.date("done_on"),
            "amount": row.whole("amount"),
        }
        return data

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
