"""Frameworks: import (FORMATS §1), export in the same format, and agencies' assignments."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from parindex.audit.services import record, snapshot
from parindex.audit.services import record as audit_record
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.common.exports import append_row
from parindex.org import access
from parindex.org.access import may_manage_framework, scope_for
from parindex.org.models import Agency, Province, Unit, User
from parindex.scorecards import rules
from parindex.scorecards.choices import KIND_LABELS_VI, KIND_NAMES, SCORED_KINDS, NodeKind, Stage
from parindex.scorecards.computation import code_key
from parindex.scorecards.models import Assessment, Assignment, Framework, Node, Score, code_sort_key

TOLERANCE = Decimal("0.001")
NODE_FIELDS = ("title", "max_points", "kind", "method", "evidence_expected", "metric_key", "rule")
ASSIGNMENT_FIELDS = ("lead_unit", "responsible")

FRAMEWORK_COLUMNS = (
    tabular.Column("code", "Mã", ("Mã tiêu chí", "STT", "code"), required=True),
    tabular.Column("title", "Nội dung", ("Tiêu chí", "Tên", "title"), required=True),
    tabular.Column("max", "Điểm tối đa", ("Điểm chuẩn", "max"), required=True),
    tabular.Column("method", "Phương pháp chấm", ("Cách chấm",)),
    tabular.Column("evidence", "Tài liệu kiểm chứng", ("Kiểm chứng",)),
    tabular.Column("kind", "Loại điểm", ("Nguồn điểm",)),
    tabular.Column("lead", "Đơn vị chủ trì", ("Chủ trì",)),
    tabular.Column("coop", "Đơn vị phối hợp", ("Phối hợp",)),
    tabular.Column("metric", "Chỉ số tự động", ("Metric",)),
    tabular.Column("rule", "Quy tắc", ("Rule",)),
)
_CODE = re.compile(r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*")


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


def _require_framework_rights(actor: Any, province_id: int | None) -> None:
    """The framework is the province's: its PAR secretariat or an administrator writes it."""
    if actor is None:
        return
    if not may_manage_framework(scope_for(actor), province_id):
        raise PermissionDenied


def _province_for_new_framework(actor: Any) -> Province | None:
    """The province a new framework belongs to: the writer's, else the deployment's only one."""
    if actor is not None:
        own = access.secretariat_province_ids(actor)
        if len(own) == 1:
            return Province.objects.get(pk=next(iter(own)))
    provinces = list(Province.objects.all()[:2])
    return provinces[0] if len(provinces) == 1 else None


def framework_is_frozen(framework: Framework) -> bool:
    """In use by an assessment past the self-assessment: changed only with an announcement."""
    return (
        framework.pk is not None
        and Assessment.objects.filter(framework=framework).exclude(stage=Stage.DRAFT).exists()
    )


def framework_change_note(framework: Framework, announcement: str | None) -> str:
    text = (announcement or "").strip()
    if framework_is_frozen(framework) and not text:
        raise DomainError(
            _(
                "This framework is frozen: an agency's assessment has gone past the "
                "self-assessment. Change it only through an announced change: say what changes "
                "and why."
            ),
            field="announcement",
        )
    if len(text) > 2000:
        raise DomainError(_("The announcement is too long (2000 characters at most)."))
    return text


