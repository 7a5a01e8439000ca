"""The procedure catalogue: import (docs/formats.md §4) and edits."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record_created
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.dossiers.choices import LimitUnit, OnlineLevel
from parindex.dossiers.models import Procedure
from parindex.dossiers.services.common import UnitLookup, agency_for_import
from parindex.org.access import Action, can

PROCEDURE_FIELDS = (
    "name",
    "field",
    "unit",
    "time_limit",
    "limit_unit",
    "online_level",
    "fee",
    "is_active",
    "decision",
    "published_on",
    "basis_effective_on",
)

PROCEDURE_COLUMNS = (
    tabular.Column("code", "Mã TTHC", ("Mã thủ tục", "MaTTHC"), required=True),
    tabular.Column("name", "Tên TTHC", ("Tên thủ tục", "TenTTHC"), required=True),
    tabular.Column("field", "Lĩnh vực", ("TenLinhVuc",)),
    tabular.Column("unit", "Đơn vị", ("Đơn vị thực hiện", "Đơn vị xử lý")),
    tabular.Column("time_limit", "Thời hạn", ("Thời hạn giải quyết",)),
    tabular.Column("limit_unit", "Đơn vị thời hạn", ("LoaiThoiGianThucHien",)),
    tabular.Column("online_level", "Mức độ DVC", ("Mức độ", "MucDo")),
    tabular.Column("fee", "Phí", ("Lệ phí",)),
    # Optional extras (docs/formats.md allows adding columns).
    tabular.Column("decision", "Quyết định công bố", ("Số quyết định", "QuyetDinhCongBo")),
    tabular.Column("published_on", "Ngày công bố", ("NgayCongBo", "Ngày quyết định công bố")),
    # The day the legal basis takes effect (Decision 766: published on time = on or before).
    tabular.Column(
        "basis_effective_on",
        "Ngày hiệu lực",
        ("Ngày có hiệu lực", "Ngày hiệu lực văn bản", "Ngày hiệu lực căn cứ", "NgayHieuLuc"),
    ),
    tabular.Column("is_active", "Còn hiệu lực", ("Hiệu lực", "active")),
)

LIMIT_UNITS = {
    "": LimitUnit.WORKING_DAYS,
    "ngày làm việc": LimitUnit.WORKING_DAYS,
    "ngày lv": LimitUnit.WORKING_DAYS,
    "working days": LimitUnit.WORKING_DAYS,
    "working_days": LimitUnit.WORKING_DAYS,
    "ngày": LimitUnit.CALENDAR_DAYS,
    "ngày dương lịch": LimitUnit.CALENDAR_DAYS,
    "calendar days": LimitUnit.CALENDAR_DAYS,
    "calendar_days": LimitUnit.CALENDAR_DAYS,
    "giờ làm việc": LimitUnit.WORKING_HOURS,
    "giờ": LimitUnit.WORKING_HOURS,
    "working hours": LimitUnit.WORKING_HOURS,
    "working_hours": LimitUnit.WORKING_HOURS,
}

ONLINE_LEVELS = {
    "": OnlineLevel.NONE,
    "toàn trình": OnlineLevel.FULL,
    "dvc toàn trình": OnlineLevel.FULL,
    "một phần": OnlineLevel.PARTIAL,
    "dvc một phần": OnlineLevel.PARTIAL,
    "không": OnlineLevel.NONE,
    "4": OnlineLevel.FULL,
    "mức 4": OnlineLevel.FULL,
    "mức độ 4": OnlineLevel.FULL,
    "3": OnlineLevel.PARTIAL,
    "mức 3": OnlineLevel.PARTIAL,
    "mức độ 3": OnlineLevel.PARTIAL,
    "2": OnlineLevel.NONE,
    "mức 2": OnlineLevel.NONE,
    "mức độ 2": OnlineLevel.NONE,
    "1": OnlineLevel.NONE,
    "mức 1": OnlineLevel.NONE,
    "mức độ 1": OnlineLevel.NONE,
    "full": OnlineLevel.FULL,
    "partial": OnlineLevel.PARTIAL,
    "none": OnlineLevel.NONE,
}


def _parse_row(
    values: dict[str, Any], units: UnitLookup
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The procedure fields of one row, and the (column key, message) problems found."""
    errors: list[tuple[str, str]] = []
    data: dict[str, Any] = {}
    code = tabular.parse_text(values.get("code"))
    if not code:
        errors.append(("code", _("code is empty")))
    elif len(code) > 40:
        errors.append(("code", _("a code has at most 40 characters")))
    data["code"] = code
    name = tabular.parse_text(values.get("name"))
    if not name:
        errors.append(("name", _("name is empty")))
    data["name"] = (name or "")[:1000]
    data["field"] = (tabular.parse_text(values.get("field")) or "")[:255]
    data["unit"] = None
    if tabular.parse_text(values.get("unit")):
        try:
            data["unit"] = units.find(values.get("unit"))
        except ValueError as exc:
            errors.append(("unit", str(exc)))
    data["time_limit"] = None
    if values.get("time_limit") not in (None, ""):
        try:
            limit = tabular.parse_decimal(values["time_limit"])
            if limit < 0:
                raise ValueError(_("a time limit cannot be negative"))
            data["time_limit"] = limit.quantize(Decimal("0.01"))
        except ValueError as exc:
            errors.append(("time_limit", str(exc)))
    for key, mapping in (("limit_unit", LIMIT_UNITS), ("online_level", ONLINE_LEVELS)):
        try:
            data[key] = tabular.match_choice(values.get(key), mapping)
        except ValueError as exc:
            errors.append((key, str(exc)))
    data["fee"] = 0
    if values.get("fee") not in (None, ""):
        try:
            data["fee"] = tabular.parse_whole(values["fee"])
            if data["fee"] < 0:
                raise ValueError(_("a fee cannot be negative"))
        except ValueError as exc:
            errors.append(("fee", str(exc)))
    data["decision"] = (tabular.parse_text(values.get("decision")) or "")[:255]
    for key in ("published_on", "basis_effective_on"):
        data[key] = None
        if values.get(key) not in (None, ""):
            try:
                data[key] = tabular.parse_date(values[key])
            except ValueError as exc:
                errors.append((key, str(exc)))
    data["is_active"] = True
    if values.get("is_active") not in (None, ""):
        try:
            data["is_active"] = tabular.parse_bool(values["is_active"])
        except ValueError as exc:
            errors.append(("is_active", str(exc)))
    return data, errors


