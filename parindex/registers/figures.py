"""The figures of the legal-document and inspection registers (docs/registers.md, "Figures").

Both functions read the day the figures are taken at (`as_of`): a date after it counts as not yet
happened, and dates are compared as days. They return
`{"agency", "year", "as_of", "total": {…}, "groups": [{"key", "label", …}]}`, the groups being
the responsible units by code, sorted by code, with units that have nothing counted left out.
Rates are fractions 0..1, or None when their denominator is 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from parindex.common.exports import append_row
from parindex.org.models import Agency, Unit
from parindex.registers.models import Inspection, LegalDocument, Recommendation, today

LEGAL_COUNTS = (
    "planned",
    "submitted",
    "submitted_on_time",
    "submitted_late",
    "overdue",
    "not_due",
    "issued",
)
LEGAL_KEYS = (*LEGAL_COUNTS, "on_time_rate")
INSPECTION_COUNTS = ("planned", "planned_done", "unplanned_done", "conclusions_late")
REC_COUNTS = ("rec_due", "rec_done_on_time", "rec_done_late", "rec_overdue", "rec_open")
INSPECTION_KEYS = (*INSPECTION_COUNTS, "plan_rate", *REC_COUNTS, "rec_rate")


def default_as_of(year: int, on: dt.date | None = None) -> dt.date:
    """Today, or 31/12 of `year` when that is earlier."""
    on = on or today()
    return min(on, dt.date(year, 12, 31))


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _happened(day: dt.date | None, as_of: dt.date) -> bool:
    return day is not None and day <= as_of


# -- legal documents -----------------------------------------------------------------------


def legal_counts(rows: Iterable[Any], as_of: dt.date) -> dict[str, int]:
    """Counts of documents (objects with the LegalDocument date attributes) read at `as_of`.

    The caller passes the documents of one plan year; withdrawn on or before `as_of` count
    nowhere.
    """
    counts = dict.fromkeys(LEGAL_COUNTS, 0)
    for doc in rows:
        if _happened(doc.withdrawn_on, as_of):
            continue
        counts["planned"] += 1
        if _happened(doc.submitted_on, as_of):
            counts["submitted"] += 1
            if doc.submitted_on <= doc.submission_due:
                counts["submitted_on_time"] += 1
            else:
                counts["submitted_late"] += 1
        elif doc.submission_due < as_of:
            counts["overdue"] += 1
        else:
            counts["not_due"] += 1
        if _happened(doc.issued_on, as_of):
            counts["issued"] += 1
    return counts


def legal_row(counts: dict[str, int]) -> dict[str, Any]:
    row: dict[str, Any] = dict(counts)
    row["on_time_rate"] = _ratio(
        counts["submitted_on_time"], counts["submitted"] + counts["overdue"]
    )
    return row


def _group_rows(
    by_unit: dict[int, Any], units: dict[int, Unit], build: Any
) -> list[dict[str, Any]]:
    groups = []
    for unit_id, value in by_unit.items():
        unit = units[unit_id]
        row = build(value)
        if any(row[k] for k in row if isinstance(row[k], int) and not isinstance(row[k], bool)):
            groups.append({"key": unit.code, "label": unit.name, **row})
    groups.sort(key=lambda g: g["key"])
    return groups


def legal_figures(agency: Agency, year: int, as_of: dt.date | None = None) -> dict[str, Any]:
    """docs/formats.md: `legal_figures` — the documents of plan year `year`, by lead unit."""
    as_of = as_of or default_as_of(year)
    documents = list(LegalDocument.objects.filter(agency=agency, plan_year=year))
    by_unit: dict[int, list[LegalDocument]] = {}
    for doc in documents:
        by_unit.setdefault(doc.lead_unit_id, []).append(doc)
    units = Unit.objects.in_bulk(list(by_unit))
    return {
        "agency": agency.code,
        "year": year,
        "as_of": as_of.isoformat(),
        "total": legal_row(legal_counts(documents, as_of)),
        "groups": _group_rows(by_unit, units, lambda docs: legal_row(legal_counts(docs, as_of))),
    }


# -- inspections and recommendations ------------------------------------------------------


def inspection_counts(rows: Iterable[Any], as_of: dt.date) -> dict[str, int]:
    counts = dict.fromkeys(INSPECTION_COUNTS, 0)
    for ins in rows:
        concluded = _happened(ins.concluded_on, as_of)
        if ins.planned:
            counts["planned"] += 1
            if concluded:
                counts["planned_done"] += 1
        elif concluded:
            counts["unplanned_done"] += 1
        if ins.conclusion_due is not None:
            if concluded:
                if ins.concluded_on > ins.conclusion_due:
                    counts["conclusions_late"] += 1
            elif ins.conclusion_due < as_of:
                counts["conclusions_late"] += 1
    return counts


def recommendation_counts(rows: Iterable[Any], as_of: dt.date) -> dict[str, int]:
    counts = dict.fromkeys(REC_COUNTS, 0)
    for rec in rows:
        if rec.due_date <= as_of:
            counts["rec_due"] += 1
        if _happened(rec.done_on, as_of):
            if rec.done_on <= rec.due_date:
                counts["rec_done_on_time"] += 1
            else:
                counts["rec_done_late"] += 1
        elif rec.due_date < as_of:
            counts["rec_overdue"] += 1
        else:
            counts["rec_open"] += 1
    return counts


def inspection_row(inspection: dict[str, int], recs: dict[str, int]) -> dict[str, Any]:
    row: dict[str, Any] = dict(inspection)
    row["plan_rate"] = _ratio(inspection["planned_done"], inspection["planned"])
    row.update(recs)
    row["rec_rate"] = _ratio(
        recs["rec_done_on_time"],
        recs["rec_done_on_time"] + recs["rec_done_late"] + recs["rec_overdue"],
    )
    return row


def inspection_figures(agency: Agency, year: int, as_of: dt.date | None = None) -> dict[str, Any]:
    """docs/formats.md: `inspection_figures` — inspections of plan year `year` by the unit carrying
    them out, and recommendations whose deadline falls in `year` by their owner unit."""
    as_of = as_of or default_as_of(year)
    inspections = list(Inspection.objects.filter(agency=agency, plan_year=year))
    recs = list(Recommendation.objects.filter(agency=agency, due_date__year=year))
    by_unit: dict[int, tuple[list, list]] = {}
    for ins in inspections:
        by_unit.setdefault(ins.unit_id, ([], []))[0].append(ins)
    for rec in recs:
        by_unit.setdefault(rec.unit_id, ([], []))[1].append(rec)
    units = Unit.objects.in_bulk(list(by_unit))
    return {
        "agency": agency.code,
        "year": year,
        "as_of": as_of.isoformat(),
        "total": inspection_row(
            inspection_counts(inspections, as_of), recommendation_counts(recs, as_of)
        ),
        "groups": _group_rows(
            by_unit,
            units,
            lambda pair: inspection_row(
                inspection_counts(pair[0], as_of), recommendation_counts(pair[1], as_of)
            ),
        ),
    }


def figures_table(data: dict[str, Any], keys: tuple[str, ...]) -> list[list[Any]]:
    """Header then rows (total first, then each group) for the XLSX export."""
    rows: list[list[Any]] = [["key", "label", *keys]]
    rows.append(["total", "", *(data["total"][k] for k in keys)])
    for group in data["groups"]:
        rows.append([group["key"], group["label"], *(group[k] for k in keys)])
    return rows


def figures_xlsx(data: dict[str, Any], keys: tuple[str, ...]) -> bytes:
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="figures")
    for row in figures_table(data, keys):
        append_row(sheet, row)
    about = workbook.create_sheet(title="about")
    for key in ("agency", "year", "as_of"):
        append_row(about, [key, data[key]])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def report_figures(agency: Agency, year: int, as_of: dt.date) -> dict[str, Any]:
    """What the PAR implementation reports read (reports.sources.registers_figures).

    {"legal": legal_figures, "inspections": inspection_figures, "late_documents":
    [{"code", "title", "unit", "due"}], "overdue_recommendations": [{"code", "text", "unit",
    "due"}], "reviews": {"count", "verdicts": {verdict: n}}} — all read at `as_of`.
    """
    from parindex.registers.models import ReviewItem
    from parindex.registers.selectors import late_documents, overdue_recommendations

    verdicts: dict[str, int] = {}
    items = ReviewItem.objects.filter(
        review__agency=agency, review__done_on__year=year, review__done_on__lte=as_of
    )
    for verdict in items.values_list("verdict", flat=True):
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
    return {
        "legal": legal_figures(agency, year, as_of),
        "inspections": inspection_figures(agency, year, as_of),
        "late_documents": [
            {
                "code": d.code,
                "title": d.title,
                "unit": d.lead_unit.code,
                "due": d.submission_due.isoformat(),
            }
            for d in late_documents(agency, year, on=as_of)
        ],
        "overdue_recommendations": [
            {"code": r.code, "text": r.text, "unit": r.unit.code, "due": r.due_date.isoformat()}
            for r in overdue_recommendations(agency, on=as_of)
        ],
        "reviews": {
            "count": items.values("review").distinct().count(),
            "verdicts": verdicts,
        },
    }
