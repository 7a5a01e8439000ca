"""Report periods: a year, a half, a quarter, a month or custom dates, with their Vietnamese name.

Keys (the `--period` option and the API): `2026`, `2026-H1`, `2026-Q1`, `2026-03`,
`2026-01-01..2026-03-15`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from parindex.common.errors import DomainError
from parindex.reports.choices import PeriodKind
from parindex.reports.formatting import roman, short_date


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int | None  # half 1–2, quarter 1–4, month 1–12
    start: dt.date
    end: dt.date

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        if self.kind == PeriodKind.HALF:
            return f"{self.year}-H{self.number}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        """The period as written in a Vietnamese document ("quý I năm 2026")."""
        if self.kind == PeriodKind.YEAR:
            return f"năm {self.year}"
        if self.kind == PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"quý {roman(self.number or 0)} năm {self.year}"
        if self.kind == PeriodKind.MONTH:
            return f"tháng {self.number} năm {self.year}"
        return f"từ ngày {short_date(self.start)} đến ngày {short_date(self.end)}"

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "year": self.year,
            "number": self.number,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "label": self.label,
        }

    def previous(self) -> Period:
        """The period of the same kind just before this one (scheduled reports use it)."""
        if self.kind == PeriodKind.MONTH:
            return (
                month(self.year - 1, 12) if self.number == 1 else month(self.year, self.number - 1)
            )
        if self.kind == PeriodKind.QUARTER:
            return (
                quarter(self.year - 1, 4)
                if self.number == 1
                else quarter(self.year, self.number - 1)
            )
        if self.kind == PeriodKind.HALF:
            return half(self.year - 1, 2) if self.number == 1 else half(self.year, 1)
        if self.kind == PeriodKind.YEAR:
            return year(self.year - 1)
        span = self.end - self.start
        return custom(self.start - span - dt.timedelta(days=1), self.start - dt.timedelta(days=1))


def year(y: int) -> Period:
    return Period(PeriodKind.YEAR, y, None, dt.date(y, 1, 1), dt.date(y, 12, 31))


def half(y: int, n: int) -> Period:
    return Period(
        PeriodKind.HALF,
        y,
        n,
        dt.date(y, 1 if n == 1 else 7, 1),
        dt.date(y, 6, 30) if n == 1 else dt.date(y, 12, 31),
    )


def quarter(y: int, n: int) -> Period:
    first = 3 * (n - 1) + 1
    last = first + 2
    return Period(
        PeriodKind.QUARTER,
        y,
        n,
        dt.date(y, first, 1),
        dt.date(y, last, calendar.monthrange(y, last)[1]),
    )


def month(y: int, n: int) -> Period:
    return Period(
        PeriodKind.MONTH, y, n, dt.date(y, n, 1), dt.date(y, n, calendar.monthrange(y, n)[1])
    )


def custom(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise DomainError(_("The period ends before it starts."), field="period")
    return Period(PeriodKind.CUSTOM, start.year, None, start, end)


def containing(date: dt.date, kind: str) -> Period:
    if kind == PeriodKind.MONTH:
        return month(date.year, date.month)
    if kind == PeriodKind.QUARTER:
        return quarter(date.year, (date.month - 1) // 3 + 1)
    if kind == PeriodKind.HALF:
        return half(date.year, 1 if date.month <= 6 else 2)
    return year(date.year)


_PATTERNS = (
    (re.compile(r"^(\d{4})$"), lambda m: year(int(m[1]))),
    (re.compile(r"^(\d{4})-[Hh]([12])$"), lambda m: half(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), lambda m: quarter(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), lambda m: month(int(m[1]), int(m[2]))),
    (
        re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$"),
        lambda m: custom(dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])),
    ),
)


def parse(key: str) -> Period:
    """`2026`, `2026-H1`, `2026-Q1`, `2026-03` or `2026-01-01..2026-03-15` → a Period."""
    text = (key or "").strip()
    for pattern, build in _PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return build(match)
            except ValueError:
                break
    raise DomainError(
        _("Unknown period %(key)s: use 2026, 2026-H1, 2026-Q1, 2026-03 or 2026-01-01..2026-03-15.")
        % {"key": key},
        field="period",
    )


def from_fields(kind: str, y: int, number: int | None, start: dt.date, end: dt.date) -> Period:
    return Period(kind, y, number, start, end)
