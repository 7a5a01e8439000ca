"""Importing a framework file (docs/formats.md §1): preview it, or write it (all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record_created, record_deleted
from parindex.common import tabular
from parindex.common.codes import code_key, code_sort_text
from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.models import Agency
from parindex.scorecards.models import Assessment, Framework, Node, Score
from parindex.scorecards.services.assignments import _assign
from parindex.scorecards.services.framework import (
    FRAMEWORK_COLUMNS,
    NODE_FIELDS,
    _province_for_new_framework,
    _require_framework_rights,
    framework_change_announce,
    framework_change_note,
)
from parindex.scorecards.services.framework_parse import (
    ParsedFramework,
    _parse,
)


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
    """Import the framework of `year` (docs/formats.md §1); all or nothing unless skip_invalid.

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
    # The framework's audit rows belong to its province.
    province_id = framework.province_id

    def may_change_nodes() -> str:
        """Refuse a node change to anyone but the province (the transaction rolls back)."""
        _require_framework_rights(actor, province_id)
        return framework_change_note(framework, announcement)

    note = ""
    if created:
        may_change_nodes()
        record_created(
            actor, "framework.created", framework, ("year", "name"), province=province_id
        )
    elif name and framework.name != name:
        may_change_nodes()
        with audited(
            actor, "framework.updated", framework, ("name",), always=True, province=province_id
        ):
            framework.name = name
            framework.save(update_fields=["name"])
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
                sort_key=code_sort_text(item.code),
                depth=item.code.count(".") + 1,
                is_leaf=is_leaf,
                **values,
            )
            node_fields = ("code", *NODE_FIELDS)
            record_created(actor, "framework.node_created", node, node_fields, province=province_id)
            touched[item.code] = True
            result.created += 1
        else:
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
                with audited(
                    actor,
                    "framework.node_updated",
                    node,
                    NODE_FIELDS,
                    always=True,
                    province=province_id,
                ):
                    for k, v in values.items():
                        setattr(node, k, v)
                    node.parent = parent
                    node.is_leaf = is_leaf
                    node.depth = item.code.count(".") + 1
                    node.save()
                touched[item.code] = True
                result.updated += 1
            else:
                touched[item.code] = False
        saved[item.code] = node
    if gone:
        note = may_change_nodes()
        for code in gone:
            record_deleted(
                actor,
                "framework.node_deleted",
                existing[code],
                ("code", *NODE_FIELDS),
                province=province_id,
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
