"""Demo plans, tasks and initiatives for the demo agency (SKHCN), for the current year.

The year's PAR plan and work programme (~80 tasks: done on time, done late, overdue, in
progress, not started, one cancelled), a 6-month review plan from its template, an inspection
schedule, and an initiative for every unit but one. Idempotent: a plan that exists is left as is.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from typing import Any

from parindex.org.models import Membership
from parindex.workplan import services
from parindex.workplan.choices import InitiativeStatus, PlanType, Recurrence, TaskStatus
from parindex.workplan.models import Initiative, Plan
from parindex.workplan.models import today as local_today

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _tasks(plan: str) -> list[dict[str, Any]]:
    """The demo tasks of one plan (`par` or `programme`) from fixtures/demo_tasks.csv: title
    (`{y}` = the year), lead unit, cooperating units (`;`), month due, expected output, criteria."""
    return [
        {**row, "month": int(row["month"])}
        for row in _rows("demo_tasks.csv")
        if row["plan"] == plan
    ]


RECURRING = [
    ("Báo cáo CCHC định kỳ hàng quý", "HCTH", Recurrence.QUARTERLY, 3, 15),
    ("Báo cáo tình hình giải quyết TTHC hàng tháng", "VP", Recurrence.MONTHLY, 1, 20),
    ("Báo cáo công tác thanh tra 6 tháng", "TTRA", Recurrence.HALF_YEARLY, 6, 10),
]


def _initiatives() -> dict[str, tuple[str, str, str, str]]:
    """unit code → (title, problem, solution, effect), from fixtures/demo_initiatives.csv."""
    return {
        r["unit"]: (r["title"], r["problem"], r["solution"], r["effect"])
        for r in _rows("demo_initiatives.csv")
    }


#: The unit left without an initiative, so the coverage warning shows.
WITHOUT_INITIATIVE = "TTUD"


def _staff(unit) -> list[Any]:
    rows = (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__username")
    )
    return [m.user for m in rows]


def _report(task, *, today: dt.date, rng: random.Random) -> None:
    """Give a task a realistic state for `today`."""
    if task.due_date < today:
        roll = rng.random()
        if roll < 0.66:
            done_at = task.due_date - dt.timedelta(days=rng.randint(0, 6))
            if task.start_date and done_at < task.start_date:
                done_at = task.start_date
            services.task_set_status(
                actor=None, task=task, status=TaskStatus.DONE, done_at=min(done_at, today)
            )
        elif roll < 0.86:
            done_at = task.due_date + dt.timedelta(days=rng.randint(2, 20))
            services.task_set_status(
                actor=None, task=task, status=TaskStatus.DONE, done_at=min(done_at, today)
            )
        else:
            services.task_set_status(
                actor=None,
                task=task,
                status=TaskStatus.IN_PROGRESS,
                progress=rng.choice([30, 60, 80]),
            )
    elif task.start_date and task.start_date <= today:
        services.task_set_status(
            actor=None,
            task=task,
            status=TaskStatus.IN_PROGRESS,
            progress=rng.choice([None, 20, 40, 70]),
        )


def _plan(ctx, code: str, **fields: Any) -> tuple[Plan, bool]:
    plan = Plan.objects.filter(agency=ctx.agency, code=code).first()
    if plan is not None:
        return plan, False
    return services.plan_create(actor=None, agency=ctx.agency, code=code, **fields), True


def _due(year: int, month: int, rng: random.Random) -> dt.date:
    return dt.date(year, month, rng.choice([10, 15, 20, 25, 28]))


def _task(
    ctx,
    plan: Plan,
    row: dict[str, Any],
    *,
    title: str,
    due: dt.date,
    lead_days: int,
    people: dict[str, list[Any]],
    **fields: Any,
):
    """A task of `plan` from a row of fixtures/demo_tasks.csv, due on `due` and started
    `lead_days` before, assigned to the last of the lead unit's staff."""
    units, lead = ctx.units, row["lead_unit"]
    return services.task_create(
        actor=None,
        plan=plan,
        title=title,
        lead_unit=units[lead],
        cooperating_units=[units[c] for c in row["cooperating_units"].split(";") if c],
        assignees=people[lead][-1:],
        start_date=due - dt.timedelta(days=lead_days),
        due_date=due,
        expected_output=row["expected_output"],
        **fields,
    )


