"""Importing an agency's units from a file (docs/formats.md §0), through the ordinary services
(called as `services.unit_create` etc., so every change is audited the same way)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.common import tabular
from parindex.org import access, services
from parindex.org.choices import (
    UnitKind,
)
from parindex.org.models import Agency, Unit

UNIT_COLUMNS = (
    tabular.Column("code", "Mã đơn vị", ("Mã", "code"), required=True),
    tabular.Column("name", "Tên đơn vị", ("Tên", "Đơn vị"), required=True),
    tabular.Column("kind", "Loại", ("Loại đơn vị",)),
)
UNIT_KIND_NAMES = {
    "phòng": UnitKind.OFFICE,
    "phong": UnitKind.OFFICE,
    "văn phòng": UnitKind.OFFICE,
    "chi cục": UnitKind.SUB_DEPARTMENT,
    "trung tâm": UnitKind.CENTRE,
    "thanh tra": UnitKind.INSPECTORATE,
    "khác": UnitKind.OTHER,
    **{kind.value: kind for kind in UnitKind},
}


def import_units(
    source: str | Path | IO[bytes],
    *,
    agency_code: str,
    agency_name: str | None = None,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """Import units into an agency (created if missing); all or nothing unless skip_invalid."""
    table = tabular.open_table(source, UNIT_COLUMNS, filename=filename, sheet=sheet)
    result = tabular.ImportResult(warnings=list(table.warnings))
    valid: dict[str, tuple[int, dict[str, Any]]] = {}
    rejected: list[tuple[list[object], str]] = []
    kinds = {tabular.normalize_header(k): v for k, v in UNIT_KIND_NAMES.items()}
    for number, values, raw in table.rows(with_raw=True):
        errors: list[tabular.RowError] = []
        code = str(values.get("code") or "").strip().upper()
        name = str(values.get("name") or "").strip()
        kind = UnitKind.OFFICE
        if not code:
            errors.append(tabular.RowError(number, table.header_for("code"), _("code is empty")))
        elif len(code) > 20 or any(ch.isspace() for ch in code):
            errors.append(
                tabular.RowError(
                    number,
                    table.header_for("code"),
                    _("a code has at most 20 characters and no spaces"),
                )
            )
        elif code in valid:
            errors.append(
                tabular.RowError(
                    number,
                    table.header_for("code"),
                    _("code %(code)s repeats row %(row)s") % {"code": code, "row": valid[code][0]},
                )
            )
        if not name:
            errors.append(tabular.RowError(number, table.header_for("name"), _("name is empty")))
        elif len(name) > services.NAME_MAX:
            errors.append(
                tabular.RowError(
                    number,
                    table.header_for("name"),
                    _("a name has at most %(max)d characters") % {"max": services.NAME_MAX},
                )
            )
        if values.get("kind") not in (None, ""):
            key = tabular.normalize_header(str(values["kind"]))
            if key in kinds:
                kind = kinds[key]
            else:
                errors.append(
                    tabular.RowError(
                        number,
                        table.header_for("kind"),
                        _("unknown kind %(value)s (phòng, chi cục, trung tâm, thanh tra, khác)")
                        % {"value": values["kind"]},
                    )
                )
        if errors:
            result.errors.extend(errors)
            rejected.append((raw, "; ".join(e.message for e in errors)))
            continue
        valid[code] = (number, {"name": name, "kind": kind})
    if result.errors and not skip_invalid:
        raise tabular.ImportRefused(result.errors, result.warnings)
    with transaction.atomic():
        agency = Agency.objects.filter(code=services._clean_code(agency_code)).first()
        if agency is None:
            agency = services.agency_create(
                actor=actor, code=agency_code, name=(agency_name or agency_code).strip()
            )
        elif actor is not None and not access.may_manage_agency(actor, agency):
            raise PermissionDenied
        existing = {u.code: u for u in Unit.objects.filter(agency=agency)}
        for code, (_number, data) in valid.items():
            unit = existing.get(code)
            if unit is None:
                services.unit_create(actor=actor, agency=agency, code=code, **data)
                result.created += 1
            elif unit.name == data["name"] and unit.kind == data["kind"]:
                result.unchanged += 1
            else:
                services.unit_update(actor=actor, unit=unit, **data)
                result.updated += 1
    result.note_rejected(rejected, source, table.raw_header)
    return result
