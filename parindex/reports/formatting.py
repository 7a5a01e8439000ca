"""Vietnamese number and date forms used in official documents (Decree 30/2020/NĐ-CP).

Numbers: `.` groups thousands and `,` marks decimals (`1.234,5`); percentages carry a space before
the sign (`38,5 %`). Dates in the place-and-date line: a leading zero for days below 10 and for
months 1 and 2 only ("ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm 2026").
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

MISSING = "-"


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def vn_number(value: Any, decimals: int | None = None) -> str:
    """`1234.5` → `1.234,5`. `decimals` fixes the places (half up); None keeps the significant
    ones (`10.00` → `10`, `90.25` → `90,25`). None or a non-number gives "-"."""
    number = _to_decimal(value)
    if number is None:
        return MISSING
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{number:,.{decimals}f}"
    else:
        number = number.normalize() if number != number.to_integral() else number.quantize(1)
        places = max(0, -number.as_tuple().exponent)
        text = f"{number:,.{places}f}"
    if text.startswith("-") and set(text[1:]) <= set("0.,"):
        text = text[1:]
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vn_percent(rate: Any, decimals: int = 1) -> str:
    """A fraction 0..1 as a Vietnamese percentage: `0.385` → `38,5 %`; None → "-"."""
    number = _to_decimal(rate)
    if number is None:
        return MISSING
    return f"{vn_number(number * 100, decimals)} %"


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
