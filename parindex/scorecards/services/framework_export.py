"""A framework written back in its import format (docs/formats.md §1), with an agency's assignments."""

from __future__ import annotations

import io

from openpyxl import Workbook

from parindex.common.codes import code_key
from parindex.common.exports import append_row
from parindex.org.models import Agency
from parindex.scorecards.choices import KIND_LABELS_VI
from parindex.scorecards.models import Assignment, Framework, Node
from parindex.scorecards.services.framework import FRAMEWORK_COLUMNS


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
