"""Where reports read the figures of the other apps: one function per data source.

The apps always ship together, so each source is a plain call of its provider: a renamed
provider fails at import (and in the tests), never as a blank in an official report. A source
returns None only when the app holds nothing for the request; the report then prints "Chưa có số
liệu" in that place. Each returns a dict of the shape below (JSON-safe: numbers as int/float or
Decimal, dates ISO strings, rates fractions 0..1 or null). Report tests replace these functions
with fixtures.

Providers: scorecards.figures.scorecard_figures, metrics.selectors.points_at_risk,
workplan.figures.task_figures and initiative_figures, dossiers.figures.dossier_figures (the
function of `parindex dossier_kpis`, called with by="unit" and by="month") and procedure_review,
registers.figures.report_figures.

scorecard(agency, year) — the scorecards app (issue 3): exactly the JSON document of
    `parindex scorecard --agency CODE --year YYYY --format json` (docs/formats.md §3):
    {"agency", "year", "framework", "max_total", "self_total", "appraised_total", "bonus",
     "penalty", "index", "nodes": [{"code", "title", "kind", "max", "self", "appraised", "lost",
     "lead_unit"}], "lost_by_unit": [{"unit", "lost"}]}
    plus, optionally, "without_evidence": [{"code", "title", "self", "explanation"}] (self-assessed
    leaves scored without evidence, with their explanation) and "units": {"HCTH": "Phòng …"}.

dossier_figures(agency, start, end) — the dossiers app (issue 4): the `dossier_kpis` document
    (docs/formats.md §6) for [start, end]: {"agency", "from", "to", "total": {received,
    received_online, received_direct, received_postal, resolved, resolved_online, early, on_time,
    late, pending, pending_overdue, online_share, resolved_online_share, on_time_rate},
    "by_unit": [{"key": unit code, "label", …same keys…}], "by_month": [{"key": "YYYY-MM",
    "label", …same keys…}]}  (by_unit/by_month = the "groups" of --by unit / --by month).

procedure_review(agency, start, end) — the dossiers app: the `procedure_review` document
    (docs/formats.md §6): {"high_volume": [{"code", "name", "received"}],
    "online_without_dossiers": [{"code", "name", "online_level"}]}.

task_figures(agency, start, end) — the workplan app (issue 5), tasks due in [start, end]:
    {"total", "completed", "completed_on_time", "completed_late", "open", "overdue",
     "on_time_rate": fraction or null,
     "by_unit": [{"unit": code, "label", "total", "completed", "completed_on_time", "overdue"}],
     "next_period": [{"title", "unit": code, "due": "YYYY-MM-DD"}]  (open tasks due after end)}

initiative_coverage(agency, year) — the workplan app: {"year", "units_total",
    "units_with_initiative", "coverage": fraction or null,
    "initiatives": [{"title", "unit": code, "status"}]}

registers_figures(agency, year, as_of) — the registers app (issue 13), read at as_of:
    {"legal": the `legal_figures` document, "inspections": the `inspection_figures` document,
     "late_documents": [{"code", "title", "unit", "due"}], "overdue_recommendations": [{"code",
     "text", "unit", "due"}], "reviews": {"count", "verdicts": {"valid"|"amend"|…: n}}}

points_at_risk(agency, year) — the metrics app (director's page): {"year", "total": points,
    "items": [{"code", "title", "max", "at_risk", "lead_unit", "reason"}]}
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from parindex.dossiers import figures as dossiers
from parindex.metrics import selectors as metrics
from parindex.registers import figures as registers
from parindex.scorecards import figures as scorecards
from parindex.workplan import figures as workplan


def scorecard(agency: Any, year: int) -> dict | None:
    return scorecards.scorecard_figures(agency=agency, year=year)


def points_at_risk(agency: Any, year: int) -> dict | None:
    return metrics.points_at_risk(agency, year)


def dossier_figures(agency: Any, start: dt.date, end: dt.date) -> dict | None:
    """The `dossier_kpis` documents of the dossiers app (`--by unit` and `--by month`) in the
    shape above; None when the agency has no counted dossier at all."""
    if not dossiers.counted_dossiers(agency).exists():
        return None
    by_unit = dossiers.dossier_figures(agency, start, end, by="unit")
    by_month = dossiers.dossier_figures(agency, start, end, by="month")
    return {
        "agency": by_unit["agency"],
        "from": by_unit["from"],
        "to": by_unit["to"],
        "total": by_unit["total"],
        "by_unit": by_unit["groups"],
        "by_month": by_month["groups"],
    }


def procedure_review(agency: Any, start: dt.date, end: dt.date) -> dict | None:
    """The `procedure_review` document of the dossiers app (top 10)."""
    return dossiers.procedure_review(agency, start, end)


def task_figures(agency: Any, start: dt.date, end: dt.date) -> dict | None:
    return workplan.task_figures(agency=agency, start=start, end=end)


def initiative_coverage(agency: Any, year: int) -> dict | None:
    return workplan.initiative_figures(agency=agency, year=year)


def registers_figures(agency: Any, year: int, as_of: dt.date) -> dict | None:
    """Legal documents, reviews, inspections and recommendations (the registers app)."""
    return registers.report_figures(agency=agency, year=year, as_of=as_of)
