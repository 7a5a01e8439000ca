"""Writes of the early-warning module: binding leaves, indicators and their values, snapshots."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record, snapshot
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.metrics.models import Direction, Indicator, IndicatorValue, RiskSnapshot
from parindex.org import access
from parindex.org.access import Action, can
from parindex.org.models import Agency, Unit
from parindex.scorecards import rules
from parindex.scorecards.models import Node

# -- binding a leaf to a metric -----------------------------------------------------------------


@transaction.atomic
def leaf_bind(
    *, actor: Any, node: Node, metric: str, rule: str, announcement: str | None = None
) -> Node:
    """Bind a leaf to a metric and a rule (both validated), or unbind it with two blanks.

    A binding is part of the province's framework: its PAR secretariat sets it, and once the
    framework is frozen only with an announcement every agency using it sees."""
    from parindex.scorecards.services import framework_change_announce, framework_change_note

    if actor is not None and not can(actor, Action.CHANGE, node.framework):
        raise DomainError(_("Only the PAR secretariat may bind criteria to metrics."))
    if not node.is_leaf:
        raise DomainError(_("Only a leaf criterion can be bound to a metric."))
    metric, rule = (metric or "").strip(), (rule or "").strip()
    if metric or rule:
        try:
            rules.check_metric(metric)
        except rules.RuleError:
            raise DomainError(_("Unknown metric."), field="metric") from None
        try:
            rule = str(rules.parse_rule(rule))
        except rules.RuleError:
            raise DomainError(
                _("The rule cannot be read: write full_at T, steps T1:F1, T2:F2 or at_least T."),
                field="rule",
            ) from None
    if (node.metric_key, node.rule) == (metric, rule):
        return node
    note = framework_change_note(node.framework, announcement)
    with audited(
        actor,
        "criterion.bound" if metric else "criterion.unbound",
        node,
        ["metric_key", "rule"],
        always=True,
        province=node.framework.province_id,
        note=note,
    ) as change:
        node.metric_key, node.rule = metric, rule
        node.save(update_fields=["metric_key", "rule"])
    framework_change_announce(
        actor=actor,
        framework=node.framework,
        announcement=note,
        before={node.code: change.before},
        after={node.code: change.after},
    )
    return node


# -- indicators ---------------------------------------------------------------------------------

INDICATOR_FIELDS = ["code", "name", "unit", "target", "direction", "measure", "description"]


def _may_manage(actor: Any, agency: Agency, unit: Unit | None = None) -> bool:
    if actor is None:
        return True
    return access.may_manage_agency(actor, agency) or (
        unit is not None and access.heads_unit(actor, unit)
    )


@transaction.atomic
def indicator_save(
    *, actor: Any, agency: Agency, indicator: Indicator | None = None, **data: Any
) -> Indicator:
    """Create an indicator (secretariat) or change one (secretariat, or its unit's head)."""
    unit = data.get("unit")
    if unit is not None and unit.agency_id != agency.pk:
        raise DomainError(_("The unit belongs to another agency."), field="unit")
    if indicator is None and not _may_manage(actor, agency):
        raise DomainError(_("Only the PAR secretariat may add indicators."))
    if indicator is not None and not _may_manage(actor, agency, indicator.unit):
        raise DomainError(_("You may not change this indicator."))
    code = (data.get("code") or "").strip()
    if not code:
        raise DomainError(_("The code is required."), field="code")
    clash = Indicator.objects.filter(agency=agency, code=code)
    if indicator is not None:
        clash = clash.exclude(pk=indicator.pk)
    if clash.exists():
        raise DomainError(_("This agency already has an indicator with this code."), field="code")
    before = snapshot(indicator, INDICATOR_FIELDS) if indicator else None
    target = indicator or Indicator(agency=agency)
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(target, name, data[name])
    target.code = code
    target.save()
    record(
        actor=actor,
        action="indicator.changed" if indicator else "indicator.created",
        target=target,
        before=before,
        after=snapshot(target, INDICATOR_FIELDS),
        agency=agency,
    )
    return target


@transaction.atomic
def indicator_value_set(
    *, actor: Any, indicator: Indicator, period_end: dt.date, value: Decimal, note: str = ""
) -> IndicatorValue:
    if not _may_manage(actor, indicator.agency, indicator.unit):
        raise DomainError(_("You may not enter values for this indicator."))
    existing = IndicatorValue.objects.filter(indicator=indicator, period_end=period_end).first()
    before = snapshot(existing, ["value", "note"]) if existing else None
    row = existing or IndicatorValue(indicator=indicator, period_end=period_end)
    row.value, row.note = value, note
    row.save()
    record(
        actor=actor,
        action="indicator.value_set",
        target=indicator,
        before=before,
        after={"period_end": period_end.isoformat(), **snapshot(row, ["value", "note"])},
        agency=indicator.agency,
    )
    return row


VALUE_COLUMNS = (
    tabular.Column("code", "Mã chỉ tiêu", ("Mã", "Mã chỉ số", "code"), required=True),
    tabular.Column("period", "Kỳ", ("Ngày", "Đến ngày", "period"), required=True),
    tabular.Column("value", "Giá trị", ("Kết quả", "value"), required=True),
    tabular.Column("note", "Ghi chú", ("note",)),
)


@transaction.atomic
def import_indicator_values(
    path: Path | Any,
    *,
    agency: Agency,
    actor: Any = None,
    skip_invalid: bool = False,
    filename: str | None = None,
    sheet: str | None = None,
) -> tabular.ImportResult:
    """Values of the agency's indicators from XLSX/CSV: Mã chỉ tiêu, Kỳ (the period's last day),
    Giá trị, Ghi chú. All or nothing unless ``skip_invalid``; idempotent by (code, period)."""
    if not _may_manage(actor, agency):
        raise DomainError(_("Only the PAR secretariat may import indicator values."))
    indicators = {i.code.casefold(): i for i in Indicator.objects.filter(agency=agency)}
    result = tabular.ImportResult()
    good: list[tuple[Indicator, dt.date, Decimal, str]] = []
    rejected: list[tuple[list[Any], str]] = []
    with tabular.open_table(path, VALUE_COLUMNS, filename=filename, sheet=sheet) as table:
        result.warnings.extend(table.warnings)
        seen: set[tuple[int, dt.date]] = set()
        for number, values, raw in table.rows(with_raw=True):
            errors = []
            indicator = indicators.get(str(values.get("code") or "").strip().casefold())
            if indicator is None:
                errors.append(("code", _("unknown indicator code")))
            try:
                period = tabular.parse_date(values.get("period"))
            except ValueError as exc:
                errors.append(("period", str(exc)))
                period = None
            try:
                value = tabular.parse_decimal(values.get("value"))
            except ValueError as exc:
                errors.append(("value", str(exc)))
                value = None
            if not errors and (indicator.pk, period) in seen:
                errors.append(("period", _("this indicator and period appear twice in the file")))
            if errors:
                for key, message in errors:
                    result.errors.append(tabular.RowError(number, table.header_for(key), message))
                rejected.append((raw, "; ".join(m for _k, m in errors)))
                continue
            seen.add((indicator.pk, period))
            good.append((indicator, period, value, str(values.get("note") or "").strip()))
        header = list(table.raw_header)
    if result.errors and not skip_invalid:
        raise tabular.ImportRefused(result.errors, result.warnings)
    for indicator, period, value, note in good:
        existing = IndicatorValue.objects.filter(indicator=indicator, period_end=period).first()
        if existing is not None and existing.value == value and existing.note == note:
            result.unchanged += 1
            continue
        indicator_value_set(
            actor=actor, indicator=indicator, period_end=period, value=value, note=note
        )
        if existing is None:
            result.created += 1
        else:
            result.updated += 1
    result.rejected = len(rejected)
    if rejected and skip_invalid and isinstance(path, str | Path):
        result.rejected_file = tabular.write_rejected(path, header, rejected)
    return result


DIRECTIONS = {"higher": Direction.HIGHER, "lower": Direction.LOWER}


# -- weekly snapshot ----------------------------------------------------------------------------


@transaction.atomic
def risk_snapshot_take(
    *, agency: Agency, year: int, items: list[dict[str, Any]], on: dt.date
) -> RiskSnapshot:
    """Keep the risk list the summary saw on ``on`` (one per agency and day)."""
    snap, _created = RiskSnapshot.objects.update_or_create(
        agency=agency, taken_on=on, defaults={"year": year, "items": items}
    )
    return snap