def framework_change_announce(
    *, actor: Any, framework: Framework, announcement: str, before: Any, after: Any
) -> None:
    """One audit row per agency whose assessment uses the framework, so each sees the change
    in its own audit trail (and one at the province level for its roles)."""
    frozen = framework_is_frozen(framework)
    action = "framework.change_announced" if frozen else "framework.changed"
    record(
        actor=actor,
        action=action,
        target=framework,
        province=framework.province_id,
        before=before,
        after=after,
        note=announcement,
    )
    agency_ids = (
        Assessment.objects.filter(framework=framework)
        .values_list("agency_id", flat=True)
        .distinct()
        .order_by("agency_id")
    )
    for agency_id in agency_ids:
        record(
            actor=actor,
            action=action,
            target=framework,
            agency=agency_id,
            before=before,
            after=after,
            note=announcement,
        )


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
                    % {"code": code, "max": _fmt(parent.max_points), "sum": _fmt(total)},
                )
            )
    errors.sort(key=lambda e: e.row)


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def preview_framework(
    source: Any,
    *,
    agency: Agency | None = None,
    filename: str | None = None,
    sheet: str | None = None,
) -> ParsedFramework:
    """Read and check a framework file without saving anything (the upload page's preview)."""
    return _parse(source, agency=agency, filename=filename, sheet=sheet)


def _framework_for_write(year: int, name: str | None, actor: Any) -> tuple[Framework, bool]:
    framework = Framework.objects.select_for_update().filter(year=year).first()
    if framework is None:
        return Framework.objects.create(
            year=year,
            name=name or f"Bộ chỉ số CCHC năm {year}",
            province=_province_for_new_framework(actor),
        ), True
    return framework, False


def import_framework(
    source: str | Path | IO[bytes],
    *,
    year: int,
    name: str | None = None,
    agency_code: str | None = None,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
    announcement: str | None = None,
) -> tabular.ImportResult:
    """Import the framework of `year` (FORMATS §1); all or nothing unless skip_invalid.

    Only the province's PAR secretariat (or an administrator) changes the criteria; an agency's
    secretariat may import the same file with its agency code to set its assignments, as long
    as the criteria stay as they are. A frozen framework changes only with an `announcement`.
    """
    if actor is not None and not access.is_province_secretariat(actor):
        if not (agency_code and access.may_create(actor)):
            raise PermissionDenied
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("The year must be between 2000 and 2100."), field="year")
    agency = None
    if agency_code:
        agency = Agency.objects.filter(code=agency_code.strip().upper()).first()
        if agency is None:
            raise DomainError(_("No agency with code %(code)s.") % {"code": agency_code})
        if actor is not None and not access.may_manage_agency(actor, agency):
            raise PermissionDenied
    parsed = _parse(source, agency=agency, filename=filename, sheet=sheet)
    result = parsed.result
    if result.errors:
        if not skip_invalid:
            raise tabular.ImportRefused(result.errors, result.warnings)
        # With --skip-invalid a subtree cannot be half imported: drop the nodes whose rows (or
        # whose parents' rows) are invalid, keep the rest if its sums still hold.
        bad_rows = {e.row for e in result.errors}
        keep = {}
        for code, node in sorted(parsed.nodes.items(), key=lambda kv: code_key(kv[0])):
            parent = code.rsplit(".", 1)[0] if "." in code else None
            if node.row in bad_rows or (parent is not None and parent not in keep):
                continue
            keep[code] = node
        result.rejected = result.rejected + len(parsed.nodes) - len(keep)
        parsed.nodes = keep
    with transaction.atomic():
        _write_framework(
            parsed,
            year=int(year),
            name=name,
            agency=agency,
            actor=actor,
            announcement=announcement,
        )
    if result.rejected and skip_invalid and isinstance(source, str | Path):
        rejected_rows = {e.row: e.message for e in result.errors}
        table = tabular.open_table(source, FRAMEWORK_COLUMNS, filename=filename, sheet=sheet)
        with table:
            rows = [
                (raw, rejected_rows[n])
                for n, _v, raw in table.rows(with_raw=True)
                if n in rejected_rows
            ]
            result.rejected_file = tabular.write_rejected(source, table.raw_header, rows)
    return result


