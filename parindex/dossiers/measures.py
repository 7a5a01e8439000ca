"""Decision 766 measures read from the catalogue and the dossiers (docs/dossiers.md):

* **procedures published on time** — for a period [D1, D2], the procedures whose legal basis
  takes effect in it (``basis_effective_on`` in [D1, D2]); of them ``on_time`` when the
  publication decision is dated on or before that day, ``late`` when after it, ``missing``
  when not published at all (counted with the late ones: on the day the basis took effect the
  procedure was not published); ``on_time_rate`` = on_time ÷ due;
* **apology slips (form 04)** — the dossiers that need one in [D1, D2]: resolved late in the
  period (docs/formats.md §6 ``late``) or pending and overdue at D2 (``pending_overdue``); of them
  ``with_slip`` when their slip is recorded, else ``missing``; ``share`` = with_slip ÷ required.

Rates are fractions 0..1, ``None`` when the denominator is 0 (docs/formats.md general rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from parindex.dossiers.figures import counted_dossiers, metric_filter
from parindex.dossiers.models import Dossier, Procedure
from parindex.org.models import Agency

#: Most procedures or dossiers listed by name in a document; the counts are always whole.
LIST_LIMIT = 1000


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def publication_due(
    agency: Agency, d1: dt.date, d2: dt.date, *, units: Iterable[int] | None = None
) -> QuerySet[Procedure]:
    """Procedures whose legal basis takes effect in [d1, d2] (narrowed to units' ones)."""
    qs = Procedure.objects.filter(
        agency=agency, basis_effective_on__gte=d1, basis_effective_on__lte=d2
    )
    if units is not None:
        qs = qs.filter(unit_id__in=list(units))
    return qs


def publication_figures(
    agency: Agency, d1: dt.date, d2: dt.date, *, units: Iterable[int] | None = None
) -> dict[str, Any]:
    """``{"agency", "from", "to", "due", "on_time", "late", "missing", "on_time_rate",
    "late_procedures": [{"code", "name", "basis_effective_on", "published_on",
    "decision"}…]}`` (late and missing ones, by code)."""
    qs = publication_due(agency, d1, d2, units=units)
    on_time = Q(published_on__isnull=False, published_on__lte=F("basis_effective_on"))
    counts = qs.aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=on_time),
        missing=Count("pk", filter=Q(published_on__isnull=True)),
    )
    late = qs.exclude(on_time).order_by("code")
    return {
        "agency": agency.code,
        "from": d1.isoformat(),
        "to": d2.isoformat(),
        "due": counts["due"],
        "on_time": counts["on_time"],
        "late": counts["due"] - counts["on_time"],
        "missing": counts["missing"],
        "on_time_rate": _ratio(counts["on_time"], counts["due"]),
        "late_procedures": [
            {
                "code": p.code,
                "name": p.name,
                "basis_effective_on": p.basis_effective_on.isoformat(),
                "published_on": p.published_on.isoformat() if p.published_on else None,
                "decision": p.decision,
            }
            for p in late[:LIST_LIMIT]
        ],
    }


def apology_required(
    agency: Agency, d1: dt.date, d2: dt.date, *, units: Iterable[int] | None = None
) -> QuerySet[Dossier]:
    """Counted dossiers resolved late in [d1, d2] or pending and overdue at d2."""
    return counted_dossiers(agency, units=units).filter(
        metric_filter("late", d1, d2) | metric_filter("pending_overdue", d1, d2)
    )


def apology_figures(
    agency: Agency, d1: dt.date, d2: dt.date, *, units: Iterable[int] | None = None
) -> dict[str, Any]:
    """``{"agency", "from", "to", "late", "pending_overdue", "required", "with_slip",
    "missing", "share", "missing_dossiers": [codes…]}``."""
    qs = apology_required(agency, d1, d2, units=units)
    counts = qs.aggregate(
        required=Count("pk"),
        late=Count("pk", filter=metric_filter("late", d1, d2)),
        with_slip=Count("pk", filter=Q(apology__isnull=False)),
    )
    missing = qs.filter(apology__isnull=True).order_by("code").values_list("code", flat=True)
    required = counts["required"]
    return {
        "agency": agency.code,
        "from": d1.isoformat(),
        "to": d2.isoformat(),
        "late": counts["late"],
        "pending_overdue": required - counts["late"],
        "required": required,
        "with_slip": counts["with_slip"],
        "missing": required - counts["with_slip"],
        "share": _ratio(counts["with_slip"], required),
        "missing_dossiers": list(missing[:LIST_LIMIT]),
    }