def import_procedures(
    source: str | Path | IO[bytes],
    *,
    agency_code: str,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """Import an agency's procedure catalogue (docs/formats.md §4); all or nothing unless skip_invalid.

    Columns absent from the file keep their current value on existing procedures.
    """
    agency = agency_for_import(agency_code, actor)
    units = UnitLookup(agency)
    with tabular.open_table(source, PROCEDURE_COLUMNS, filename=filename, sheet=sheet) as table:
        result = tabular.ImportResult(warnings=list(table.warnings))
        present = set(table.columns)
        valid: dict[str, tuple[int, dict[str, Any]]] = {}
        rejected: list[tuple[list[Any], str]] = []
        for number, values, raw in table.rows(with_raw=True):
            data, problems = _parse_row(values, units)
            code = data["code"]
            if code and code in valid:
                problems.append(
                    (
                        "code",
                        _("code %(code)s repeats row %(row)s")
                        % {"code": code, "row": valid[code][0]},
                    )
                )
            if problems:
                errors = [tabular.RowError(number, table.header_for(k), m) for k, m in problems]
                result.errors.extend(errors)
                rejected.append((raw, "; ".join(e.message for e in errors)))
                continue
            valid[code] = (number, data)
        if result.errors and not skip_invalid:
            raise tabular.ImportRefused(result.errors, result.warnings)
        # Only the columns the file has are written; "code"/"name" are always there.
        columns = {
            "name": "name",
            "field": "field",
            "unit": "unit",
            "time_limit": "time_limit",
            "limit_unit": "limit_unit",
            "online_level": "online_level",
            "fee": "fee",
            "decision": "decision",
            "published_on": "published_on",
            "basis_effective_on": "basis_effective_on",
            "is_active": "is_active",
        }
        written = [f for key, f in columns.items() if key in present]
        with transaction.atomic():
            existing = {p.code: p for p in Procedure.objects.filter(agency=agency)}
            for code, (_number, data) in valid.items():
                procedure = existing.get(code)
                if procedure is None:
                    procedure = Procedure.objects.create(
                        agency=agency, code=code, **{f: data[f] for f in written}
                    )
                    record_created(actor, "procedure.created", procedure, PROCEDURE_FIELDS)
                    result.created += 1
                    continue
                changes = {f: data[f] for f in written if getattr(procedure, f) != data[f]}
                if not changes:
                    result.unchanged += 1
                    continue
                _write_changes(actor, procedure, changes)
                result.updated += 1
        result.note_rejected(rejected, source, table.raw_header)
    return result


@transaction.atomic
def procedure_update(*, actor: Any, procedure: Procedure, **changes: Any) -> Procedure:
    """Change a procedure's catalogue fields (the secretariat)."""
    if actor is not None and not can(actor, Action.CHANGE, procedure):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    unknown = set(changes) - set(PROCEDURE_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field."), field=sorted(unknown)[0])
    if changes.get("fee", 0) < 0:
        raise DomainError(_("A fee cannot be negative."), field="fee")
    if changes.get("unit") is not None and changes["unit"].agency_id != procedure.agency_id:
        raise DomainError(_("The unit belongs to another agency."), field="unit")
    changed = {f: v for f, v in changes.items() if getattr(procedure, f) != v}
    if not changed:
        return procedure
    _write_changes(actor, procedure, changed)
    return procedure


def _write_changes(actor: Any, procedure: Procedure, changes: dict[str, Any]) -> None:
    """Set the fields that change; the audit row holds those fields only, before and after."""
    with audited(actor, "procedure.updated", procedure, changes, always=True):
        for f, v in changes.items():
            setattr(procedure, f, v)
        procedure.save()