def _write_framework(
    parsed: ParsedFramework,
    *,
    year: int,
    name: str | None,
    agency: Agency | None,
    actor: Any,
    announcement: str | None = None,
) -> None:
    result = parsed.result
    framework, created = _framework_for_write(year, name, actor)
    province_id = framework.province_id

    def record(**kwargs: Any) -> None:  # the framework's rows belong to its province
        audit_record(province=province_id, **kwargs)

    def may_change_nodes() -> str:
        """Refuse a node change to anyone but the province (the transaction rolls back)."""
        _require_framework_rights(actor, province_id)
        return framework_change_note(framework, announcement)

    note = ""
    if created:
        may_change_nodes()
        record(
            actor=actor,
            action="framework.created",
            target=framework,
            after=snapshot(framework, ("year", "name")),
        )
    elif name and framework.name != name:
        may_change_nodes()
        before = snapshot(framework, ("name",))
        framework.name = name
        framework.save(update_fields=["name"])
        record(
            actor=actor,
            action="framework.updated",
            target=framework,
            before=before,
            after=snapshot(framework, ("name",)),
        )
    existing = {n.code: n for n in Node.objects.filter(framework=framework)}
    used = Assessment.objects.filter(framework=framework).exists()
    ordered = sorted(parsed.nodes.values(), key=lambda n: code_key(n.code))
    child_codes = {n.code.rsplit(".", 1)[0] for n in ordered if "." in n.code}
    # Removing nodes that hold scores would destroy an assessment: refuse.
    gone = [code for code in existing if code not in parsed.nodes]
    if gone:
        scored = Score.objects.filter(node__framework=framework, node__code__in=gone).filter(
            self_points__isnull=False
        ) | Score.objects.filter(node__framework=framework, node__code__in=gone).filter(
            appraised_points__isnull=False
        )
        if scored.exists():
            raise DomainError(
                _(
                    "The file leaves out criteria that already hold scores (%(codes)s); "
                    "a framework in use cannot lose them."
                )
                % {"codes": ", ".join(sorted(gone, key=code_key)[:10])}
            )
    saved: dict[str, Node] = {}
    touched: dict[str, bool] = {}
    for item in ordered:
        parent_code = item.code.rsplit(".", 1)[0] if "." in item.code else None
        values = {
            "title": item.title,
            "max_points": item.max_points,
            "kind": item.kind,
            "method": item.method,
            "evidence_expected": item.evidence,
            "metric_key": item.metric,
            "rule": item.rule,
        }
        node = existing.get(item.code)
        parent = saved.get(parent_code) if parent_code else None
        is_leaf = item.code not in child_codes
        if node is None:
            note = may_change_nodes()
            node = Node.objects.create(
                framework=framework,
                code=item.code,
                parent=parent,
                sort_key=code_sort_key(item.code),
                depth=item.code.count(".") + 1,
                is_leaf=is_leaf,
                **values,
            )
            record(
                actor=actor,
                action="framework.node_created",
                target=node,
                after=snapshot(node, ("code", *NODE_FIELDS)),
            )
            touched[item.code] = True
            result.created += 1
        else:
            before = snapshot(node, NODE_FIELDS)
            changed = any(getattr(node, k) != v for k, v in values.items())
            structural = (
                node.parent_id != (parent.pk if parent else None) or node.is_leaf != is_leaf
            )
            if (
                used
                and changed
                and (node.max_points != item.max_points or node.kind != item.kind)
                and Score.objects.filter(node=node)
                .exclude(self_points=None, appraised_points=None)
                .exists()
            ):
                raise DomainError(
                    _(
                        "Criterion %(code)s already holds scores; its maximum and kind cannot change."
                    )
                    % {"code": item.code}
                )
            if changed or structural:
                note = may_change_nodes()
                for k, v in values.items():
                    setattr(node, k, v)
                node.parent = parent
                node.is_leaf = is_leaf
                node.depth = item.code.count(".") + 1
                node.save()
                record(
                    actor=actor,
                    action="framework.node_updated",
                    target=node,
                    before=before,
                    after=snapshot(node, NODE_FIELDS),
                )
                touched[item.code] = True
                result.updated += 1
            else:
                touched[item.code] = False
        saved[item.code] = node
    if gone:
        note = may_change_nodes()
        for code in gone:
            record(
                actor=actor,
                action="framework.node_deleted",
                target=existing[code],
                before=snapshot(existing[code], ("code", *NODE_FIELDS)),
            )
        Node.objects.filter(framework=framework, code__in=gone).delete()
    changed_codes = sorted([c for c, t in touched.items() if t] + gone, key=code_key)
    if changed_codes and not created:
        framework_change_announce(
            actor=actor,
            framework=framework,
            announcement=note,
            before=None,
            after={"criteria changed": changed_codes[:200]},
        )
    # The counts are of nodes, the records of the natural key (year, code); an agency's
    # assignments are written (and audited) beside them without changing a node.
    result.unchanged += sum(1 for changed in touched.values() if not changed)
    if agency is not None:
        for item in ordered:
            _assign(agency, saved[item.code], item.lead, item.coop, actor, keep_responsible=True)
        from parindex.scorecards.services.workflow import sync_score_units

        sync_score_units(agency=agency, framework=framework)
    # Assessments already open get score rows for new leaves.
    from parindex.scorecards.services.workflow import ensure_scores

    for assessment in Assessment.objects.filter(framework=framework):
        ensure_scores(assessment)


