"""Demo: a Department of Science and Technology's procedure catalogue and ~20 000 dossiers.

Dossiers cover the 18 months up to today with the usual patterns: most resolved early or on
time, some late (a few from repeated supplement requests), some withdrawn, some still pending
and a few overdue; about 40 % received online, and some procedures offered online unused.
Idempotent: the catalogue is upserted, dossiers are created only when the agency has none.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from parindex.common.workdays import TZ
from parindex.dossiers.choices import (
    END_BY_RESULT,
    Channel,
    LimitUnit,
    OnlineLevel,
    OnlinePayment,
    Status,
)
from parindex.dossiers.models import CalendarDay, Dossier, Procedure
from parindex.dossiers.rules import derived_fields
from parindex.dossiers.selectors import work_calendar
from parindex.dossiers.services.counts import dossiers_counted

#: The catalogue: one row per procedure with its time limit, online level and fee, how much of
#: the demo's volume it takes (``volume_weight``), how much of that comes online at the end of
#: the period (``online_use``), and its publication (decision, date, and when its legal basis
#: took effect: three procedures were published late).
PROCEDURES_FILE = Path(__file__).parent / "fixtures" / "demo_procedures.csv"


@dataclass(frozen=True)
class DemoProcedure:
    code: str
    name: str
    field: str
    unit: str
    time_limit: Decimal
    limit_unit: LimitUnit
    online_level: OnlineLevel
    fee: int
    volume_weight: float
    online_use: float
    decision: str
    published_on: dt.date
    basis_effective_on: dt.date


def demo_procedures() -> list[DemoProcedure]:
    with PROCEDURES_FILE.open(encoding="utf-8", newline="") as source:
        return [
            DemoProcedure(
                code=row["code"],
                name=row["name"],
                field=row["field"],
                unit=row["unit"],
                time_limit=Decimal(row["time_limit"]),
                limit_unit=LimitUnit(row["limit_unit"]),
                online_level=OnlineLevel(row["online_level"]),
                fee=int(row["fee"]),
                volume_weight=float(row["volume_weight"]),
                online_use=float(row["online_use"]),
                decision=row["decision"],
                published_on=dt.date.fromisoformat(row["published_on"]),
                basis_effective_on=dt.date.fromisoformat(row["basis_effective_on"]),
            )
            for row in csv.DictReader(source)
        ]


DOSSIER_COUNT = 20_000
MONTHS = 18


def _office_moment(rng: random.Random, day: dt.date) -> dt.datetime:
    minutes = rng.choice(
        (rng.randint(7 * 60, 11 * 60 + 29), rng.randint(13 * 60 + 30, 16 * 60 + 59))
    )
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=TZ)


def load(ctx: Any) -> None:
    agency = ctx.agency
    # The 2026 notice: swap Monday 31/08 with Saturday 22/08 (docs/domain.md §2).
    CalendarDay.objects.get_or_create(
        day=dt.date(2026, 8, 31),
        defaults={"working": False, "note": "Nghỉ hoán đổi (làm bù thứ Bảy 22/8)"},
    )
    CalendarDay.objects.get_or_create(
        day=dt.date(2026, 8, 22), defaults={"working": True, "note": "Làm bù cho thứ Hai 31/8"}
    )
    existing = {p.code: p for p in Procedure.objects.filter(agency=agency)}
    specs = demo_procedures()
    new = []
    for spec in specs:
        if spec.code not in existing:
            new.append(
                Procedure(
                    agency=agency,
                    code=spec.code,
                    name=spec.name,
                    field=spec.field,
                    unit=ctx.units.get(spec.unit),
                    time_limit=spec.time_limit,
                    limit_unit=spec.limit_unit,
                    online_level=spec.online_level,
                    fee=spec.fee,
                    decision=spec.decision,
                    published_on=spec.published_on,
                    basis_effective_on=spec.basis_effective_on,
                )
            )
    Procedure.objects.bulk_create(new)
    procedures = {p.code: p for p in Procedure.objects.filter(agency=agency)}
    ctx.extra["procedures"] = procedures
    if Dossier.objects.filter(agency=agency).exists():
        ctx.say("Dossiers: already present, left as they are.")
        return
    _dossiers(ctx, procedures, specs)


def _dossiers(ctx: Any, procedures: dict[str, Procedure], specs: list[DemoProcedure]) -> None:
    rng = random.Random(20260301)  # noqa: S311 - reproducible demo data, not secrets
    calendar = work_calendar()
    now = timezone.now()
    today = timezone.localdate()
    start = (today.replace(day=1) - dt.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    days = [start + dt.timedelta(days=i) for i in range((today - start).days + 1)]
    work_days = [d for d in days if calendar.is_working_day(d)]
    weights = [s.volume_weight for s in specs]
    counters: dict[dt.date, int] = {}
    rows = []
    for _i in range(DOSSIER_COUNT):
        spec = rng.choices(specs, weights)[0]
        procedure = procedures[spec.code]
        # Volume grows a little over time; online use grows faster (the push for 50 %).
        day = work_days[int(len(work_days) * (rng.random() ** 0.85))]
        progress = (day - start).days / max((today - start).days, 1)
        received = _office_moment(rng, day)
        if received > now:
            received = now - dt.timedelta(minutes=rng.randint(5, 600))
        online_use = 0.0
        if spec.online_level != OnlineLevel.NONE:
            online_use = spec.online_use * (0.55 + 0.4 * progress)
        roll = rng.random()
        channel = Channel.DIRECT
        if roll < online_use:
            channel = Channel.ONLINE
        elif roll > 0.93:
            channel = Channel.POSTAL
        due = calendar.due_at(received, int(procedure.time_limit), procedure.limit_unit)
        supplements = 0 if rng.random() > 0.12 else rng.choice((1, 1, 1, 2))
        status, finished, returned = Status.PROCESSING, None, None
        fate = rng.random()
        if fate < 0.015:
            status = Status.NEW  # registered online, never received
        elif fate < 0.025:
            status = Status.REFUSED  # refused at reception
            finished = received + dt.timedelta(hours=2)
        elif fate < 0.04:
            status = Status.WITHDRAWN  # only a result date
            returned = received + dt.timedelta(days=rng.randint(1, 6), hours=1)
        else:
            late = rng.random() < (0.09 if spec.time_limit >= 10 else 0.04)
            total = due - received
            if late:
                finished = due + dt.timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 5))
            else:
                finished = received + total * rng.uniform(0.25, 1.0)
            if finished > now or (rng.random() < 0.02 and due < now):
                # Still pending (a few forgotten: overdue).
                status = Status.SUPPLEMENT if supplements else Status.PROCESSING
                finished = None
            else:
                status = Status.RETURNED if rng.random() < 0.8 else Status.DONE
                if status == Status.RETURNED:
                    returned = finished + dt.timedelta(hours=rng.randint(1, 48))
                    returned = min(returned, now)
        payment = OnlinePayment.NO
        if channel == Channel.ONLINE and procedure.fee and rng.random() < 0.6:
            payment = OnlinePayment.YES
        counters[day] = counters.get(day, 0) + 1
        code = f"H48.31-{day:%y%m%d}-{counters[day]:04d}"
        ended = finished if finished is not None or status not in END_BY_RESULT else returned
        rows.append(
            Dossier(
                agency=ctx.agency,
                code=code,
                procedure=procedure,
                unit=procedure.unit,
                channel=channel,
                received_at=received,
                due_at=due,
                finished_at=finished,
                returned_at=returned,
                status=status,
                supplement_count=supplements,
                online_payment=payment,
                ended_at=ended,
                **derived_fields(
                    received_at=received,
                    due_at=due,
                    ended_at=ended,
                    status=status,
                    supplement_count=supplements,
                ),
            )
        )
    Dossier.objects.bulk_create(rows, batch_size=2000)
    if rows:
        dossiers_counted(rows[0].agency_id, rows)
    ctx.say(f"Dossiers: {len(rows)} created over {MONTHS} months.")
