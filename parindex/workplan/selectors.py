"""Reads of the work plan, within the viewer's scope, and the figures other modules read.

Derived states, all against `on` (today, local time, unless given):
- overdue: status not started / in progress / paused and due_date < on (due today is not late);
- due soon (within N working days, default 5, by the national calendar): such a task with
  on ≤ due_date ≤ the N-th working day after on;
- done on time: done with done_at ≤ due_date; done late: done_at > due_date;
- cancelled tasks are left out of every count, total and rate.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from parindex.dossiers.selectors import working_days_ahead
from parindex.org import access
from parindex.org.access import Action, get_object_for_user
from parindex.org.models import Agency, Membership, Unit, User
from parindex.workplan.choices import DEFAULT_PROGRESS, OPEN_STATUSES, InitiativeStatus, TaskStatus
from parindex.workplan.models import (
    Initiative,
    InitiativeExemption,
    Plan,
    Task,
)
from parindex.workplan.models import today as local_today

#: "Due soon" looks this many working days ahead (a working week), by the national calendar.
DUE_SOON_DAYS = 5


# Filters on task querysets -----------------------------------------------------------------


def overdue_q(on: dt.date) -> Q:
    return Q(status__in=OPEN_STATUSES, due_date__lt=on)


def due_soon_q(on: dt.date, days: int = DUE_SOON_DAYS) -> Q:
    horizon = working_days_ahead(on, days)
    return Q(status__in=OPEN_STATUSES, due_date__gte=on, due_date__lte=horizon)


def on_track_q(on: dt.date, days: int = DUE_SOON_DAYS) -> Q:
    return Q(status__in=OPEN_STATUSES, due_date__gt=working_days_ahead(on, days))


def done_on_time_q() -> Q:
    return Q(status=TaskStatus.DONE, done_at__lte=F("due_date"))


def done_late_q() -> Q:
    return Q(status=TaskStatus.DONE, done_at__gt=F("due_date"))


# Lists --------------------------------------------------------------------------------------


def tasks_for_user(user: Any, action: str = Action.VIEW) -> QuerySet[Task]:
    """The tasks the user may see (or change), with what lists show."""
    return (
        Task.objects.restrict(user, action)
        .select_related("plan", "lead_unit", "agency")
        .prefetch_related(
            Prefetch("assignees", queryset=User.objects.only("id", "username", "full_name")),
            "cooperating_units",
        )
        .order_by("due_date", "id")
    )


def my_tasks(user: Any) -> QuerySet[Task]:
    """Tasks the user is assigned to."""
    return tasks_for_user(user).filter(
        pk__in=Task.assignees.through.objects.filter(user_id=user.pk).values("task_id")
    )


def unit_tasks(user: Any) -> QuerySet[Task]:
    """Tasks led by, or cooperated on by, the units the user belongs to."""
    units = access.member_unit_ids(user)
    cooperating = Task.cooperating_units.through.objects.filter(unit_id__in=units)
    return tasks_for_user(user).filter(
        Q(lead_unit__in=units) | Q(pk__in=cooperating.values("task_id"))
    )


def plans_for_user(user: Any, action: str = Action.VIEW) -> QuerySet[Plan]:
    return (
        Plan.objects.restrict(user, action)
        .select_related("agency")
        .annotate(
            task_count=Count("tasks", filter=~Q(tasks__status=TaskStatus.CANCELLED)),
            done_count=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE)),
        )
        .order_by("-year", "plan_type", "code")
    )


def get_plan_for_user(user: Any, pk: int, *, write: bool = False) -> Plan:
    return get_object_for_user(Plan.objects.select_related("agency"), user, write=write, pk=pk)


def get_task_for_user(user: Any, pk: int, *, write: bool = False) -> Task:
    return get_object_for_user(
        Task.objects.select_related(
            "plan", "agency", "lead_unit", "assigner", "inspected_unit", "series"
        ),
        user,
        write=write,
        pk=pk,
    )


def initiatives_for_user(user: Any) -> QuerySet[Initiative]:
    return Initiative.objects.restrict(user).select_related("unit", "owner", "agency")


def get_initiative_for_user(user: Any, pk: int, *, write: bool = False) -> Initiative:
    return get_object_for_user(
        Initiative.objects.select_related("unit", "owner", "agency"), user, write=write, pk=pk
    )


# Figures ------------------------------------------------------------------------------------


def completion(tasks: Iterable[Task]) -> int | None:
    """Completion % of a set of tasks: the mean progress of those not cancelled (None if none)."""
    values = [t.progress for t in tasks if t.status != TaskStatus.CANCELLED]
    if not values:
        return None
    return round(sum(values) / len(values))


def plan_completion(plan: Plan) -> int | None:
    rows = plan.tasks.exclude(status=TaskStatus.CANCELLED).values_list("status", "manual_progress")
    values = [
        manual
        if manual is not None and status in (TaskStatus.IN_PROGRESS, TaskStatus.PAUSED)
        else DEFAULT_PROGRESS[TaskStatus(status)]
        for status, manual in rows
    ]
    return round(sum(values) / len(values)) if values else None


def _period_bounds(period: Any) -> tuple[dt.date, dt.date]:
    if isinstance(period, int):
        return dt.date(period, 1, 1), dt.date(period, 12, 31)
    if isinstance(period, tuple | list) and len(period) == 2:
        return period[0], period[1]
    if hasattr(period, "start") and hasattr(period, "end"):
        return period.start, period.end
    raise TypeError("period is a year, a (from, to) pair of dates or an object with start/end")


def on_time_rate(
    agency: Agency,
    unit: Unit | None,
    period: Any,
    *,
    plan: Plan | None = None,
    on: dt.date | None = None,
) -> float | None:
    """The on-time completion rate of an agency's tasks (or one unit's, or one plan's).

    Counted: the tasks of `agency` whose due date lies in `period` (a year, or a pair of dates
    `(from, to)`, both included), led by `unit` when one is given, in `plan` when one is given,
    and not cancelled. Among them:

    - numerator: tasks done on or before their due date (done_at ≤ due_date);
    - denominator: tasks done (on time or late) plus tasks still open whose due date has
      passed (due_date < `on`, today by default). Open tasks not yet due are left out: they
      can still be done on time.

    Returns the fraction 0..1 (a float), or None when the denominator is 0.
    """
    numerator, denominator = on_time_counts(agency, unit, period, plan=plan, on=on)
    if denominator == 0:
        return None
    return numerator / denominator


def on_time_counts(
    agency: Agency,
    unit: Unit | None,
    period: Any,
    *,
    plan: Plan | None = None,
    on: dt.date | None = None,
) -> tuple[int, int]:
    """The numerator and denominator of :func:`on_time_rate` (same definitions)."""
    start, end = _period_bounds(period)
    on = on or local_today()
    tasks = Task.objects.filter(agency=agency, due_date__gte=start, due_date__lte=end).exclude(
        status=TaskStatus.CANCELLED
    )
    if unit is not None:
        tasks = tasks.filter(lead_unit=unit)
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    counts = tasks.aggregate(
        on_time=Count("pk", filter=done_on_time_q()),
        done=Count("pk", filter=Q(status=TaskStatus.DONE)),
        overdue=Count("pk", filter=overdue_q(on)),
    )
    return counts["on_time"], counts["done"] + counts["overdue"]


@dataclass
class Coverage:
    """Initiative coverage of an agency for a year."""

    year: int
    required: list[Unit]
    registered: list[Unit]
    missing: list[Unit]
    exempt: list[Unit] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return len(self.registered) / len(self.required) if self.required else None

    @property
    def complete(self) -> bool:
        return not self.missing

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "required": len(self.required),
            "registered": len(self.registered),
            "rate": self.rate,
            "missing": [{"code": u.code, "name": u.name} for u in self.missing],
            "exempt": [u.code for u in self.exempt],
        }


def initiative_coverage(agency: Agency, year: int) -> Coverage:
    """Units with a registered initiative for `year` ÷ units that must register.

    Units that must register: the agency's active units, except those exempted
    (`InitiativeExemption`). An initiative counts whatever its state (registered, in progress,
    submitted, recognised, not recognised, applied). `rate` is None when no unit must register.
    """
    units = list(Unit.objects.filter(agency=agency, is_active=True).order_by("code"))
    exempt_ids = set(
        InitiativeExemption.objects.filter(unit__in=units).values_list("unit_id", flat=True)
    )
    with_initiative = set(
        Initiative.objects.filter(agency=agency, year=year).values_list("unit_id", flat=True)
    )
    required = [u for u in units if u.pk not in exempt_ids]
    return Coverage(
        year=year,
        required=required,
        registered=[u for u in required if u.pk in with_initiative],
        missing=[u for u in required if u.pk not in with_initiative],
        exempt=[u for u in units if u.pk in exempt_ids],
    )


@dataclass
class BoardRow:
    unit: Unit
    on_track: int = 0
    due_soon: int = 0
    overdue: int = 0
    done_on_time: int = 0
    done_late: int = 0

    @property
    def total(self) -> int:
        return self.on_track + self.due_soon + self.overdue + self.done_on_time + self.done_late

    @property
    def on_time_rate(self) -> float | None:
        denominator = self.done_on_time + self.done_late + self.overdue
        return self.done_on_time / denominator if denominator else None


def board(
    user: Any,
    agency: Agency,
    *,
    year: int | None = None,
    plan: Plan | None = None,
    on: dt.date | None = None,
) -> list[BoardRow]:
    """Counts per lead unit of the tasks the user sees, each task in exactly one column:
    on track (open, due after the next 7 days), due in 7 days, overdue, done on time, done late.
    Cancelled tasks are not counted."""
    on = on or local_today()
    tasks = Task.objects.restrict(user).filter(agency=agency).exclude(status=TaskStatus.CANCELLED)
    if year:
        tasks = tasks.filter(plan__year=year)
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    rows = tasks.values("lead_unit").annotate(
        on_track=Count("pk", filter=on_track_q(on)),
        due_soon=Count("pk", filter=due_soon_q(on)),
        overdue=Count("pk", filter=overdue_q(on)),
        done_on_time=Count("pk", filter=done_on_time_q()),
        done_late=Count("pk", filter=done_late_q()),
    )
    by_unit = {r.pop("lead_unit"): r for r in rows}
    units = Unit.objects.filter(Q(agency=agency, is_active=True) | Q(pk__in=by_unit)).order_by(
        "code"
    )
    return [BoardRow(unit=u, **by_unit.get(u.pk, {})) for u in units]


# Calendar and timeline ----------------------------------------------------------------------


def month_weeks(year: int, month: int) -> list[list[dt.date]]:
    """The weeks (Monday first) that show a month, as lists of seven dates."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def calendar_tasks(
    user: Any, year: int, month: int, *, unit: Unit | None = None, mine: bool = False
) -> dict[dt.date, list[Task]]:
    """The tasks the user sees that fall due in the weeks showing the month, by due date."""
    weeks = month_weeks(year, month)
    qs = my_tasks(user) if mine else tasks_for_user(user)
    qs = qs.filter(due_date__gte=weeks[0][0], due_date__lte=weeks[-1][-1]).exclude(
        status=TaskStatus.CANCELLED
    )
    if unit is not None:
        qs = qs.filter(lead_unit=unit)
    days: dict[dt.date, list[Task]] = {}
    for task in qs[:2000]:
        days.setdefault(task.due_date, []).append(task)
    return days


