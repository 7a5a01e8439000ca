"""Demo registers for the demo agency (SKHCN), for the current year.

A drafting plan of six legal documents (submitted on time, late, overdue, not due, one
withdrawn), a review with its verdicts, ten inspections (the inspectorate's plan, an unplanned
one and the PAR checks of four units) and about thirty recommendations from every source, some
done on time, some late, some overdue. Each recommendation comes with its task. Idempotent:
records that exist are left as they are. Dates after today are left empty.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from parindex.registers.choices import InspectionKind, RecommendationSource, ReviewKind, Verdict
from parindex.registers.models import Inspection, LegalDocument, Recommendation, Review, today
from parindex.registers.services import (
    document_create,
    inspection_create,
    recommendation_create,
    review_create,
)

#: The records, by register: the drafting plan's documents, the inspections, the
#: recommendations of the inspections, of other sources (with the criterion they weigh on) and of
#: the review. Days are month-day of the current year.
DATA_FILE = Path(__file__).parent / "fixtures" / "demo_registers.json"


def _day(year: int, month_day: str | None, on: dt.date) -> dt.date | None:
    """The date of "MM-DD" in `year`, or None when missing or still in the future."""
    if month_day is None:
        return None
    day = _date(year, month_day)
    return day if day <= on else None


def _date(year: int, month_day: str) -> dt.date:
    month, day = month_day.split("-")
    return dt.date(year, int(month), int(day))


def _recommend(ctx: Any, on: dt.date, code: str, row: dict[str, Any], **fields: Any) -> None:
    """The recommendation `code` from a row of the data file (its text, unit, due and done
    days), unless it exists."""
    agency = ctx.agency
    if Recommendation.objects.filter(agency=agency, code=code).exists():
        return
    recommendation_create(
        actor=None,
        agency=agency,
        code=code,
        text=row["text"],
        unit=ctx.units[row["unit"]],
        due_date=_date(on.year, row["due"]),
        done_on=_day(on.year, row["done"], on),
        **fields,
    )


def load(ctx: Any) -> None:
    agency, units = ctx.agency, ctx.units
    on = today()
    year = on.year
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for row in data["documents"]:
        if LegalDocument.objects.filter(agency=agency, code=row["code"]).exists():
            continue
        issued_on = _day(year, row["issued"], on)
        document_create(
            actor=None,
            agency=agency,
            code=row["code"],
            title=row["title"],
            form="Quyết định",
            lead_unit=units[row["unit"]],
            plan_year=year,
            submission_due=_date(year, row["due"]),
            sent_for_appraisal=_day(year, row["sent"], on),
            submitted_on=_day(year, row["submitted"], on),
            issued_on=issued_on,
            number=row["number"].format(y=year) if issued_on else "",
            withdrawn_on=_day(year, row["withdrawn"], on),
        )
    review_day = _day(year, "03-15", on) or dt.date(year, 1, 15)
    review = Review.objects.filter(agency=agency, code=f"RS-{year}").first()
    if review is None:
        first = LegalDocument.objects.filter(
            agency=agency, code="DT-01", issued_on__isnull=False
        ).first()
        items = [
            {
                "document_label": f"15/{year - 3}/QĐ-UBND",
                "verdict": Verdict.AMEND,
                "note": "Luật Khoa học, công nghệ và đổi mới sáng tạo thay đổi",
            },
            {
                "document_label": f"20/{year - 5}/QĐ-UBND",
                "verdict": Verdict.REPEAL,
                "note": "Phí đã bãi bỏ",
            },
            {
                "document_label": f"07/{year - 4}/QĐ-UBND",
                "verdict": Verdict.REPLACE,
                "note": "Quy chuẩn mới",
            },
            {"document_label": f"11/{year - 2}/QĐ-UBND", "verdict": Verdict.VALID},
        ]
        if first is not None:
            items.append({"document": first, "verdict": Verdict.VALID})
        review = review_create(
            actor=None,
            agency=agency,
            code=f"RS-{year}",
            title=f"Rà soát văn bản QPPL do Sở tham mưu ban hành năm {year}",
            kind=ReviewKind.REVIEW,
            unit=units["QLCN"],
            done_on=review_day,
            basis="Luật Khoa học, công nghệ và đổi mới sáng tạo",
            items=items,
        )
    for row in data["inspections"]:
        code, kind, target = row["code"], InspectionKind(row["kind"]), row["target"]
        if Inspection.objects.filter(agency=agency, code=code).exists():
            continue
        decision_on = _day(year, row["decision"], on)
        inspection_create(
            actor=None,
            agency=agency,
            code=code,
            subject=row["subject"],
            kind=kind,
            plan_year=year,
            planned=row["planned"],
            unit=units[row["unit"]],
            target=units[target].name if target in units else target,
            target_unit=units.get(target) if kind == InspectionKind.PAR_CHECK else None,
            decision_on=decision_on,
            decision_number=f"{row['decision'][:2]}/QĐ-TTr" if decision_on else "",
            conclusion_due=_date(year, row["due"]),
            concluded_on=_day(year, row["concluded"], on) if decision_on else None,
        )
    inspections = {i.code: i for i in Inspection.objects.filter(agency=agency)}
    numbers: dict[str, int] = {}
    for row in data["from_inspections"]:
        inspection = inspections[row["inspection"]]
        numbers[inspection.code] = numbers.get(inspection.code, 0) + 1
        if inspection.concluded_on is not None:
            code = f"{inspection.code}-KN{numbers[inspection.code]}"
            _recommend(ctx, on, code, row, inspection=inspection, amount=row["amount"])
    for n, row in enumerate(data["other_sources"], 1):
        _recommend(
            ctx,
            on,
            f"KN-{year}-{n:03d}",
            row,
            source=RecommendationSource(row["source"]),
            source_reference=row["reference"],
            criterion=row["criterion"],
        )
    for n, row in enumerate(data["from_review"], 1):
        _recommend(ctx, on, f"RS-{year}-KN{n}", row, review=review)
    ctx.say(
        f"registers: {LegalDocument.objects.filter(agency=agency).count()} legal documents, "
        f"{Inspection.objects.filter(agency=agency).count()} inspections, "
        f"{Recommendation.objects.filter(agency=agency).count()} recommendations\n"
    )
