"""Reads of the early-warning module: bound leaves, projection, points at risk, indicators.

Definitions (stated on the pages too):
- the period of a year is 1 January to today for the current year, the whole year otherwise;
- a bound leaf's *suggested* score is ``rules.points_for(rule, value, max)`` with the metric's
  value for the whole agency over that period; no value (empty period) → no suggestion;
- *points at risk* on a bound leaf = max − suggested (what the current trend would lose);
- the *over-claim* warning: the unit's self score is above the suggested score;
- the *projection* takes, per leaf: the council's score where entered; else, for a bound leaf,
  the suggested score (capped by the self score when one is entered); else the self score; else
  (survey, bonus, penalty, unscored leaves) last year's appraised score of the same code, or 0.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.common.numbers import vn_number
from parindex.metrics import registry
from parindex.metrics.models import Indicator, IndicatorValue, RiskSnapshot
from parindex.metrics.registry import COUNT, Reading
from parindex.org import access
from parindex.org.models import Agency, Unit
from parindex.scorecards import rules
from parindex.scorecards.choices import NodeKind
from parindex.scorecards.models import Assessment, Framework, Score

ZERO = Decimal(0)
POINTS_Q = Decimal("0.001")

caching = registry.caching


def period_of(year: int, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """1 January to today for the current year, else the whole year."""
    today = today or timezone.localdate()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if year == today.year:
        end = today
    return start, end


def read_metric(
    key: str, agency: Agency, unit: Unit | None, start: dt.date, end: dt.date
) -> Reading:
    memo_key = ("metric", key, agency.pk, unit.pk if unit is not None else None, start, end)
    return registry.memo(memo_key, lambda: registry.read(key, agency, unit, start, end))


def number(value: Decimal | None) -> str:
    """A figure as the Vietnamese write it, no trailing zeros: 38,5 and 1.007.

    Reasons are frozen into snapshots and report runs, so they keep one notation whatever the
    reader's language."""
    if value is None:
        return "—"
    return vn_number(Decimal(value).quantize(Decimal("0.01")), missing="—")


def full_threshold(rule: rules.Rule) -> Decimal:
    """The value from which the rule gives its highest points."""
    if rule.kind == "steps":
        best = max(f for _t, f in rule.steps)
        return min(t for t, f in rule.steps if f == best)
    return rule.threshold


# -- bound leaves -------------------------------------------------------------------------------


@dataclass
class LeafRow:
    node: Any
    metric: registry.Metric | None
    rule: rules.Rule | None
    lead_unit: Unit | None
    score: Score | None
    reading: Reading | None
    suggested: Decimal | None
    target: Decimal | None
    error: str = ""

    @property
    def code(self) -> str:
        return self.node.code

    @property
    def max_points(self) -> Decimal:
        return self.node.max_points

    @property
    def self_points(self) -> Decimal | None:
        return self.score.self_points if self.score is not None else None

    @property
    def over_claim(self) -> bool:
        return (
            self.self_points is not None
            and self.suggested is not None
            and self.self_points > self.suggested + POINTS_Q
        )

    @property
    def at_risk(self) -> Decimal:
        if self.suggested is None:
            return ZERO
        return max(ZERO, self.max_points - self.suggested)

    @property
    def act_url(self) -> str | None:
        return self.reading.url if self.reading is not None else None

    @property
    def reason(self) -> str:
        if self.error:
            return self.error
        if self.reading is None or self.metric is None:
            return ""
        reading, metric = self.reading, self.metric
        if reading.value is None:
            return _("%(metric)s: no data in the period") % {"metric": metric.short_label}
        if metric.unit == COUNT:
            return _("%(metric)s: %(value)s (needs %(target)s)") % {
                "metric": metric.short_label,
                "value": number(reading.value),
                "target": number(self.target),
            }
        missing = reading.shortfall(self.target) if self.target is not None else None
        values = {
            "metric": metric.short_label,
            "value": number(reading.value),
            "target": number(self.target),
            "missing": number(missing) if missing else missing,
            "noun": metric.noun,
        }
        if missing:
            text = _(
                "%(metric)s %(value)s %% / needs %(target)s %%: %(missing)s %(noun)s short"
            ) % (values)
        else:
            text = _("%(metric)s %(value)s %% / needs %(target)s %%") % values
        return text + _named(reading.names)


def _named(names: list[str], limit: int = 5) -> str:
    """The records behind a shortfall, when the metric names them: " (VB-03, VB-04, …)"."""
    if not names:
        return ""
    shown = ", ".join(names[:limit])
    return f" ({shown}, …)" if len(names) > limit else f" ({shown})"


