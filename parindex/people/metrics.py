"""The people metrics of the registry, read from `staffing_figures` (one definition).

A metric reads the figures of the year of the period's end, as of the period's end (or today
when that is earlier): the same numbers as `parindex staffing_figures --as-of END`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parindex.common.links import url_with_query
from parindex.metrics.registry import COUNT, PERCENT, Reading, memo, metric, rate


def _figures(agency: Any, unit: Any, end: dt.date) -> dict[str, Any]:
    from parindex.people.figures import staffing_figures

    as_of = min(end, timezone.localdate())
    units = [unit.pk] if unit is not None else None
    key = ("people.figures", agency.pk, getattr(unit, "pk", None), as_of)
    return memo(key, lambda: staffing_figures(agency, end.year, as_of=as_of, units=units)["total"])


def _url(name: str, agency: Any, end: dt.date) -> str:
    return url_with_query(name, agency=agency.code, year=end.year)


@metric(
    "staffing.rank_match_rate",
    label=_("Staff holding the rank their position requires"),
    short_label=_("rank matches"),
    unit=PERCENT,
    noun=_("people"),
    description=_(
        "placed staff whose rank is one of their position's required ranks ÷ placed staff, "
        "present at the period's end (a position requiring no rank matches any)."
    ),
    drilldown=lambda agency, unit, start, end: _url("people:placement", agency, end),
)
def rank_match_rate(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    total = _figures(agency, unit, end)
    return rate("staffing.rank_match_rate", total["rank_match"], total["placed"])


@metric(
    "training.rate",
    label=_("Training plan completed"),
    short_label=_("training done"),
    unit=PERCENT,
    noun=_("courses"),
    description=_(
        "in-plan training rows of the year completed by the period's end ÷ in-plan training "
        "rows of the year (counted for the person's unit even after the person left)."
    ),
    drilldown=lambda agency, unit, start, end: _url("people:training_list", agency, end),
)
def training_rate(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    total = _figures(agency, unit, end)
    return rate("training.rate", total["training_done"], total["training_planned"])


@metric(
    "staffing.leadership_vacant",
    label=_("Leadership posts vacant"),
    short_label=_("leadership posts vacant"),
    unit=COUNT,
    noun=_("posts"),
    description=_(
        "Σ over leadership positions of max(0, approved headcount − staff present holding it) "
        "at the period's end: the posts to fill (kiện toàn)."
    ),
    drilldown=lambda agency, unit, start, end: _url("people:placement", agency, end),
)
def leadership_vacant(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    total = _figures(agency, unit, end)
    return Reading("staffing.leadership_vacant", value=Decimal(total["leadership_vacant"]))
