"""The scorecard computation of docs/formats.md §3, as one pure function over plain data.

No database here: the selectors build :class:`LeafInput`/:class:`NodeInput` lists and call
:func:`compute_scorecard`; tests call it with hand-made trees. Decimal throughout; the JSON
conversion to numbers happens in :func:`scorecard_json` only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from parindex.common.codes import code_key

SELF, SURVEY, BONUS, PENALTY = "self", "survey", "bonus", "penalty"
ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class NodeInput:
    """One node as the computation needs it. `parent` is the parent's code (None at top)."""

    code: str
    title: str
    kind: str
    max_points: Decimal
    parent: str | None = None
    lead_unit: str | None = None  # the effective lead unit (own or inherited)
    # Leaf scores (ignored on inner nodes): self points, and the appraisal that counts now
    # (round 2, else round 1, else the self score while the appraisal is open).
    self_points: Decimal | None = None
    appraised_points: Decimal | None = None


@dataclass
class NodeResult:
    code: str
    title: str
    kind: str
    max_points: Decimal
    self_points: Decimal | None
    appraised: Decimal
    lost: Decimal
    lead_unit: str | None
    is_leaf: bool
    depth: int


@dataclass
class Scorecard:
    max_total: Decimal
    self_total: Decimal
    appraised_total: Decimal
    bonus: Decimal
    penalty: Decimal
    index: Decimal | None
    nodes: list[NodeResult]
    lost_by_unit: list[tuple[str, Decimal]]
    survey_total: Decimal = ZERO
    extra: dict[str, Any] = field(default_factory=dict)


def leaf_lost(kind: str, self_points: Decimal | None, appraised: Decimal | None) -> Decimal:
    """Points deducted on one leaf (negative when raised); only self-assessed leaves lose."""
    if kind != SELF:
        return ZERO
    return (self_points or ZERO) - (appraised or ZERO)


def compute_scorecard(nodes: list[NodeInput]) -> Scorecard:
    """Compute the scorecard of one agency for one year from its tree and leaf scores."""
    by_code = {n.code: n for n in nodes}
    children: dict[str | None, list[str]] = defaultdict(list)
    for n in nodes:
        parent = n.parent if n.parent in by_code else None
        children[parent].append(n.code)
    results: dict[str, NodeResult] = {}

    def visit(code: str, depth: int) -> NodeResult:
        node = by_code[code]
        kids = sorted(children.get(code, []), key=code_key)
        if not kids:
            self_points = None if node.kind == SURVEY else node.self_points
            appraised = node.appraised_points or ZERO
            result = NodeResult(
                code,
                node.title,
                node.kind,
                node.max_points,
                self_points,
                appraised,
                leaf_lost(node.kind, self_points, appraised),
                node.lead_unit,
                True,
                depth,
            )
            result_leaves[code] = result
        else:
            subs = [visit(k, depth + 1) for k in kids]
            # The sum of the self scores known below; null when none is (survey-only subtrees).
            selfs = [s.self_points for s in subs if s.self_points is not None]
            self_points = sum(selfs, ZERO) if selfs else None
            result = NodeResult(
                code,
                node.title,
                node.kind,
                node.max_points,
                self_points,
                sum((s.appraised for s in subs), ZERO),
                sum((s.lost for s in subs), ZERO),
                node.lead_unit,
                False,
                depth,
            )
        results[code] = result
        return result

    result_leaves: dict[str, NodeResult] = {}
    tops = sorted(children.get(None, []), key=code_key)
    for top in tops:
        visit(top, 1)

    leaves = list(result_leaves.values())
    max_total = sum(
        (by_code[c].max_points for c in tops if by_code[c].kind in (SELF, SURVEY)), ZERO
    )
    self_total = sum((lf.self_points or ZERO for lf in leaves if lf.kind == SELF), ZERO)
    appraised_total = sum(
        (results[c].appraised for c in tops if by_code[c].kind in (SELF, SURVEY)), ZERO
    )
    bonus = sum((results[c].appraised for c in tops if by_code[c].kind == BONUS), ZERO)
    penalty = sum((results[c].appraised for c in tops if by_code[c].kind == PENALTY), ZERO)
    survey_total = sum((lf.appraised for lf in leaves if lf.kind == SURVEY), ZERO)
    index = None
    if max_total:
        index = ((appraised_total + bonus - penalty) / max_total * HUNDRED).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    by_unit: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for lf in leaves:
        if lf.kind == SELF and lf.lead_unit:
            by_unit[lf.lead_unit] += lf.lost
    lost_by_unit = sorted(
        ((unit, lost) for unit, lost in by_unit.items() if lost != 0),
        key=lambda item: (-item[1], item[0]),
    )
    ordered = sorted(results.values(), key=lambda r: code_key(r.code))
    return Scorecard(
        max_total=max_total,
        self_total=self_total,
        appraised_total=appraised_total,
        bonus=bonus,
        penalty=penalty,
        index=index,
        nodes=ordered,
        lost_by_unit=lost_by_unit,
        survey_total=survey_total,
    )


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def scorecard_json(card: Scorecard, *, agency: str, year: int, framework: str) -> dict[str, Any]:
    """The JSON document of docs/formats.md §3 (numbers as JSON numbers)."""
    return {
        "agency": agency,
        "year": year,
        "framework": framework,
        "max_total": _num(card.max_total),
        "self_total": _num(card.self_total),
        "appraised_total": _num(card.appraised_total),
        "bonus": _num(card.bonus),
        "penalty": _num(card.penalty),
        "index": _num(card.index),
        "nodes": [
            {
                "code": n.code,
                "title": n.title,
                "kind": n.kind,
                "max": _num(n.max_points),
                "self": _num(n.self_points),
                "appraised": _num(n.appraised),
                "lost": _num(n.lost),
                "lead_unit": n.lead_unit,
            }
            for n in card.nodes
        ],
        "lost_by_unit": [{"unit": unit, "lost": _num(lost)} for unit, lost in card.lost_by_unit],
    }


def competition_ranking(indexes: list[tuple[str, Decimal | None]]) -> list[dict[str, Any]]:
    """[{agency, index, rank}] by index descending; ties share a rank (1, 1, 3). Agencies
    without an index come last, unranked."""
    ranked = sorted(
        (item for item in indexes if item[1] is not None), key=lambda item: (-item[1], item[0])
    )
    out: list[dict[str, Any]] = []
    previous: Decimal | None = None
    rank = 0
    for position, (agency, index) in enumerate(ranked, start=1):
        if index != previous:
            rank = position
            previous = index
        out.append({"agency": agency, "index": index, "rank": rank})
    for agency, index in indexes:
        if index is None:
            out.append({"agency": agency, "index": None, "rank": None})
    return out