def bound_leaves(
    agency: Agency, year: int, *, today: dt.date | None = None, units: Any = None
) -> list[LeafRow]:
    """Every leaf of the year's framework bound to a metric, with its live value and scores.

    ``units`` (unit ids) keeps only the leaves those units lead."""
    start, end = period_of(year, today)
    rows = registry.memo(
        ("bound_leaves", agency.pk, year, start, end), lambda: _bound(agency, year, start, end)
    )
    if units is None:
        return list(rows)
    return [r for r in rows if r.lead_unit is not None and r.lead_unit.pk in units]


def _bound(agency: Agency, year: int, start: dt.date, end: dt.date) -> list[LeafRow]:
    from parindex.scorecards.selectors import metric_leaves

    rows = []
    for item in metric_leaves(agency, year):
        lead = item["lead_unit"]
        node = item["node"]
        row = LeafRow(node, None, None, lead, item["score"], None, None, None)
        try:
            row.metric = registry.get(rules.check_metric(item["metric"]))
            row.rule = rules.parse_rule(item["rule"])
        except (rules.RuleError, KeyError):
            row.error = _("The metric or the rule of this criterion cannot be read.")
            rows.append(row)
            continue
        row.target = full_threshold(row.rule)
        row.reading = read_metric(row.metric.key, agency, None, start, end)
        if row.reading.value is not None:
            row.suggested = rules.points_for(row.rule, row.reading.value, node.max_points).quantize(
                POINTS_Q
            )
        rows.append(row)
    return rows


def bound_leaf(agency: Agency, year: int, code: str) -> LeafRow | None:
    for row in bound_leaves(agency, year):
        if row.code == code:
            return row
    return None


# -- projection ---------------------------------------------------------------------------------


@dataclass
class ProjectedLeaf:
    code: str
    title: str
    kind: str
    max_points: Decimal
    projected: Decimal
    source: str  # appraised | metric | self | last_year | none
    lead_unit: str | None


@dataclass
class Projection:
    year: int
    index: Decimal | None
    last_year_index: Decimal | None
    leaves: list[ProjectedLeaf]
    sources: dict[str, int] = field(default_factory=dict)

    @property
    def change(self) -> Decimal | None:
        if self.index is None or self.last_year_index is None:
            return None
        return self.index - self.last_year_index

    @property
    def assumed(self) -> int:
        return self.sources.get("last_year", 0) + self.sources.get("none", 0)


def source_label(source: str) -> str:
    return {
        "appraised": _("council's score"),
        "metric": _("suggested from the data"),
        "self": _("self score"),
        "last_year": _("assumed: last year's score"),
        "none": _("assumed: 0 (nothing entered)"),
    }[source]


def _leaf_appraised_of(agency: Agency, year: int) -> tuple[Decimal | None, dict[str, Decimal]]:
    """Last year's index and appraised points per leaf code (nothing without an assessment)."""
    from parindex.scorecards.selectors import compute_for

    framework = Framework.objects.filter(year=year).first()
    if (
        framework is None
        or not Assessment.objects.filter(agency=agency, framework=framework).exists()
    ):
        return None, {}
    card = compute_for(agency, framework)
    return card.index, {n.code: n.appraised for n in card.nodes if n.is_leaf}


def projection(agency: Agency, year: int, *, today: dt.date | None = None) -> Projection | None:
    from parindex.scorecards.computation import compute_scorecard
    from parindex.scorecards.selectors import scorecard_inputs

    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        return None
    inputs = scorecard_inputs(agency, framework)
    parents = {n.parent for n in inputs if n.parent}
    assessment = Assessment.objects.filter(agency=agency, framework=framework).first()
    raw: dict[str, Score] = {}
    if assessment is not None:
        raw = {
            s.node.code: s
            for s in Score.objects.filter(assessment=assessment).select_related("node")
        }
    bound = {row.code: row for row in bound_leaves(agency, year, today=today)}
    last_index, last_leaves = _leaf_appraised_of(agency, year - 1)
    leaves: list[ProjectedLeaf] = []
    projected_inputs = []
    sources: dict[str, int] = defaultdict(int)
    for node in inputs:
        if node.code in parents:
            projected_inputs.append(node)
            continue
        score = raw.get(node.code)
        council = None
        if score is not None:
            council = (
                score.round2_points if score.round2_points is not None else score.appraised_points
            )
        own = score.self_points if score is not None and node.kind != NodeKind.SURVEY else None
        row = bound.get(node.code)
        if council is not None:
            value, source = council, "appraised"
        elif row is not None and row.suggested is not None:
            value = min(own, row.suggested) if own is not None else row.suggested
            source = "metric"
        elif own is not None:
            value, source = own, "self"
        elif node.code in last_leaves:
            value, source = min(last_leaves[node.code], node.max_points), "last_year"
        else:
            value, source = ZERO, "none"
        sources[source] += 1
        leaves.append(
            ProjectedLeaf(
                node.code, node.title, node.kind, node.max_points, value, source, node.lead_unit
            )
        )
        projected_inputs.append(dataclasses.replace(node, appraised_points=value))
    card = compute_scorecard(projected_inputs)
    return Projection(year, card.index, last_index, leaves, dict(sources))


