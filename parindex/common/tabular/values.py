"""Cell value parsers: each raises ``ValueError`` with a short message for a ``RowError``.

The messages are translated into the active language when raised.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from parindex.common.tabular.columns import normalize_header

T = TypeVar("T")

#: Time zone of every date in an import file (docs/formats.md: "times are local").
LOCAL_TZ = "Asia/Ho_Chi_Minh"


@lru_cache(maxsize=32)
def _zone(tz: str) -> ZoneInfo:
    return ZoneInfo(tz)


def _as_zone(tz: str | tzinfo) -> tzinfo:
    return _zone(tz) if isinstance(tz, str) else tz


def _format_cell(value: object) -> str:
    """A cell value as text that the parsers of this module read back to the same value."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_zone(LOCAL_TZ))
        if value.time() == time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _show(value: object) -> str:
    """A value quoted for a message, cut short if long."""
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "…"
    return repr(text)


def parse_text(value: object) -> str | None:
    """A cell as text, ``None`` if empty: for codes and names an ``.xlsx`` cell may hold as a
    number or date (``3.0`` → ``"3"``, ``1.25`` → ``"1.25"``, a date → ``dd/mm/yyyy``).

    Excel cannot give back what it already changed (``1.10`` typed as a number is ``1.1``);
    callers of dotted codes should tell users to format such columns as text.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return _format_cell(value) or None


# -- numbers --------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_GROUPED_BY_SPACES = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
_NUMBER = re.compile(r"([+-]?)([0-9.,]*[0-9][0-9.,]*)")
_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)


def _not_a_number(value: object) -> ValueError:
    return ValueError(_("not a number: %(value)s") % {"value": _show(value)})


def _misplaced_separators(value: object) -> ValueError:
    return ValueError(_("misplaced separators in number %(value)s") % {"value": _show(value)})


def _not_a_whole_number(value: object) -> ValueError:
    return ValueError(_("not a whole number: %(value)s") % {"value": _show(value)})


def _number_parts(value: str, *, whole: bool) -> tuple[str, str, str]:
    """Split number text into (sign, integer digits, fraction digits) by the contract's rules.

    Both "." and "," present: the last is the decimal separator, the other groups thousands.
    One of them alone: for whole numbers it groups thousands when it can (``150.000``), for
    decimals it is the decimal separator (``2,75``) unless it repeats (``1.234.567``).
    """
    text = value.strip().replace("\u2212", "-")
    if _SPACES.search(text):
        # Spaces may only group thousands ("1 234 567,5"), never glue two numbers together.
        spaced = _SPACES.sub(" ", text)
        if not _GROUPED_BY_SPACES.fullmatch(spaced):
            raise _not_a_number(value)
        text = spaced.replace(" ", "")
    match = _NUMBER.fullmatch(text)
    if not match:
        raise _not_a_number(value)
    sign, body = match.groups()
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal_sep = "." if body.rfind(".") > body.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        integer, _sep, fraction = body.rpartition(decimal_sep)
        if decimal_sep in integer or group_sep in fraction or not _grouped(integer, group_sep):
            raise _misplaced_separators(value)
        return sign, integer.replace(group_sep, ""), fraction
    if dots or commas:
        sep = "." if dots else ","
        if (whole or dots + commas > 1) and _grouped(body, sep):
            return sign, body.replace(sep, ""), ""
        if dots + commas > 1:
            raise _misplaced_separators(value)
        integer, _sep, fraction = body.partition(sep)
        if not fraction:
            raise _not_a_number(value)
        return sign, integer, fraction
    return sign, body, ""


def _grouped(text: str, sep: str) -> bool:
    """Whether ``text`` is digits grouped by threes with ``sep`` (``1.234.567``)."""
    first, *rest = text.split(sep)
    return 1 <= len(first) <= 3 and bool(rest) and all(len(part) == 3 for part in rest)


def parse_decimal(value: object) -> Decimal:
    """A decimal number (points): ``12,5`` ``12.5`` ``1.234,5`` ``1,234.5`` ``2,75``.

    Where both ``.`` and ``,`` appear the last is the decimal separator; one alone is the
    decimal separator (repeated, it groups thousands: ``1.234.567``). Numeric cells are
    accepted; floats go through their shortest decimal form, rounded to 10 places so that
    Excel's binary noise (``0.30000000000000004``) disappears.
    """
    if isinstance(value, bool) or value is None:
        raise _not_a_number(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _not_a_number(value)
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _not_a_number(value)
        return Decimal(repr(round(value, 10)))
    if not isinstance(value, str) or len(value) > 64:
        raise _not_a_number(value)
    sign, integer, fraction = _number_parts(value, whole=False)
    text = f"{sign}{integer or '0'}" + (f".{fraction}" if fraction else "")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise _not_a_number(value) from exc


def parse_whole(value: object) -> int:
    """A whole number (fees in đồng, counts, days): ``150.000`` = ``150,000`` = 150000.

    A separator alone groups thousands; with both, the last is the decimal separator and the
    fraction must be zero (``1.234,00``). Text that cannot be thousands (``3.0``, ``1,5``) is
    read as a decimal and refused unless whole. A trailing ``đ``/``đồng``/``VNĐ`` is allowed.
    Numeric cells must hold a whole value (``3.0`` → 3, ``1.5`` is an error).
    """
    if isinstance(value, bool) or value is None:
        raise _not_a_whole_number(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _not_a_whole_number(value)
        nearest = round(value)
        # Tolerate the binary noise of Excel formulas, not a real fraction.
        if abs(value - nearest) > 1e-6:
            raise _not_a_whole_number(value)
        return int(nearest)
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise _not_a_whole_number(value)
        return int(value)
    if not isinstance(value, str) or len(value) > 64:
        raise _not_a_whole_number(value)
    text = _CURRENCY.sub("", value.strip())
    try:
        sign, integer, fraction = _number_parts(text, whole=True)
    except ValueError:
        raise _not_a_whole_number(value) from None
    if fraction.strip("0"):
        raise _not_a_whole_number(value)
    return int(f"{sign}{integer or '0'}")


# -- yes/no and choices ---------------------------------------------------------------------

_TRUE_WORDS = frozenset(map(normalize_header, ("có", "yes", "true", "x", "1", "y", "đúng")))
_FALSE_WORDS = frozenset(map(normalize_header, ("không", "no", "false", "0", "", "n", "sai")))


def parse_bool(value: object) -> bool:
    """Yes/no: ``có co yes true x 1`` → True, ``không khong no false 0`` or empty → False."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float | Decimal) and value in (0, 1):
        return bool(value)
    word = normalize_header(value)
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ValueError(
        _("expected yes or no (có/không, 1/0), not %(value)s") % {"value": _show(value)}
    )


