"""Vietnamese working-day calendar for time limits of administrative procedures (TTHC).

Pure Python: no Django models and no settings are needed to import or use it.

Sources of days off, in order of precedence:

1. ``DayOverride`` rows (the yearly government notice as loaded into the database): a
   working Saturday/Sunday (``working=True``) or an extra day off (``working=False``).
   An override always wins, including over a public holiday.
2. Public holidays from ``holidays.country_holidays("VN")``, loaded lazily per year and cached.
   What the package already does, so this module adds no rule of its own:

   * a holiday on Saturday/Sunday is "observed" (nghỉ bù) on the next working day — New Year,
     Hùng Kings, 30/4, 1/5, 2/9 (since 1995) and 24/11 (from 2026);
   * Tết: a Tết day on Saturday moves to the previous working day, on Sunday to the next one
     (since 2014);
   * National Day gets its adjacent day (01/9 or 03/9 by weekday) since 2021;
   * known government swaps are built in (e.g. 2026: off Mon 31/08, work Sat 22/08); the
     package's working Saturdays (``weekend_workdays``) are honoured here.

   The package does **not** know a year's notice until a release ships it, so the database
   overrides remain the authority for each year's official schedule.
3. Saturday and Sunday are days off; Monday–Friday are working days.

Conventions (all times local to Asia/Ho_Chi_Minh; Vietnam has no DST):

* Inputs that are datetimes must be timezone-aware (``ValueError`` otherwise); outputs are
  aware datetimes in ``TZ``.
* A due moment computed in days is the **close of office hours, 17:00**, of the due day.
* Working days are counted from the first working day *after* the day of reception
  (the national method), whatever the time of reception.
* Same-day procedures (limit 0): due 17:00 the same day if received on a working day before
  15:00 (``SAME_DAY_CUTOFF``, 15:00:00 itself is too late), else 17:00 on the next working day.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "CALENDAR_DAYS",
    "DEFAULT_DAY_OFF_NAME",
    "OFFICE_HOURS",
    "SAME_DAY_CUTOFF",
    "TZ",
    "UNITS",
    "WORKING_DAYS",
    "WORKING_HOURS",
    "DayOverride",
    "WorkCalendar",
]

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
OFFICE_HOURS: tuple[tuple[time, time], ...] = (
    (time(7, 0), time(11, 30)),
    (time(13, 30), time(17, 0)),
)  # 8 working hours a day
OFFICE_OPEN = OFFICE_HOURS[0][0]
OFFICE_CLOSE = OFFICE_HOURS[-1][1]
SAME_DAY_CUTOFF = time(15, 0)

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
WORKING_HOURS = "working_hours"
UNITS = (WORKING_DAYS, CALENDAR_DAYS, WORKING_HOURS)

#: Name given by ``holiday_name`` to an override day off that has no note and is not
#: a package holiday.
DEFAULT_DAY_OFF_NAME = "Ngày nghỉ"

_COUNTRY = "VN"


@dataclass(frozen=True)
class DayOverride:
    """One day of a yearly notice: ``working=True`` for a working Saturday/Sunday (swap),
    ``working=False`` for an extra day off."""

    day: date
    working: bool
    note: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.day, datetime) or not isinstance(self.day, date):
            raise TypeError(f"DayOverride.day must be a date, not {type(self.day).__name__}")


def _to_local(moment: datetime) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"expected an aware datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: pass a timezone-aware datetime")
    return moment.astimezone(TZ)


def _as_date(value: date) -> date:
    """A date as is; an aware datetime as its local (Asia/Ho_Chi_Minh) date."""
    if isinstance(value, datetime):
        return _to_local(value).date()
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return value


def _close_of(day: date) -> datetime:
    return datetime.combine(day, OFFICE_CLOSE, tzinfo=TZ)


def _whole_number(n: int | Decimal | float, what: str) -> int:
    if isinstance(n, bool):
        raise TypeError(f"{what} must be a number, not bool")
    if isinstance(n, int):
        value = n
    else:
        dec = n if isinstance(n, Decimal) else Decimal(str(n))
        if not dec.is_finite() or dec != dec.to_integral_value():
            raise ValueError(
                f"{what} must be a whole number, got {n!r}; "
                "express fractional working days as working_hours (1 day = 8 hours)"
            )
        value = int(dec)
    if value < 0:
        raise ValueError(f"{what} must not be negative, got {n!r}")
    return value


def _hours_to_timedelta(hours: Decimal | int | float) -> timedelta:
    if isinstance(hours, bool):
        raise TypeError("hours must be a number, not bool")
    dec = hours if isinstance(hours, Decimal) else Decimal(str(hours))
    if not dec.is_finite():
        raise ValueError(f"hours must be finite, got {hours!r}")
    if dec < 0:
        raise ValueError(f"hours must not be negative, got {hours!r}")
    micro = (dec * 3_600_000_000).to_integral_value()
    return timedelta(microseconds=int(micro))


class WorkCalendar:
    """Working days of a Vietnamese state agency.

    ``overrides`` are the days of the yearly notice (they win over everything); a day given
    twice with different ``working`` values is a ``ValueError``. ``years`` only preloads the
    package holidays of those years; any other year is loaded on first use. ``language`` is
    the language of holiday names from the package (``"vi"`` by default, also ``"en_US"``).

    A calendar is immutable: build a new one when the overrides change.
    """

    def __init__(
        self,
        overrides: Iterable[DayOverride] = (),
        *,
        years: Iterable[int] | None = None,
        language: str = "vi",
    ) -> None:
        by_day: dict[date, DayOverride] = {}
        for override in overrides:
            previous = by_day.get(override.day)
            if previous is not None and previous.working != override.working:
                raise ValueError(
                    f"conflicting overrides for {override.day.isoformat()}: "
                    "both a working day and a day off"
                )
            by_day[override.day] = override
        self._overrides = by_day
        self._language = language
        self._lock = threading.Lock()
        self._loaded: set[int] = set()
        self._names: dict[date, str] = {}
        self._weekend_workdays: set[date] = set()
        for year in years or ():
            self._ensure_year(year)

    # ------------------------------------------------------------------ loading

    def _load(self, year: int) -> None:
        # Caller holds the lock.
        if year in self._loaded or not 1 <= year <= 9999:
            return
        package = holidays.country_holidays(_COUNTRY, years=year, language=self._language)
        self._names.update((d, name) for d, name in package.items() if d.year == year)
        self._weekend_workdays.update(package.weekend_workdays)
        self._loaded.add(year)

    def _ensure_year(self, year: int) -> None:
        # A notice of year Y may declare a working Saturday in Y-1 or Y+1 (e.g. the 2015
        # notice made Sat 27/12/2014 a working day), so neighbours are loaded too.
        wanted = (year - 1, year, year + 1)
        if all(y in self._loaded for y in wanted if 1 <= y <= 9999):
            return
        with self._lock:
            for y in wanted:
                self._load(y)

    # ------------------------------------------------------------------ days

    @property
    def overrides(self) -> tuple[DayOverride, ...]:
        return tuple(sorted(self._overrides.values(), key=lambda o: o.day))

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` (a date, or an aware datetime read in local time) is a working day."""
        d = _as_date(d)
        override = self._overrides.get(d)
        if override is not None:
            return override.working
        self._ensure_year(d.year)
        if d in self._names:
            return False
        if d.weekday() >= 5:
            return d in self._weekend_workdays
        return True

    def holiday_name(self, d: date) -> str | None:
        """Name of the holiday or declared day off on ``d``; ``None`` for a working day or an
        ordinary weekend. A holiday on a weekend still has its name (26/04/2026 Sunday), and
        its observed day has the package's "(nghỉ bù)" name."""
        d = _as_date(d)
        override = self._overrides.get(d)
        self._ensure_year(d.year)
        if override is not None:
            if override.working:
                return None
            return override.note or self._names.get(d) or DEFAULT_DAY_OFF_NAME
        return self._names.get(d)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d = _as_date(d)
        while True:
            d += timedelta(days=1)
            if self.is_working_day(d):
                return d

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days in ``(start, end]``; if ``end < start``, minus the number of
        working days in ``(end, start]``. Dates or aware datetimes (read as local dates).

        For "còn N ngày làm việc": ``working_days_between(today, due)`` — 0 means due today,
        negative means that many working days late."""
        start, end = _as_date(start), _as_date(end)
        if end == start:
            return 0
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        count = 0
        d = start
        while d < end:
            d += timedelta(days=1)
            if self.is_working_day(d):
                count += 1
        return sign * count

    # ------------------------------------------------------------------ due moments

    def add_working_days(self, start: datetime, n: int) -> datetime:
        """Due moment of a limit of ``n`` working days for a dossier received at ``start``.

        Day 1 is the first working day after the local date of reception (whatever the hour,
        and also when received on a day off); the result is 17:00 local on day ``n``.
        ``n == 0`` is a same-day procedure: 17:00 that day if received on a working day
        before 15:00, else 17:00 on the next working day. The 15:00 rule applies only to
        ``n == 0``."""
        local = _to_local(start)
        n = _whole_number(n, "n")
        day = local.date()
        if n == 0:
            if self.is_working_day(day) and local.time() < SAME_DAY_CUTOFF:
                return _close_of(day)
            return _close_of(self.next_working_day(day))
        for _ in range(n):
            day = self.next_working_day(day)
        return _close_of(day)

    def add_calendar_days(self, start: datetime, n: int) -> datetime:
        """Due moment of a limit of ``n`` calendar days: 17:00 local on the date ``n`` days
        after the local date of reception (the day after reception is day 1). If that date is
        not a working day, the due moment rolls to 17:00 of the next working day.
        ``n == 0`` follows the same-day rule of :meth:`add_working_days`."""
        local = _to_local(start)
        n = _whole_number(n, "n")
        if n == 0:
            return self.add_working_days(local, 0)
        day = local.date() + timedelta(days=n)
        if not self.is_working_day(day):
            day = self.next_working_day(day)
        return _close_of(day)

    def add_working_hours(self, start: datetime, hours: Decimal | int | float) -> datetime:
        """Due moment after ``hours`` office hours (07:00–11:30, 13:30–17:00 on working days).

        A start outside office hours begins at the next office period. A limit that ends
        exactly at the end of a period is due at that end (11:30 or 17:00), not at the start
        of the next one. ``hours == 0`` returns ``start`` (in local time) unchanged."""
        local = _to_local(start)
        remaining = _hours_to_timedelta(hours)
        if not remaining:
            return local
        moment = local
        while True:
            day = moment.date()
            if self.is_working_day(day):
                for opens, closes in OFFICE_HOURS:
                    period_start = datetime.combine(day, opens, tzinfo=TZ)
                    period_end = datetime.combine(day, closes, tzinfo=TZ)
                    if moment >= period_end:
                        continue
                    moment = max(moment, period_start)
                    available = period_end - moment
                    if remaining <= available:
                        return moment + remaining
                    remaining -= available
                    moment = period_end
            moment = datetime.combine(self.next_working_day(day), OFFICE_OPEN, tzinfo=TZ)

    def due_at(self, received_at: datetime, limit: int | Decimal, unit: str) -> datetime:
        """Due moment of a procedure; ``unit`` is one of ``UNITS``. Day limits must be whole
        numbers (``ValueError`` otherwise); hour limits may be fractional."""
        if unit == WORKING_DAYS:
            return self.add_working_days(received_at, limit)
        if unit == CALENDAR_DAYS:
            return self.add_calendar_days(received_at, limit)
        if unit == WORKING_HOURS:
            return self.add_working_hours(received_at, limit)
        raise ValueError(f"unknown time-limit unit {unit!r}; expected one of {UNITS}")