# -- points at risk -----------------------------------------------------------------------------


def risk_rows(
    agency: Agency, year: int, *, today: dt.date | None = None, units: Any = None
) -> list[LeafRow]:
    """Bound leaves losing points, most points first (then by code)."""
    from parindex.common.codes import code_sort_text

    rows = [r for r in bound_leaves(agency, year, today=today, units=units) if r.at_risk > 0]
    rows.sort(key=lambda r: (-r.at_risk, code_sort_text(r.code)))
    return rows


def risk_by_unit(rows: list[LeafRow]) -> list[dict[str, Any]]:
    totals: dict[Any, Decimal] = defaultdict(lambda: ZERO)
    units: dict[Any, Unit | None] = {}
    for row in rows:
        key = row.lead_unit.pk if row.lead_unit else None
        totals[key] += row.at_risk
        units[key] = row.lead_unit
    out = [{"unit": units[k], "at_risk": v} for k, v in totals.items()]
    out.sort(key=lambda r: (-r["at_risk"], r["unit"].code if r["unit"] else "~"))
    return out


def risk_items(rows: list[LeafRow]) -> list[dict[str, Any]]:
    """JSON-safe items (reports, the API, the weekly snapshot)."""
    return [
        {
            "code": r.code,
            "title": r.node.title,
            "max": float(r.max_points),
            "at_risk": float(r.at_risk),
            "lead_unit": r.lead_unit.code if r.lead_unit else None,
            "reason": r.reason,
            "metric": r.metric.key if r.metric else None,
            "value": float(r.reading.value) if r.reading and r.reading.value is not None else None,
            "suggested": float(r.suggested) if r.suggested is not None else None,
            "self": float(r.self_points) if r.self_points is not None else None,
        }
        for r in rows
    ]


def points_at_risk(
    agency: Agency, year: int, *, today: dt.date | None = None
) -> dict[str, Any] | None:
    """For reports (``parindex.reports.sources.points_at_risk``): the whole agency's list;
    None when the year has no framework (the report then prints "no data")."""
    if not Framework.objects.filter(year=year).exists():
        return None
    with caching():
        rows = risk_rows(agency, year, today=today)
    items = risk_items(rows)
    return {
        "year": year,
        "total": float(sum((r.at_risk for r in rows), ZERO)),
        "items": [
            {k: item[k] for k in ("code", "title", "max", "at_risk", "lead_unit", "reason")}
            for item in items
        ],
    }


# -- who sees what ------------------------------------------------------------------------------


def reach(user: Any, agency: Agency) -> frozenset[int] | None:
    """None when the user reads the whole agency; else the ids of the units whose risks they
    see (their own units in this agency; empty when they see none)."""
    if access.reads_agency(user, agency):
        return None
    mine = access.member_unit_ids(user)
    return frozenset(Unit.objects.filter(agency=agency, pk__in=mine).values_list("pk", flat=True))


def agencies_for(user: Any):
    return Agency.objects.restrict(user).order_by("code")


def pick_agency(user: Any, code: str | None = None) -> Agency | None:
    qs = agencies_for(user)
    if code:
        found = qs.filter(code=code).first()
        if found is not None:
            return found
    own = qs.filter(pk__in=access.own_agency_ids(user)).first()
    return own or qs.first()


def current_year(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    years = list(Framework.objects.filter(year__lte=today.year).values_list("year", flat=True)[:1])
    return years[0] if years else today.year


# -- indicators ---------------------------------------------------------------------------------


def indicators_for_user(user: Any):
    return Indicator.objects.restrict(user).select_related("agency", "unit")


def indicator_rows(indicators) -> list[dict[str, Any]]:
    """Each indicator with its latest value and whether it is at risk (latest misses target)."""
    indicators = list(indicators)
    latest: dict[int, IndicatorValue] = {}
    for value in IndicatorValue.objects.filter(indicator__in=indicators).order_by(
        "indicator_id", "period_end"
    ):
        latest[value.indicator_id] = value
    rows = []
    for ind in indicators:
        last = latest.get(ind.pk)
        rows.append(
            {
                "indicator": ind,
                "latest": last,
                "at_risk": last is not None and not ind.meets(last.value),
                "gap": (
                    abs(ind.target - last.value)
                    if last is not None and not ind.meets(last.value)
                    else None
                ),
            }
        )
    return rows


def last_snapshot(agency: Agency, before: dt.date) -> RiskSnapshot | None:
    return (
        RiskSnapshot.objects.filter(agency=agency, taken_on__lt=before)
        .order_by("-taken_on")
        .first()
    )
