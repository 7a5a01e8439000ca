"""The metric registry: named, documented figures computed from the data.

A metric is one function ``compute(agency, unit, start, end) -> Reading`` and one entry in
:data:`REGISTRY` (key, Vietnamese label, unit ``%`` or ``count``, the exact definition, the
drill-down to the records behind it). Rates are returned in percent (docs/formats.md §1: rules read rate
values in percent) with their numerator and denominator; an empty period (denominator 0) gives
``value=None``, never zero.

Adding a metric: write the function in :mod:`parindex.metrics.definitions`, decorate it with
:func:`metric`, and add its key to ``parindex.scorecards.rules.METRIC_KEYS`` so frameworks may
bind leaves to it.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import math
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

PERCENT = "%"
COUNT = "count"
HUNDRED = Decimal(100)


@dataclass
class Reading:
    """A metric's value for an agency (or one unit) over a period."""

    key: str
    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    items: list[dict[str, Any]] = field(default_factory=list)
    url: str | None = None
    #: The records behind a shortfall, named in the points at risk (late documents, overdue
    #: recommendations…).
    names: list[str] = field(default_factory=list)

    @property
    def fraction(self) -> float | None:
        """The rate as a JSON fraction 0..1 (docs/formats.md), None when there is no value."""
        if self.value is None or self.numerator is None:
            return None
        return float(self.value / HUNDRED)

    def shortfall(self, target_percent: Decimal) -> int | None:
        """How many more records would have had to count in the numerator to reach the target
        (the denominator unchanged), or None when the metric is not a ratio of records."""
        if self.numerator is None or not self.denominator:
            return None
        needed = Decimal(target_percent) * self.denominator / HUNDRED - self.numerator
        return max(0, math.ceil(needed))


@dataclass(frozen=True)
class Metric:
    key: str
    label: Any  # lazy translation
    short_label: Any  # the word used in a warning: "trực tuyến 38 % / cần 50 %"
    unit: str  # PERCENT or COUNT
    description: Any
    compute: Callable[..., Reading]
    drilldown: Callable[..., str | None]
    noun: Any = ""  # what the numerator counts ("hồ sơ", "nhiệm vụ", "đơn vị")

    #: Every metric's app ships with parindex; the API keeps the key for its clients.
    available = True

    def read(self, agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
        reading = self.compute(agency, unit, start, end)
        reading.url = self.drilldown(agency, unit, start, end)
        return reading


REGISTRY: dict[str, Metric] = {}

_CACHE: contextvars.ContextVar[dict | None] = contextvars.ContextVar("metrics_cache", default=None)


@contextmanager
def caching():
    """Within the block, a metric (or a figure several metrics share) is computed once per
    (agency, unit, period): one page asks for the same dossier figures several times."""
    if _CACHE.get() is not None:
        yield
        return
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def seed(key: tuple, value: Any) -> None:
    """Give the cache a value already computed elsewhere (no-op outside `caching()`)."""
    cache = _CACHE.get()
    if cache is not None:
        cache.setdefault(key, value)


def memo(key: tuple, compute: Callable[[], Any]) -> Any:
    cache = _CACHE.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def metric(
    key: str,
    *,
    label: Any,
    short_label: Any,
    unit: str,
    description: Any,
    drilldown: Callable[..., str | None],
    noun: Any = "",
) -> Callable[[Callable[..., Reading]], Callable[..., Reading]]:
    """Register the decorated function as the metric `key`."""

    def register(compute: Callable[..., Reading]) -> Callable[..., Reading]:
        REGISTRY[key] = Metric(
            key=key,
            label=label,
            short_label=short_label,
            unit=unit,
            description=description,
            compute=compute,
            drilldown=drilldown,
            noun=noun,
        )
        return compute

    return register


def rate(key: str, numerator: int, denominator: int, **extra: Any) -> Reading:
    """A reading in percent (two decimals), None when the denominator is 0."""
    value = None
    if denominator:
        value = (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    return Reading(key, value, numerator=numerator, denominator=denominator, **extra)


def get(key: str) -> Metric:
    from parindex.metrics import definitions  # noqa: F401  (fills the registry)

    return REGISTRY[key]


def all_metrics() -> list[Metric]:
    from parindex.metrics import definitions  # noqa: F401

    return [REGISTRY[k] for k in sorted(REGISTRY)]


def read(key: str, agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    return get(key).read(agency, unit, start, end)
