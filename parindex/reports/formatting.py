"""Vietnamese date forms used in official documents (Decree 30/2020/NĐ-CP); the numbers are
`parindex.common.numbers.vn_number` and `vn_percent`.

Dates in the place-and-date line: a leading zero for days below 10 and for
months 1 and 2 only ("ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm 2026").
"""

from __future__ import annotations

import datetime as dt


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero (so "01"/"02" cannot be mistaken for 11/12); 3–12 not."""
    return f"{month:02d}" if month < 3 else str(month)


def document_date(place: str, date: dt.date | None, year: int | None = None) -> str:
    """ "Quảng Ngãi, ngày 05 tháng 02 năm 2026"; without a date (a draft) the day and month are
    left blank for the clerk: "Quảng Ngãi, ngày      tháng      năm 2026"."""
    prefix = f"{place}, " if place else ""
    if date is None:
        return f"{prefix}ngày      tháng      năm {year or ''}".rstrip()
    return f"{prefix}ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def short_date(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else ""


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def roman(number: int) -> str:
    return ROMAN[number - 1] if 0 < number <= len(ROMAN) else str(number)
