"""The dossiers app's figures (docs/formats.md §6), kept in the cache between two imports.

With a million dossiers one computation of a year's figures takes about a second; the director's
page asks for them on every visit. Dossiers change only through an import (a file, an upload or
the push API), and every import records an ``ImportRun``: the cache key carries the latest run of
the agency and the highest dossier id, so a new import (or any new dossier) makes a new key.
Entries also expire after ``TIMEOUT`` seconds. The figures themselves are always those of
``parindex.dossiers.figures.dossier_figures``; nothing is recomputed here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache

from parindex.metrics.registry import memo, seed

TIMEOUT = 15 * 60


def _version(agency: Any) -> str:
    from parindex.dossiers.models import Dossier, ImportRun

    run = (
        ImportRun.objects.filter(agency=agency)
        .order_by("-pk")
        .values_list("pk", "finished_at", "state")
        .first()
    )
    last = Dossier.objects.order_by("-pk").values_list("pk", flat=True).first()
    return f"{run}:{last}"


def _key(agency: Any, start: dt.date, end: dt.date, by: str | None, units: Any) -> str:
    unit_key = tuple(sorted(units)) if units is not None else None
    version = memo(("dossier_version", agency.pk), lambda: _version(agency))
    text = f"{agency.pk}:{unit_key}:{start}:{end}:{by}:{version}"
    return "metrics:figures:" + hashlib.sha256(text.encode()).hexdigest()


def seed_total(
    agency: Any, start: dt.date, end: dt.date, units: Any, document: dict[str, Any]
) -> None:
    """The total of a grouped document is the ungrouped document's total: keep it for the
    metrics that read [start, end] without grouping."""
    key = _key(agency, start, end, None, units)
    value = {**document, "by": None, "groups": []}
    seed(("dossier_figures", key), value)
    if cache.get(key) is None:
        cache.set(key, value, TIMEOUT)


def dossier_figures(
    agency: Any,
    start: dt.date,
    end: dt.date,
    *,
    by: str | None = None,
    units: Iterable[int] | None = None,
) -> dict[str, Any]:
    from parindex.dossiers.figures import dossier_figures as compute

    key = _key(agency, start, end, by, units)

    def fresh() -> dict[str, Any]:
        found = cache.get(key)
        if found is None:
            found = compute(agency, start, end, by=by, units=list(units) if units else units)
            cache.set(key, found, TIMEOUT)
        return found

    return memo(("dossier_figures", key), fresh)