def load(ctx) -> None:
    today = local_today()
    year = today.year
    rng = random.Random(year)  # noqa: S311 - demo data, not security
    units = ctx.units
    people = {code: _staff(unit) for code, unit in units.items()}

    par, created = _plan(
        ctx,
        f"KH-CCHC-{year}",
        plan_type=PlanType.PAR_ANNUAL,
        year=year,
        title=f"Kế hoạch cải cách hành chính năm {year}",
        doc_number="15/KH-SKHCN",
        doc_date=dt.date(year - 1, 12, 28),
        doc_summary=f"Kế hoạch cải cách hành chính năm {year} của Sở Khoa học và Công nghệ",
    )
    if created:
        for row in _tasks("par"):
            title, month = row["title"], row["month"]
            for half in (month,) if month > 6 or "{y}" in title else (month, month + 6):
                task = _task(
                    ctx,
                    par,
                    row,
                    title=title.format(y=year) + (" (đợt 2)" if half != month else ""),
                    due=_due(year, half, rng),
                    lead_days=45,
                    people=people,
                    criteria=row["criteria"],
                )
                _report(task, today=today, rng=rng)
        for title, lead, recurrence, month, day in RECURRING:
            first = services.task_create(
                actor=None,
                plan=par,
                title=title,
                lead_unit=units[lead],
                assignees=people[lead][-1:],
                due_date=dt.date(year, month, day),
                recurrence=recurrence,
                expected_output="Báo cáo định kỳ",
                criteria="1.2",
            )
            for task in [first, *first.occurrences.all()]:
                _report(task, today=today, rng=rng)
        ctx.say(f"  workplan: {par.code} with {par.tasks.count()} tasks")

    programme, created = _plan(
        ctx,
        f"CTCT-{year}",
        plan_type=PlanType.WORK_PROGRAMME,
        year=year,
        title=f"Chương trình công tác năm {year}",
        doc_number="03/CTr-SKHCN",
        doc_date=dt.date(year, 1, 8),
    )
    if created:
        for row in _tasks("programme"):
            task = _task(
                ctx,
                programme,
                row,
                title=row["title"].format(y=year),
                due=_due(year, row["month"], rng),
                lead_days=60,
                people=people,
            )
            _report(task, today=today, rng=rng)
        cancelled = programme.tasks.order_by("-due_date").first()
        services.task_set_status(
            actor=None,
            task=cancelled,
            status=TaskStatus.CANCELLED,
            note="Điều chỉnh theo chỉ đạo của UBND tỉnh",
        )
        ctx.say(f"  workplan: {programme.code} with {programme.tasks.count()} tasks")

    review, created = _plan(
        ctx,
        f"SK6T-{year}",
        plan_type=PlanType.HALF_YEAR_REVIEW,
        year=year,
        title=f"Sơ kết CCHC 6 tháng đầu năm {year}",
        doc_number="92/KH-SKHCN",
        doc_date=dt.date(year, 6, 2),
    )
    if created:
        for task in services.plan_apply_template(
            actor=None, plan=review, lead_unit=units["HCTH"], anchor=dt.date(year, 7, 10)
        ):
            _report(task, today=today, rng=rng)

    inspection, created = _plan(
        ctx,
        f"KT-CCHC-{year}",
        plan_type=PlanType.INSPECTION,
        year=year,
        title=f"Kế hoạch kiểm tra CCHC năm {year}",
        doc_number="20/KH-SKHCN",
        doc_date=dt.date(year, 2, 10),
    )
    if created:
        schedule = [
            (units["QLCN"], dt.date(year, 5, 20)),
            (units["TDC"], dt.date(year, 9, 16)),
            (units["TTUD"], dt.date(year, 12, 8)),
        ]
        for task in services.plan_apply_template(
            actor=None, plan=inspection, lead_unit=units["TTRA"], inspections=schedule
        ):
            _report(task, today=today, rng=rng)

    states = [
        InitiativeStatus.APPLIED,
        InitiativeStatus.RECOGNISED,
        InitiativeStatus.SUBMITTED,
        InitiativeStatus.IN_PROGRESS,
        InitiativeStatus.NOT_RECOGNISED,
        InitiativeStatus.REGISTERED,
    ]
    path = {
        InitiativeStatus.IN_PROGRESS: [InitiativeStatus.IN_PROGRESS],
        InitiativeStatus.SUBMITTED: [InitiativeStatus.IN_PROGRESS, InitiativeStatus.SUBMITTED],
        InitiativeStatus.RECOGNISED: [
            InitiativeStatus.IN_PROGRESS,
            InitiativeStatus.SUBMITTED,
            InitiativeStatus.RECOGNISED,
        ],
        InitiativeStatus.NOT_RECOGNISED: [
            InitiativeStatus.IN_PROGRESS,
            InitiativeStatus.SUBMITTED,
            InitiativeStatus.NOT_RECOGNISED,
        ],
        InitiativeStatus.APPLIED: [
            InitiativeStatus.IN_PROGRESS,
            InitiativeStatus.SUBMITTED,
            InitiativeStatus.RECOGNISED,
            InitiativeStatus.APPLIED,
        ],
        InitiativeStatus.REGISTERED: [],
    }
    for (code, (title, problem, solution, effect)), state in zip(
        _initiatives().items(), states, strict=False
    ):
        if (
            code == WITHOUT_INITIATIVE
            or Initiative.objects.filter(unit=units[code], year=year).exists()
        ):
            continue
        initiative = services.initiative_register(
            actor=None,
            unit=units[code],
            year=year,
            title=title,
            problem=problem,
            solution=solution,
            expected_effect=effect,
            owner=(people[code] or [None])[0],
            start_date=dt.date(year, 3, 1),
            end_date=dt.date(year, 10, 31),
        )
        for step in path[state]:
            good = step != InitiativeStatus.NOT_RECOGNISED
            services.initiative_transition(
                actor=None,
                initiative=initiative,
                to=step,
                board_notes=(
                    "Có tính mới, hiệu quả; đề nghị nhân rộng."
                    if good
                    else "Chưa chứng minh được hiệu quả."
                )
                if step in (InitiativeStatus.RECOGNISED, InitiativeStatus.NOT_RECOGNISED)
                else "",
                board_score=(88 if good else 45)
                if step in (InitiativeStatus.RECOGNISED, InitiativeStatus.NOT_RECOGNISED)
                else None,
            )

    ctx.extra["workplan"] = {
        "year": year,
        "par_plan": par,
        "work_programme": programme,
        "review_plan": review,
        "inspection_plan": inspection,
        "unit_without_initiative": units[WITHOUT_INITIATIVE],
    }
