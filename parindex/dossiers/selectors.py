"""Reads of the dossiers app, always narrowed to what the viewer may see."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from parindex.common.workdays import DayOverride, WorkCalendar
from parindex.dossiers.models import CalendarDay, Dossier, ImportRun, Procedure
from parindex.org import access
from parindex.org.access import Action, get_object_for_user
from parindex.org.models import Agency

#: The overrides change once or twice a year, and lists ask for a horizon per row: each process
#: keeps what it computed this long (a process that records an override forgets at once).
HORIZON_SECONDS = 60.0
_horizons: dict[tuple[dt.date, int], tuple[float, dt.date]] = {}


def work_calendar() -> WorkCalendar:
    """A calendar with every override of the database (package holidays for the rest)."""
    rows = CalendarDay.objects.values_list("day", "working", "note")
    return WorkCalendar(DayOverride(day, working, note) for day, working, note in rows)


def working_days_ahead(on: dt.date, n: int) -> dt.date:
    """The n-th working day after ``on`` (``on`` itself when n ≤ 0), by the national calendar."""
    if n <= 0:
        return on
    now = time.monotonic()
    known = _horizons.get((on, n))
    if known is not None and known[0] > now:
        return known[1]
    calendar = work_calendar()
    day = on
    for _ in range(n):
        day = calendar.next_working_day(day)
    _horizons[(on, n)] = (now + HORIZON_SECONDS, day)
    return day


def forget_working_day_horizons() -> None:
    """Drop the horizons this process computed (a calendar override changed)."""
    _horizons.clear()


def agencies_with_dossiers(user: Any) -> QuerySet[Agency]:
    """Agencies whose dossiers (all, or a unit's) the user may read."""
    return Agency.objects.restrict(user)


def pick_agency(user: Any, code: str | None) -> Agency:
    """The agency asked for (by code) among those the user may read, else the first one."""
    agencies = agencies_with_dossiers(user)
    if code:
        agency = agencies.filter(code=code.strip().upper()).first()
        if agency is None:
            raise Http404
        return agency
    agency = agencies.order_by("code").first()
    if agency is None:
        raise Http404
    return agency


def unit_scope(user: Any, agency: Agency) -> frozenset[int] | None:
    """Units whose dossiers and figures the user sees in ``agency``; None means all of it."""
    if access.reads_agency(user, agency):
        return None
    mine = access.member_unit_ids(user)
    return frozenset(agency.units.filter(pk__in=mine).values_list("pk", flat=True))


def can_import(user: Any, agency: Agency | None = None) -> bool:
    if agency is None:
        return access.may_create(user)
    return access.may_manage_agency(user, agency)


def dossiers_for_user(user: Any) -> QuerySet[Dossier]:
    return Dossier.objects.restrict(user, Action.VIEW).select_related("agency", "procedure", "unit")


def get_dossier_for_user(user: Any, agency_code: str, code: str) -> Dossier:
    return get_object_for_user(
        Dossier.objects.select_related("agency", "procedure", "unit", "apology"),
        user,
        agency__code=agency_code,
        code=code,
    )


def procedures_for_user(user: Any) -> QuerySet[Procedure]:
    return Procedure.objects.restrict(user, Action.VIEW).select_related("agency", "unit")


def get_procedure_for_user(
    user: Any, agency_code: str, code: str, *, write: bool = False
) -> Procedure:
    return get_object_for_user(
        Procedure.objects.select_related("agency", "unit"),
        user,
        write=write,
        agency__code=agency_code,
        code=code,
    )


def import_runs_for_user(user: Any) -> QuerySet[ImportRun]:
    return ImportRun.objects.restrict(user).select_related("agency", "created_by")


def calendar_days(year: int) -> QuerySet[CalendarDay]:
    return CalendarDay.objects.filter(day__year=year)


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """From 1 January of this year to today (local)."""
    today = today or timezone.localdate()
    return today.replace(month=1, day=1), today