def _assign(
    agency: Agency,
    node: Node,
    lead: Unit | None,
    coop: list[Unit],
    actor: Any,
    *,
    keep_responsible: bool,
    responsible: User | None = None,
) -> bool:
    """Set a node's assignment in an agency; True if anything changed (audited)."""
    assignment = Assignment.objects.filter(agency=agency, node=node).first()
    if assignment is None:
        if lead is None and not coop and responsible is None:
            return False
        assignment = Assignment.objects.create(
            agency=agency, node=node, lead_unit=lead, responsible=responsible
        )
        assignment.cooperating_units.set(coop)
        record(
            actor=actor,
            action="assignment.created",
            target=assignment,
            agency=agency,
            after={
                **snapshot(assignment, ASSIGNMENT_FIELDS),
                "cooperating_units": sorted(u.code for u in coop),
            },
        )
        return True
    before = {
        **snapshot(assignment, ASSIGNMENT_FIELDS),
        "cooperating_units": sorted(u.code for u in assignment.cooperating_units.all()),
    }
    assignment.lead_unit = lead
    if not keep_responsible:
        assignment.responsible = responsible
    after = {
        **snapshot(assignment, ASSIGNMENT_FIELDS),
        "cooperating_units": sorted(u.code for u in coop),
    }
    if after == before:
        return False
    assignment.save()
    assignment.cooperating_units.set(coop)
    record(
        actor=actor,
        action="assignment.updated",
        target=assignment,
        agency=agency,
        before=before,
        after=after,
    )
    return True


@transaction.atomic
def assignment_set(
    *,
    actor: Any,
    agency: Agency,
    node: Node,
    lead_unit: Unit | None,
    cooperating_units: list[Unit] | tuple = (),
    responsible: User | None = None,
) -> bool:
    """Assign a node of the framework to units of an agency (the secretariat's page)."""
    if actor is not None and not access.may_manage_agency(actor, agency):
        raise PermissionDenied
    for unit in [lead_unit, *cooperating_units]:
        if unit is not None and unit.agency_id != agency.pk:
            raise DomainError(_("A unit of another agency cannot be assigned."), field="lead_unit")
    if lead_unit is not None and lead_unit in cooperating_units:
        raise DomainError(
            _("The lead unit is not also a cooperating unit."), field="cooperating_units"
        )
    changed = _assign(
        agency,
        node,
        lead_unit,
        list(cooperating_units),
        actor,
        keep_responsible=False,
        responsible=responsible,
    )
    if changed:
        from parindex.scorecards.services.workflow import sync_score_units

        sync_score_units(agency=agency, framework=node.framework)
    return changed


