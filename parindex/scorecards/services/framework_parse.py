"""Reading a framework file (docs/formats.md §1) into nodes and assignments, checking its tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from parindex.common import tabular
from parindex.common.codes import code_key
from parindex.common.numbers import screen_number
from parindex.org.models import Agency, Unit
from parindex.scorecards import rules
from parindex.scorecards.choices import KIND_NAMES, SCORED_KINDS, NodeKind
from parindex.scorecards.services.framework import (
    _CODE,
    FRAMEWORK_COLUMNS,
    TOLERANCE,
)


@dataclass
class ParsedNode:
    row: int
    code: str
    title: str
    max_points: Decimal
    kind: str | None  # None: inherit
    method: str
    evidence: str
    metric: str
    rule: str
    lead: Unit | None = None
    coop: list[Unit] = field(default_factory=list)


@dataclass
class ParsedFramework:
    nodes: dict[str, ParsedNode]
    result: tabular.ImportResult
    read_units: bool


def _clean_code(value: Any) -> str:
    text = tabular.parse_text(value) or ""
    return text.strip().rstrip(".").replace(" ", "")


def _unit_lookup(agency: Agency) -> dict[str, Unit]:
    lookup: dict[str, Unit] = {}
    for unit in Unit.objects.filter(agency=agency):
        lookup[tabular.normalize_header(unit.name)] = unit
    for unit in Unit.objects.filter(agency=agency):
        lookup[tabular.normalize_header(unit.code)] = unit  # codes win over names
    return lookup


def _parse(
    source: Any, *, agency: Agency | None, filename: str | None, sheet: str | None
) -> ParsedFramework:
    table = tabular.open_table(source, FRAMEWORK_COLUMNS, filename=filename, sheet=sheet)
    result = tabular.ImportResult(warnings=list(table.warnings))
    errors = result.errors
    nodes: dict[str, ParsedNode] = {}
    units = _unit_lookup(agency) if agency else {}
    saw_units = False
    kinds = {tabular.normalize_header(k): v for k, v in KIND_NAMES.items()}
    with table:
        for number, values in table.rows():
            row_errors: list[tabular.RowError] = []

            def err(key: str, message: str, _n: int = number, _e: list = row_errors) -> None:
                _e.append(tabular.RowError(_n, table.header_for(key) if key else "", message))

            code = _clean_code(values.get("code"))
            title = tabular.parse_text(values.get("title")) or ""
            if not code:
                err("code", _("the code is empty"))
            elif not _CODE.fullmatch(code):
                err("code", _("%(code)s is not a dotted code like 1.2.3") % {"code": code})
            elif code in nodes:
                err(
                    "code",
                    _("code %(code)s repeats row %(row)s") % {"code": code, "row": nodes[code].row},
                )
            if not title:
                err("title", _("the text is empty"))
            max_points = Decimal(0)
            try:
                max_points = tabular.parse_decimal(values.get("max"))
                if max_points < 0:
                    err("max", _("the maximum cannot be negative"))
                elif max_points.as_tuple().exponent < -3:
                    err("max", _("points have at most 3 decimals"))
            except ValueError as exc:
                err("max", str(exc))
            kind = None
            if values.get("kind") not in (None, ""):
                key = tabular.normalize_header(values["kind"])
                if key in kinds:
                    kind = kinds[key]
                else:
                    err(
                        "kind",
                        _("unknown kind %(value)s (tự đánh giá, điều tra XHH, thưởng, phạt)")
                        % {"value": values["kind"]},
                    )
            metric = (tabular.parse_text(values.get("metric")) or "").strip()
            rule = " ".join((tabular.parse_text(values.get("rule")) or "").split())
            if metric:
                try:
                    rules.check_metric(metric)
                except rules.RuleError as exc:
                    err("metric", str(exc))
                if not rule:
                    err("rule", _("a rule is required when a metric is named"))
            if rule:
                try:
                    rules.parse_rule(rule)
                except rules.RuleError as exc:
                    err("rule", str(exc))
                if not metric:
                    err("metric", _("a rule needs a metric"))
            lead = None
            coop: list[Unit] = []
            lead_text = tabular.parse_text(values.get("lead"))
            coop_text = tabular.parse_text(values.get("coop"))
            if lead_text or coop_text:
                saw_units = True
            if agency is not None:
                if lead_text:
                    lead = units.get(tabular.normalize_header(lead_text))
                    if lead is None:
                        err(
                            "lead",
                            _("unknown unit %(unit)s in %(agency)s")
                            % {"unit": lead_text, "agency": agency.code},
                        )
                for part in re.split(r"[;,]", coop_text or ""):
                    if not part.strip():
                        continue
                    unit = units.get(tabular.normalize_header(part))
                    if unit is None:
                        err(
                            "coop",
                            _("unknown unit %(unit)s in %(agency)s")
                            % {"unit": part.strip(), "agency": agency.code},
                        )
                    elif unit not in coop:
                        coop.append(unit)
            if row_errors:
                errors.extend(row_errors)
                result.rejected += 1
                continue
            nodes[code] = ParsedNode(
                row=number,
                code=code,
                title=title,
                max_points=max_points,
                kind=kind,
                method=tabular.parse_text(values.get("method")) or "",
                evidence=tabular.parse_text(values.get("evidence")) or "",
                metric=metric,
                rule=rule,
                lead=lead,
                coop=coop,
            )
    if saw_units and agency is None:
        result.warnings.append(
            "lead and cooperating units are read only with --agency; they were ignored"
        )
    _check_tree(nodes, table, errors)
    return ParsedFramework(nodes=nodes, result=result, read_units=agency is not None)


def _check_tree(nodes: dict[str, ParsedNode], table: tabular.Table, errors: list) -> None:
    """Parents present, kinds inherited, metrics on leaves only, parents' sums equal."""
    children: dict[str, list[ParsedNode]] = {}
    for node in sorted(nodes.values(), key=lambda n: code_key(n.code)):
        parent = node.code.rsplit(".", 1)[0] if "." in node.code else None
        if parent is not None:
            if parent not in nodes:
                errors.append(
                    tabular.RowError(
                        node.row,
                        table.header_for("code"),
                        _("the parent %(parent)s of %(code)s is missing")
                        % {"parent": parent, "code": node.code},
                    )
                )
                continue
            children.setdefault(parent, []).append(node)
            if node.kind is None:
                node.kind = nodes[parent].kind  # parents come first in code order
        if node.kind is None:
            node.kind = NodeKind.SELF
    for code, kids in children.items():
        parent = nodes[code]
        if parent.metric:
            errors.append(
                tabular.RowError(
                    parent.row,
                    table.header_for("metric"),
                    _("%(code)s has sub-criteria; only a leaf is scored from a metric")
                    % {"code": code},
                )
            )
        if parent.kind not in SCORED_KINDS:
            continue
        total = sum((k.max_points for k in kids if k.kind in SCORED_KINDS), Decimal(0))
        if abs(total - parent.max_points) > TOLERANCE:
            errors.append(
                tabular.RowError(
                    parent.row,
                    table.header_for("max"),
                    _(
                        "node %(code)s: maximum %(max)s is not the sum of its children's maxima %(sum)s"
                    )
                    % {
                        "code": code,
                        "max": screen_number(parent.max_points),
                        "sum": screen_number(total),
                    },
                )
            )
    errors.sort(key=lambda e: e.row)