def timeline_rows(
    user: Any, year: int, *, plan: Plan | None = None, limit: int = 600
) -> list[tuple[Unit, list[Task]]]:
    """The tasks of a year grouped by lead unit (for the Gantt-like timeline)."""
    qs = (
        Task.objects.restrict(user)
        .filter(plan__year=year)
        .exclude(status=TaskStatus.CANCELLED)
        .select_related("lead_unit")
        .order_by("lead_unit__code", "start_date", "due_date")
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    groups: dict[int, tuple[Unit, list[Task]]] = {}
    for task in qs[:limit]:
        groups.setdefault(task.lead_unit_id, (task.lead_unit, []))[1].append(task)
    return list(groups.values())


# Digests ------------------------------------------------------------------------------------


@dataclass
class Digest:
    """What one person is reminded of: their own tasks due soon or overdue, and — for unit
    heads — their units' overdue tasks not already in their own list."""

    user: User
    on: dt.date
    days: int
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    unit_overdue: list[Task] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.unit_overdue)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.unit_overdue)


def _digest_queryset() -> QuerySet[Task]:
    return (
        Task.objects.filter(status__in=OPEN_STATUSES)
        .select_related("plan", "lead_unit")
        .order_by("due_date", "id")
    )


def digest_for(user: User, *, on: dt.date | None = None, days: int = DUE_SOON_DAYS) -> Digest:
    """The digest of one person (shown in the app, and e-mailed by send_reminders)."""
    on = on or local_today()
    digest = Digest(user=user, on=on, days=days)
    own = _digest_queryset().filter(
        pk__in=Task.assignees.through.objects.filter(user_id=user.pk).values("task_id"),
        due_date__lte=working_days_ahead(on, days),
    )
    for task in own:
        (digest.overdue if task.due_date < on else digest.due_soon).append(task)
    heads = access.head_unit_ids(user)
    if heads:
        seen = {t.pk for t in digest.overdue + digest.due_soon}
        digest.unit_overdue = [
            t
            for t in _digest_queryset().filter(lead_unit__in=heads, due_date__lt=on)
            if t.pk not in seen
        ]
    return digest


