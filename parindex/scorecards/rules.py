"""Metric keys and the rules that turn a metric's value into points (docs/formats.md §1).

Rules (rate values in percent):
- ``full_at T``: max × min(1, value ÷ T);
- ``steps T1:F1, T2:F2, …``: F × max for the highest Ti ≤ value, 0 below all;
- ``at_least T``: max if value ≥ T, else 0.

Pure Python, Decimal throughout; the early-warning issue computes points with :func:`points_for`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

METRIC_KEYS = frozenset(
    {
        "dossiers.on_time_rate",
        "dossiers.resolved_online_share",
        "dossiers.online_share",
        "dossiers.paid_online_share",
        "dossiers.apology_share",
        "procedures.online_coverage",
        "procedures.online_unused",
        "procedures.published_on_time",
        "tasks.on_time_rate",
        "initiatives.coverage",
        "legal.on_time_rate",
        "inspections.plan_rate",
        "recommendations.rate",
        "survey.index",
        "feedback.on_time_rate",
        "staffing.rank_match_rate",
        "training.rate",
        "staffing.leadership_vacant",
    }
)


class RuleError(ValueError):
    """A rule text that cannot be read."""


@dataclass(frozen=True)
class Rule:
    kind: str  # full_at | steps | at_least
    threshold: Decimal | None = None
    steps: tuple[tuple[Decimal, Decimal], ...] = ()

    def __str__(self) -> str:
        if self.kind == "steps":
            return "steps " + ", ".join(f"{t}:{f}" for t, f in self.steps)
        return f"{self.kind} {self.threshold}"


_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"


def _dec(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the patterns admit digits only
        raise RuleError(_("not a number: %(text)s") % {"text": text}) from None


def parse_rule(text: str) -> Rule:
    """Read a rule; raise RuleError with a short translated message when it is malformed."""
    src = " ".join((text or "").split())
    match = re.fullmatch(rf"(full_at|at_least)\s+({_NUMBER})\s*%?", src, re.IGNORECASE)
    if match:
        kind, value = match.group(1).lower(), _dec(match.group(2))
        if kind == "full_at" and value <= 0:
            raise RuleError(_("full_at needs a threshold above 0"))
        return Rule(kind=kind, threshold=value)
    match = re.fullmatch(r"steps\s+(.+)", src, re.IGNORECASE)
    if match:
        steps = []
        for part in re.split(r"\s*[,;]\s+|\s*;\s*", match.group(1).strip()):
            step = re.fullmatch(rf"({_NUMBER})\s*%?\s*:\s*({_NUMBER})", part.strip())
            if not step:
                raise RuleError(
                    _("a step is written threshold:fraction, not “%(part)s”") % {"part": part}
                )
            threshold, fraction = _dec(step.group(1)), _dec(step.group(2))
            if fraction > 1:
                raise RuleError(
                    _("a step's fraction is between 0 and 1, not %(fraction)s")
                    % {"fraction": _figure(fraction)}
                )
            steps.append((threshold, fraction))
        if not steps:
            raise RuleError(_("steps needs at least one threshold:fraction"))
        thresholds = [t for t, _f in steps]
        if len(set(thresholds)) != len(thresholds):
            raise RuleError(_("steps repeats a threshold"))
        return Rule(kind="steps", steps=tuple(sorted(steps, reverse=True)))
    raise RuleError(
        _("unknown rule “%(rule)s”; write full_at T, steps T1:F1, T2:F2 or at_least T")
        % {"rule": src}
    )


def check_metric(key: str) -> str:
    key = (key or "").strip()
    if key not in METRIC_KEYS:
        raise RuleError(
            _("unknown metric “%(key)s”; known: %(known)s")
            % {"key": key, "known": ", ".join(sorted(METRIC_KEYS))}
        )
    return key


def points_for(
    rule: Rule | str, value: Decimal | int | float | None, max_points: Decimal
) -> Decimal:
    """Points a leaf earns when its metric is `value` (a rate in percent); 0 when unknown."""
    if isinstance(rule, str):
        rule = parse_rule(rule)
    if value is None:
        return Decimal(0)
    value = Decimal(str(value)) if not isinstance(value, Decimal) else value
    max_points = Decimal(max_points)
    if rule.kind == "full_at":
        return max_points * min(Decimal(1), value / rule.threshold)
    if rule.kind == "at_least":
        return max_points if value >= rule.threshold else Decimal(0)
    for threshold, fraction in rule.steps:  # highest threshold first
        if value >= threshold:
            return fraction * max_points
    return Decimal(0)


def _figure(number: Decimal) -> str:
    from parindex.common.numbers import screen_number

    return screen_number(number)


def describe_rule(rule: Rule | str | None) -> str:
    """A rule as a sentence for a screen, in the reader's language: ``steps 100:1, 80:0.5`` →
    "đạt 100 % → đủ điểm; từ 80 % → 50 % số điểm; dưới 80 % → 0 điểm". An unreadable rule is
    returned as written (the binding screen reports it)."""
    if not rule:
        return "—"
    if isinstance(rule, str):
        try:
            rule = parse_rule(rule)
        except RuleError:
            return rule
    if rule.kind == "full_at":
        t = _figure(rule.threshold)
        return _("reaching %(t)s %% → full points; below → in proportion to %(t)s %%") % {"t": t}
    if rule.kind == "at_least":
        t = _figure(rule.threshold)
        return _("from %(t)s %% → full points; below %(t)s %% → 0 points") % {"t": t}
    parts = []
    for i, (threshold, fraction) in enumerate(rule.steps):
        t = _figure(threshold)
        if fraction == 1:
            text = (
                _("reaching %(t)s %% → full points") if i == 0 else _("from %(t)s %% → full points")
            ) % {"t": t}
        else:
            text = _("from %(t)s %% → %(share)s %% of the points") % {
                "t": t,
                "share": _figure(fraction * 100),
            }
        parts.append(text)
    lowest = rule.steps[-1][0]
    if lowest > 0:
        parts.append(_("below %(t)s %% → 0 points") % {"t": _figure(lowest)})
    return "; ".join(parts)


def metric_label(key: str | None) -> str:
    """A metric key shown by its label ("Tỷ lệ hồ sơ đúng hạn"), the key itself if unknown."""
    if not key:
        return "—"
    from parindex.metrics import registry

    try:
        return str(registry.get(key).label)
    except KeyError:
        return key