def match_choice(value: object, mapping: Mapping[str, T]) -> T:
    """The value of ``mapping`` whose key matches ``value`` accent-, case- and space-insensitively.

    Keys may be written naturally (``{"trực tiếp": 1, "1": 1}``); they are compared through
    :func:`normalize_header`. A whole number cell (``2`` or ``2.0``) matches the key ``"2"``,
    an empty cell the key ``""`` if there is one. Raises ``ValueError`` listing the keys.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    wanted = normalize_header(value)
    if wanted in mapping:
        return mapping[wanted]
    for key, result in mapping.items():
        if normalize_header(key) == wanted:
            return result
    accepted = ", ".join(key for key in mapping if key)
    if value is None or wanted == "":
        raise ValueError(_("a value is required; accepted: %(choices)s") % {"choices": accepted})
    raise ValueError(
        _("unknown value %(value)s; accepted: %(choices)s")
        % {"value": _show(value), "choices": accepted}
    )


# -- dates ----------------------------------------------------------------------------------

_DATE = (
    r"(?:(?P<d>\d{1,2})(?P<s1>[/.-])(?P<m>\d{1,2})(?P=s1)(?P<y>\d{4})"
    r"|(?P<Y>\d{4})(?P<s2>[/-])(?P<M>\d{1,2})(?P=s2)(?P<D>\d{1,2}))"
)
_TIME = r"(?P<H>\d{1,2}):(?P<Mi>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<F>\d+))?)?"
_OFFSET = r"(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)"
# Date first ("05/03/2026 08:30", ISO "2026-03-05T08:30:00+07:00") or, as some portals
# export, time first ("08:30 05/03/2026").
_DATE_TIME = re.compile(rf"{_DATE}(?:(?:T|\s+){_TIME}\s*{_OFFSET}?)?", re.IGNORECASE)
_TIME_DATE = re.compile(rf"{_TIME}\s+{_DATE}")
# Excel's day 0 of the 1900 date system (serial 60 is Excel's phantom 29/02/1900).
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_MIN_SERIAL = 61  # 01/03/1900: earlier serials would need Excel's leap-year bug
_EXCEL_MAX_SERIAL = 2958466  # 01/01/10000
_END_OF_DAY = time(23, 59, 59)


def _not_a_date(value: object) -> ValueError:
    return ValueError(
        _(
            "not a date: %(value)s (expected dd/mm/yyyy, dd/mm/yyyy HH:MM[:SS] "
            "or yyyy-mm-dd[THH:MM[:SS]])"
        )
        % {"value": _show(value)}
    )


def _date_required() -> ValueError:
    return ValueError(_("a date is required"))


def _parse_parts(value: object) -> tuple[date, time | None, tzinfo | None]:
    """Split a date cell into (date, time or None when the cell has no time, offset or None).

    An Excel date or datetime cell at exactly 00:00:00 counts as a date without a time: Excel
    stores a plain date that way, and once read the two cannot be told apart.
    """
    if isinstance(value, datetime):
        moment = value.time()
        if value.tzinfo is None and moment == time(0):
            return value.date(), None, None
        return value.date(), moment, value.tzinfo
    if isinstance(value, date):
        return value, None, None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _from_excel_serial(value)
    if isinstance(value, str):
        return _parse_date_text(value)
    raise _not_a_date(value)


def _from_excel_serial(value: float | int | Decimal) -> tuple[date, time | None, None]:
    """An Excel serial day number (``46000.5`` = 09/12/2025 12:00), to the nearest second."""
    number = float(value)
    if not math.isfinite(number) or not _EXCEL_MIN_SERIAL <= number < _EXCEL_MAX_SERIAL:
        raise _not_a_date(value)
    days, seconds = divmod(round(number * 86400), 86400)
    day = _EXCEL_EPOCH + timedelta(days=days)
    if not seconds:
        return day, None, None
    return day, time(seconds // 3600, seconds // 60 % 60, seconds % 60), None


def _parse_date_text(value: str) -> tuple[date, time | None, tzinfo | None]:
    text = value.strip()
    match = _DATE_TIME.fullmatch(text) or _TIME_DATE.fullmatch(text)
    if not match:
        raise _not_a_date(value)
    parts = match.groupdict()
    if parts["y"] is not None:
        year, month, day = int(parts["y"]), int(parts["m"]), int(parts["d"])
    else:
        year, month, day = int(parts["Y"]), int(parts["M"]), int(parts["D"])
    try:
        the_date = date(year, month, day)
    except ValueError:
        raise _impossible_date(value, year, month) from None
    if parts["H"] is None:
        return the_date, None, None
    fraction = (parts["F"] or "")[:6].ljust(6, "0")
    try:
        the_time = time(int(parts["H"]), int(parts["Mi"]), int(parts["S"] or 0), int(fraction))
    except ValueError:
        raise ValueError(_("impossible time: %(value)s") % {"value": _show(value)}) from None
    offset = parts.get("tz")
    return the_date, the_time, _parse_offset(offset) if offset else None


def _impossible_date(value: str, year: int, month: int) -> ValueError:
    """The error for a date the calendar does not have, saying why."""
    shown = _show(value)
    if not 1 <= month <= 12:
        message = _("impossible date: %(value)s (there is no month %(month)d)") % {
            "value": shown,
            "month": month,
        }
    elif not 1 <= year <= 9999:
        message = _("impossible date: %(value)s (there is no year %(year)d)") % {
            "value": shown,
            "year": year,
        }
    else:
        message = _("impossible date: %(value)s (%(month)s has %(days)d days)") % {
            "value": shown,
            "month": f"{month:02d}/{year}",
            "days": calendar.monthrange(year, month)[1],
        }
    return ValueError(message)


def _parse_offset(text: str) -> tzinfo:
    if text.upper() == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(_("impossible time zone offset: %(value)s") % {"value": _show(text)})
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if text[0] == "-" else delta)


def parse_datetime(value: object, *, due: bool = False, tz: str | tzinfo = LOCAL_TZ) -> datetime:
    """A timezone-aware moment in ``tz`` (Asia/Ho_Chi_Minh) from a date cell.

    Accepts ``dd/mm/yyyy``, ``dd/mm/yyyy HH:MM[:SS]`` (also with ``-`` or ``.``, one-digit day
    and month), ISO 8601 (an offset or ``Z`` is converted to local time), Excel date cells and
    Excel serial numbers (numeric cells only). A date without a time is 00:00, or 23:59:59 of
    that day when ``due`` is true (a due date). An Excel cell at exactly 00:00 counts as a
    date without a time.
    """
    zone = _as_zone(tz)
    if value is None or value == "":
        raise _date_required()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(zone)
    the_date, the_time, offset = _parse_parts(value)
    if the_time is None:
        the_time = _END_OF_DAY if due else time(0)
    if offset is not None:
        return datetime.combine(the_date, the_time, tzinfo=offset).astimezone(zone)
    return datetime.combine(the_date, the_time, tzinfo=zone)


def parse_date(value: object, *, tz: str | tzinfo = LOCAL_TZ) -> date:
    """A calendar date from the same forms as :func:`parse_datetime`; a time is dropped, after
    converting a moment with an offset to local time."""
    if value is None or value == "":
        raise _date_required()
    the_date, the_time, offset = _parse_parts(value)
    if offset is not None and the_time is not None:
        moment = datetime.combine(the_date, the_time, tzinfo=offset)
        return moment.astimezone(_as_zone(tz)).date()
    return the_date