def digests(
    *, on: dt.date | None = None, days: int = DUE_SOON_DAYS, agency: Agency | None = None
) -> list[Digest]:
    """Every active person's non-empty digest (one per person), for send_reminders."""
    on = on or local_today()
    horizon = working_days_ahead(on, days)
    relevant = _digest_queryset().filter(due_date__lte=horizon)
    if agency is not None:
        relevant = relevant.filter(agency=agency)
    assignee_ids = Task.assignees.through.objects.filter(task__in=relevant).values_list(
        "user_id", flat=True
    )
    head_ids = Membership.objects.filter(
        role="unit_head", unit__in=relevant.filter(due_date__lt=on).values("lead_unit")
    ).values_list("user_id", flat=True)
    people = User.objects.filter(
        Q(pk__in=list(assignee_ids)) | Q(pk__in=list(head_ids)), is_active=True
    ).order_by("username")
    result = []
    for person in people:
        digest = digest_for(person, on=on, days=days)
        if agency is not None:
            digest.overdue = [t for t in digest.overdue if t.agency_id == agency.pk]
            digest.due_soon = [t for t in digest.due_soon if t.agency_id == agency.pk]
            digest.unit_overdue = [t for t in digest.unit_overdue if t.agency_id == agency.pk]
        if not digest.is_empty:
            result.append(digest)
    return result


def initiative_status_counts(agency: Agency, year: int) -> dict[str, int]:
    counts = dict(
        Initiative.objects.filter(agency=agency, year=year)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {s: counts.get(s, 0) for s in InitiativeStatus.values}