@transaction.atomic
def assignments_carry_over(*, actor: Any, agency: Agency, from_year: int, to_year: int) -> int:
    """Copy last year's assignments to the nodes of a new year with the same codes."""
    if actor is not None and not access.may_manage_agency(actor, agency):
        raise PermissionDenied
    target = Framework.objects.filter(year=to_year).first()
    if target is None:
        raise DomainError(_("There is no framework for %(year)s.") % {"year": to_year})
    nodes = {n.code: n for n in Node.objects.filter(framework=target)}
    count = 0
    old = (
        Assignment.objects.filter(agency=agency, node__framework__year=from_year)
        .select_related("node", "lead_unit", "responsible")
        .prefetch_related("cooperating_units")
    )
    for assignment in old:
        node = nodes.get(assignment.node.code)
        if node is None or Assignment.objects.filter(agency=agency, node=node).exists():
            continue
        if _assign(
            agency,
            node,
            assignment.lead_unit,
            list(assignment.cooperating_units.all()),
            actor,
            keep_responsible=False,
            responsible=assignment.responsible,
        ):
            count += 1
    from parindex.scorecards.services.workflow import sync_score_units

    sync_score_units(agency=agency, framework=target)
    return count


def export_framework_xlsx(framework: Framework, agency: Agency | None = None) -> bytes:
    """The framework as an XLSX file in the import format (with the agency's assignments)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(framework.year)
    append_row(sheet, [c.label for c in FRAMEWORK_COLUMNS])
    assignments = {}
    if agency is not None:
        for a in (
            Assignment.objects.filter(agency=agency, node__framework=framework)
            .select_related("lead_unit")
            .prefetch_related("cooperating_units")
        ):
            assignments[a.node_id] = a
    nodes = list(Node.objects.filter(framework=framework).select_related("parent"))
    nodes.sort(key=lambda n: code_key(n.code))
    for node in nodes:
        inherited = node.parent is not None and node.parent.kind == node.kind
        a = assignments.get(node.pk)
        append_row(
            sheet,
            [
                node.code,
                node.title,
                float(node.max_points),
                node.method,
                node.evidence_expected,
                "" if inherited else KIND_LABELS_VI[node.kind],
                a.lead_unit.code if a and a.lead_unit else "",
                "; ".join(u.code for u in a.cooperating_units.all()) if a else "",
                node.metric_key,
                node.rule,
            ],
        )
    for row in sheet.iter_rows(min_col=1, max_col=1):
        for cell in row:
            cell.number_format = "@"  # codes as text, so 1.10 stays 1.10
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@transaction.atomic
def framework_update(
    *,
    actor: Any,
    framework: Framework,
    name: str,
    has_round_2: bool,
    announcement: str | None = None,
) -> bool:
    """Rename a framework or say whether its appraisal has a second round (a frozen framework
    only with an announcement, which every agency using it sees in its audit trail)."""
    _require_framework_rights(actor, framework.province_id)
    if not (name or "").strip():
        raise DomainError(_("A name is required."), field="name")
    if (
        has_round_2 != framework.has_round_2
        and Assessment.objects.filter(
            framework=framework, stage__in=["appraisal_2", "final"]
        ).exists()
    ):
        raise DomainError(
            _(
                "An assessment already reached the second round or the end; the rounds cannot change."
            ),
            field="has_round_2",
        )
    before = snapshot(framework, ("name", "has_round_2"))
    framework.name = name.strip()
    framework.has_round_2 = has_round_2
    after = snapshot(framework, ("name", "has_round_2"))
    if after == before:
        return False
    note = framework_change_note(framework, announcement)
    framework.save(update_fields=["name", "has_round_2"])
    framework_change_announce(
        actor=actor, framework=framework, announcement=note, before=before, after=after
    )
    return True
