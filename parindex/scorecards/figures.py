"""The scorecards' figures other apps read: the reports' scorecard document, criterion nodes
by code (the work plan links tasks to them). No viewer scope here: the callers apply theirs."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from parindex.common.codes import code_key
from parindex.org.models import Agency, Unit
from parindex.scorecards.choices import NodeKind
from parindex.scorecards.models import Assessment, Framework, Node, Score
from parindex.scorecards.selectors import scorecard_document


def without_evidence(assessment: Assessment) -> list[dict[str, Any]]:
    """Self-assessed leaves (ordinary and bonus: points claimed) scored with neither a file nor
    a document reference, with the unit's explanation, in code order."""
    scores = (
        Score.objects.filter(
            assessment=assessment,
            node__kind__in=(NodeKind.SELF, NodeKind.BONUS),
            self_points__isnull=False,
        )
        .annotate(
            evidence_count=Count("evidence", distinct=True),
            reference_count=Count("references", distinct=True),
        )
        .filter(evidence_count=0, reference_count=0)
        .select_related("node")
    )
    return [
        {
            "code": s.node.code,
            "title": s.node.title,
            "self": float(s.self_points),
            "explanation": s.self_explanation,
        }
        for s in sorted(scores, key=lambda s: code_key(s.node.code))
    ]


def scorecard_figures(agency: Agency, year: int) -> dict[str, Any] | None:
    """What the reports print of a scorecard: the docs/formats.md §3 document (the very one of
    `parindex scorecard --format json`) plus "without_evidence" and "units" (code → name).
    None when the year has no framework or the agency no assessment in it."""
    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        return None
    assessment = Assessment.objects.filter(agency=agency, framework=framework).first()
    if assessment is None:
        return None
    document = scorecard_document(agency, framework)
    document["without_evidence"] = without_evidence(assessment)
    document["units"] = dict(
        Unit.objects.filter(agency=agency).order_by("code").values_list("code", "name")
    )
    return document


def criterion_node(year: int, code: str) -> Node | None:
    """The node of `year`'s framework with this code (None without a framework or code)."""
    return Node.objects.filter(framework__year=year, code=code).first()


def criterion_nodes(year: int, codes: list[str]) -> dict[str, Node]:
    """The nodes of `year`'s framework with these codes, by code (one query)."""
    if not codes:
        return {}
    return {n.code: n for n in Node.objects.filter(framework__year=year, code__in=codes)}


def has_framework(year: int) -> bool:
    return Framework.objects.filter(year=year).exists()
