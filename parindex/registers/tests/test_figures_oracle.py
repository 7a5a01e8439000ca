"""Both figure commands recomputed independently, in plain Python, on random registers."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from parindex.registers.choices import InspectionKind
from parindex.registers.models import Inspection, LegalDocument, Recommendation
from parindex.registers.tests.conftest import figures

YEAR = 2026


def some_day(rng: random.Random, empty: float = 0.3) -> dt.date | None:
    if rng.random() < empty:
        return None
    return dt.date(YEAR - 1, 11, 1) + dt.timedelta(days=rng.randrange(0, 500))


def rate(numerator: int, denominator: int):
    return None if denominator == 0 else numerator / denominator


def oracle_legal(docs: list[dict], as_of: dt.date) -> dict:
    """docs/formats.md §7 read literally, one document at a time."""

    def seen(day):
        return day is not None and day <= as_of

    def counts(rows):
        live = [d for d in rows if d["year"] == YEAR and not seen(d["withdrawn"])]
        submitted = [d for d in live if seen(d["submitted"])]
        unsubmitted = [d for d in live if not seen(d["submitted"])]
        result = {
            "planned": len(live),
            "submitted": len(submitted),
            "submitted_on_time": sum(d["submitted"] <= d["due"] for d in submitted),
            "submitted_late": sum(d["submitted"] > d["due"] for d in submitted),
            "overdue": sum(d["due"] < as_of for d in unsubmitted),
            "not_due": sum(d["due"] >= as_of for d in unsubmitted),
            "issued": sum(seen(d["issued"]) for d in live),
        }
        result["on_time_rate"] = rate(
            result["submitted_on_time"], result["submitted"] + result["overdue"]
        )
        return result

    groups = []
    for unit in sorted({d["unit"] for d in docs}):
        row = counts([d for d in docs if d["unit"] == unit])
        if row["planned"]:
            groups.append({"key": unit, **row})
    return {"total": counts(docs), "groups": groups}


def oracle_inspections(inspections: list[dict], recs: list[dict], as_of: dt.date) -> dict:
    """docs/formats.md §8 read literally."""

    def seen(day):
        return day is not None and day <= as_of

    def counts(ins_rows, rec_rows):
        ins_rows = [i for i in ins_rows if i["year"] == YEAR]
        rec_rows = [r for r in rec_rows if r["due"].year == YEAR]
        planned = [i for i in ins_rows if i["planned"]]
        result = {
            "planned": len(planned),
            "planned_done": sum(seen(i["concluded"]) for i in planned),
            "unplanned_done": sum(seen(i["concluded"]) for i in ins_rows if not i["planned"]),
            "conclusions_late": sum(
                1
                for i in ins_rows
                if i["conclusion_due"] is not None
                and (
                    (seen(i["concluded"]) and i["concluded"] > i["conclusion_due"])
                    or (not seen(i["concluded"]) and i["conclusion_due"] < as_of)
                )
            ),
        }
        result["plan_rate"] = rate(result["planned_done"], result["planned"])
        result["rec_due"] = sum(r["due"] <= as_of for r in rec_rows)
        result["rec_done_on_time"] = sum(
            seen(r["done"]) and r["done"] <= r["due"] for r in rec_rows
        )
        result["rec_done_late"] = sum(seen(r["done"]) and r["done"] > r["due"] for r in rec_rows)
        result["rec_overdue"] = sum(not seen(r["done"]) and r["due"] < as_of for r in rec_rows)
        result["rec_open"] = sum(not seen(r["done"]) and r["due"] >= as_of for r in rec_rows)
        result["rec_rate"] = rate(
            result["rec_done_on_time"],
            result["rec_done_on_time"] + result["rec_done_late"] + result["rec_overdue"],
        )
        return result

    groups = []
    for unit in sorted({i["unit"] for i in inspections} | {r["unit"] for r in recs}):
        row = counts(
            [i for i in inspections if i["unit"] == unit], [r for r in recs if r["unit"] == unit]
        )
        if any(v for k, v in row.items() if not k.endswith("rate")):
            groups.append({"key": unit, **row})
    return {"total": counts(inspections, recs), "groups": groups}


def without_labels(data: dict) -> dict:
    return {
        "total": data["total"],
        "groups": [{k: v for k, v in g.items() if k != "label"} for g in data["groups"]],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_match_an_independent_recomputation_on_random_registers(org, seed):
    rng = random.Random(seed)
    units = [org.unit_a, org.unit_b, org.secretariat_unit]
    docs, inspections, recs = [], [], []
    for n in range(60):
        due = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
        sent = some_day(rng)
        submitted = some_day(rng, 0.4)
        if submitted and sent and submitted < sent:
            sent, submitted = submitted, sent
        issued = some_day(rng, 0.5)
        if issued and submitted and issued < submitted:
            issued = submitted + dt.timedelta(days=rng.randrange(0, 20))
        doc = {
            "unit": rng.choice(units).code,
            "year": rng.choice([YEAR, YEAR, YEAR, YEAR - 1]),
            "due": due,
            "sent": sent,
            "submitted": submitted,
            "issued": issued,
            "withdrawn": some_day(rng, 0.85),
        }
        docs.append(doc)
        LegalDocument.objects.create(
            agency=org.agency,
            code=f"D{n}",
            title="x",
            lead_unit=next(u for u in units if u.code == doc["unit"]),
            plan_year=doc["year"],
            submission_due=due,
            sent_for_appraisal=sent,
            submitted_on=submitted,
            issued_on=issued,
            withdrawn_on=doc["withdrawn"],
        )
    for n in range(50):
        row = {
            "unit": rng.choice(units).code,
            "year": rng.choice([YEAR, YEAR, YEAR - 1]),
            "planned": rng.random() < 0.7,
            "conclusion_due": some_day(rng, 0.2),
            "concluded": some_day(rng, 0.4),
        }
        inspections.append(row)
        Inspection.objects.create(
            agency=org.agency,
            code=f"I{n}",
            subject="x",
            kind=rng.choice(InspectionKind.values),
            plan_year=row["year"],
            planned=row["planned"],
            unit=next(u for u in units if u.code == row["unit"]),
            conclusion_due=row["conclusion_due"],
            concluded_on=row["concluded"],
        )
    for n in range(80):
        row = {
            "unit": rng.choice(units).code,
            "due": some_day(rng, 0.0),
            "done": some_day(rng, 0.4),
        }
        recs.append(row)
        Recommendation.objects.create(
            agency=org.agency,
            code=f"R{n}",
            text="x",
            unit=next(u for u in units if u.code == row["unit"]),
            due_date=row["due"],
            done_on=row["done"],
        )
    for as_of in (dt.date(YEAR, 3, 31), dt.date(YEAR, 7, 15), dt.date(YEAR, 12, 31)):
        day = as_of.isoformat()
        legal = figures(
            "legal_figures",
            "--agency",
            "SKHCN",
            "--year",
            str(YEAR),
            "--as-of",
            day,
            "--format",
            "json",
        )
        assert legal["as_of"] == day
        assert without_labels(legal) == oracle_legal(docs, as_of)
        got = figures(
            "inspection_figures",
            "--agency",
            "SKHCN",
            "--year",
            str(YEAR),
            "--as-of",
            day,
            "--format",
            "json",
        )
        assert without_labels(got) == oracle_inspections(inspections, recs, as_of)
