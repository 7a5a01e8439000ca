"""The agency board, the month calendar, the timeline and the reminder digest."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parindex.common.listing import Column, export_response
from parindex.common.numbers import screen_percent
from parindex.common.periods import year_param
from parindex.org import access
from parindex.org.models import Agency
from parindex.org.selectors import default_agency_for_user
from parindex.workplan import selectors
from parindex.workplan.models import Plan
from parindex.workplan.models import today as local_today


def rate_text(value: float | None) -> str:
    """A rate as percent text in the reader's notation (38,5 % / 38.5 %), "—" when none."""
    return screen_percent(value)


BOARD_COLUMNS = (
    Column(gettext_lazy("Unit"), "unit.code"),
    Column(gettext_lazy("Unit name"), "unit.name"),
    Column(gettext_lazy("On track"), "on_track", numeric=True),
    Column(gettext_lazy("Due within 5 working days"), "due_soon", numeric=True),
    Column(gettext_lazy("Overdue"), "overdue", numeric=True),
    Column(gettext_lazy("Done on time"), "done_on_time", numeric=True),
    Column(gettext_lazy("Done late"), "done_late", numeric=True),
    Column(gettext_lazy("Total"), "total", numeric=True),
    Column(gettext_lazy("On-time rate"), lambda r: rate_text(r.on_time_rate), numeric=True),
)


def _agency(request: HttpRequest) -> Agency:
    agencies = Agency.objects.restrict(request.user)
    code = request.GET.get("agency")
    agency = agencies.filter(code=code).first() if code else default_agency_for_user(request.user)
    if agency is None:
        raise Http404
    return agency


def _year(request: HttpRequest) -> int:
    return year_param(request.GET.get("year"), local_today().year)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """My tasks; the board for the secretariat, leaders and viewers."""
    if access.reads_agency_boards(request.user):
        return redirect("workplan:board")
    return redirect("workplan:my_tasks")


@login_required
def board(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    year = _year(request)
    plans = Plan.objects.restrict(request.user).filter(agency=agency, year=year)
    plan = (
        plans.filter(pk=request.GET.get("plan")).first()
        if (request.GET.get("plan") or "").isdigit()
        else None
    )
    rows = selectors.board(request.user, agency, year=year, plan=plan)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        return export_response(BOARD_COLUMNS, rows, fmt, f"board-{agency.code}-{year}")
    totals = selectors.BoardRow(unit=None)
    for row in rows:
        for key in ("on_track", "due_soon", "overdue", "done_on_time", "done_late"):
            setattr(totals, key, getattr(totals, key) + getattr(row, key))
    coverage = selectors.initiative_coverage(agency, year)
    return render(
        request,
        "workplan/board.html",
        {
            "title": _("Task board"),
            "agency": agency,
            "year": year,
            "plans": plans,
            "plan": plan,
            "rows": rows,
            "totals": totals,
            "coverage": coverage,
            "agencies": Agency.objects.restrict(request.user),
            "rate": rate_text(selectors.on_time_rate(agency, None, year, plan=plan)),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def calendar_view(request: HttpRequest) -> HttpResponse:
    today = local_today()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    mine = request.GET.get("mine") == "1"
    days = selectors.calendar_tasks(request.user, first.year, first.month, mine=mine)
    weeks = [
        [(day, days.get(day, [])) for day in week]
        for week in selectors.month_weeks(first.year, first.month)
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "workplan/calendar.html",
        {
            "title": _("Calendar"),
            "first": first,
            "weeks": weeks,
            "today": today,
            "mine": mine,
            "previous": f"{previous:%Y-%m}",
            "next": f"{following:%Y-%m}",
        },
    )


@login_required
def timeline(request: HttpRequest) -> HttpResponse:
    """Gantt-like bars per unit: each task from its start (or 14 days before due) to its due."""
    year = _year(request)
    plan = None
    if (request.GET.get("plan") or "").isdigit():
        plan = Plan.objects.restrict(request.user).filter(pk=request.GET["plan"]).first()
    groups = selectors.timeline_rows(request.user, year, plan=plan)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    span = (end - start).days + 1
    width, label_w, row_h = 900, 300, 17
    today = local_today()

    def x(day: dt.date) -> float:
        day = min(max(day, start), end + dt.timedelta(days=1))
        return round(label_w + (day - start).days / span * width, 1)

    rows, y = [], 24
    for unit, tasks in groups:
        label_y = y + 10
        y += 14
        bars = []
        for task in tasks:
            begin = task.start_date or (task.due_date - dt.timedelta(days=14))
            x0, x1 = x(begin), x(task.due_date + dt.timedelta(days=1))
            bars.append(
                {
                    "task": task,
                    "x": x0,
                    "w": max(x1 - x0, 3),
                    "y": y,
                    "state": _bar_state(task, today),
                }
            )
            y += row_h
        rows.append({"unit": unit, "bars": bars, "label_y": label_y})
        y += 8
    months = [{"x": x(dt.date(year, m, 1)), "label": f"{m:02d}"} for m in range(1, 13)]
    return render(
        request,
        "workplan/timeline.html",
        {
            "title": _("Timeline"),
            "year": year,
            "rows": rows,
            "months": months,
            "height": y + 4,
            "width": width + label_w,
            "today_x": x(today) if start <= today <= end else None,
            "plan": plan,
            "plans": Plan.objects.restrict(request.user).filter(year=year),
        },
    )


def _bar_state(task, today: dt.date) -> str:
    if task.status == "done":
        return "late" if task.finished_late else "done"
    if task.is_overdue(today):
        return "overdue"
    if task.is_due_soon(today):
        return "soon"
    return "open"


@login_required
def digest(request: HttpRequest) -> HttpResponse:
    """The reminder digest as e-mailed by send_reminders, in the app."""
    try:
        days = min(max(int(request.GET.get("days", selectors.DUE_SOON_DAYS)), 0), 60)
    except ValueError:
        days = selectors.DUE_SOON_DAYS
    return render(
        request,
        "workplan/digest.html",
        {
            "title": _("My reminders"),
            "digest": selectors.digest_for(request.user, days=days),
        },
    )
