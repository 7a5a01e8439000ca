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
from parindex.people.services._rows import Source, _close, _count, _finish, _Outcome, unit_cell
from parindex.people.services.records import require_manager

#: A unit's quota cannot exceed this (a typing error, not a real department).
MAX_QUOTA = 10_000


def _year(value: object) -> int:
    try:
        year = tabular.parse_whole(value)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        raise ValueError(_("the year must be between 2000 and 2100"))
    return year


def _quota(value: object) -> int:
    try:
        quota = tabular.parse_whole(value)
    except ValueError:
        quota = -1
    if not 0 <= quota <= MAX_QUOTA:
        raise ValueError(
            _("the quota must be a whole number from 0 to %(max)d, not %(value)r")
            % {"max": MAX_QUOTA, "value": tabular.parse_text(value) or ""}
        )
    return quota


QUOTAS = tabular.RowSchema(
    tabular.Field("unit", "Đơn vị", ("Mã đơn vị",), required=True, kind="lookup"),
    tabular.Field("year", "Năm", ("Năm kế hoạch",), required=True, kind="parse", parse=_year),
    tabular.Field(
        "quota",
        "Biên chế",
        ("Số biên chế", "Biên chế được giao"),
        required=True,
        kind="parse",
        parse=_quota,
    ),
)
QUOTA_COLUMNS = QUOTAS.columns


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
    lookups = {"unit": unit_cell(units)}
    with tabular.open_table(source, QUOTA_COLUMNS, filename=filename, sheet=sheet) as table:
        outcome = _Outcome(table)
        for number, values, raw in table.rows(with_raw=True):
            row = tabular.RowReader(table, number, values)
            data = QUOTAS.read(row, **lookups)
            unit, year = data["unit"], data["year"]
            if unit is not None and year is not None and (unit.pk, year) in valid:
                row.error(
                    "unit",
                    _("unit %(unit)s, year %(year)s repeats row %(row)s")
                    % {"unit": unit.code, "year": year, "row": valid[(unit.pk, year)][0]},
                )
            if outcome.keep(row, raw):
                valid[(unit.pk, year)] = (number, unit, data["quota"])
        raw_header = table.raw_header
    _close(outcome, skip_invalid)
    with transaction.atomic():
        before = {(q.unit_id, q.year): q.quota for q in StaffingQuota.objects.filter(agency=agency)}
        for key, (_number, unit, quota) in valid.items():
            old = before.get(key)
            quota_set(actor=actor, unit=unit, year=key[1], quota=quota)
            _count(outcome.result, None if old is None else old != quota)
    return _finish(outcome, source, raw_header)
