"""The yearly staffing quota (biên chế) of each unit: set one by one or imported from a file
(``import_quotas``: Đơn vị, Năm, Biên chế), always audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record_created
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.org.models import Agency, Unit
from parindex.org.selectors import UnitFinder
from parindex.people.models import StaffingQuota
from parindex.people.services._rows import Source, _count, _finish, _Rows
from parindex.people.services.records import require_manager

#: A unit's quota cannot exceed this (a typing error, not a real department).
MAX_QUOTA = 10_000

QUOTA_COLUMNS = [
    tabular.Column("unit", "Đơn vị", ("Mã đơn vị",), required=True),
    tabular.Column("year", "Năm", ("Năm kế hoạch",), required=True),
    tabular.Column("quota", "Biên chế", ("Số biên chế", "Biên chế được giao"), required=True),
]


@transaction.atomic
def quota_set(*, actor: Any, unit: Unit, year: int, quota: int) -> StaffingQuota:
    """Give ``unit`` its quota for ``year`` (created, changed, or left as it was)."""
    agency = unit.agency
    require_manager(actor, agency)
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("The year must be between 2000 and 2100."), field="year")
    if not 0 <= int(quota) <= MAX_QUOTA:
        raise DomainError(
            _("The quota must be a whole number from 0 to %(max)d.") % {"max": MAX_QUOTA},
            field="quota",
        )
    existing = StaffingQuota.objects.select_for_update().filter(unit=unit, year=year).first()
    if existing is None:
        created = StaffingQuota.objects.create(agency=agency, unit=unit, year=year, quota=quota)
        record_created(actor, "quota.set", created, ("year", "quota"))
        return created
    if existing.quota == int(quota):
        return existing
    with audited(actor, "quota.set", existing, ("year", "quota"), agency=agency, always=True):
        existing.quota = int(quota)
        existing.save(update_fields=["quota"])
    return existing


def import_quotas(
    source: Source,
    *,
    agency: Agency,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """The quotas of an agency's units (natural key: unit, year); all or nothing by default."""
    require_manager(actor, agency)
    units = UnitFinder(agency)
    valid: dict[tuple[int, int], tuple[int, Unit, int]] = {}
    with tabular.open_table(source, QUOTA_COLUMNS, filename=filename, sheet=sheet) as table:
        rows = _Rows(table)
        for number, values, raw in table.rows(with_raw=True):
            rows.start(number)
            unit = rows.unit("unit", values, units)
            year = quota = None
            try:
                year = tabular.parse_whole(values.get("year"))
                if not 2000 <= year <= 2100:
                    raise ValueError
            except ValueError:
                rows.error("year", _("the year must be between 2000 and 2100"))
            try:
                quota = tabular.parse_whole(values.get("quota"))
                if not 0 <= quota <= MAX_QUOTA:
                    raise ValueError
            except ValueError:
                rows.error(
                    "quota",
                    _("the quota must be a whole number from 0 to %(max)d, not %(value)r")
                    % {"max": MAX_QUOTA, "value": tabular.parse_text(values.get("quota")) or ""},
                )
            if unit is not None and year is not None and (unit.pk, year) in valid:
                rows.error(
                    "unit",
                    _("unit %(unit)s, year %(year)s repeats row %(row)s")
                    % {"unit": unit.code, "year": year, "row": valid[(unit.pk, year)][0]},
                )
            if rows.finish(raw):
                valid[(unit.pk, year)] = (number, unit, quota)
        raw_header = table.raw_header
    if rows.result.errors and not skip_invalid:
        raise tabular.ImportRefused(rows.result.errors, rows.result.warnings)
    with transaction.atomic():
        before = {(q.unit_id, q.year): q.quota for q in StaffingQuota.objects.filter(agency=agency)}
        for key, (_number, unit, quota) in valid.items():
            old = before.get(key)
            quota_set(actor=actor, unit=unit, year=key[1], quota=quota)
            _count(rows.result, None if old is None else old != quota)
    return _finish(rows, source, raw_header)
