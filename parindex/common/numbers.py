"""Numbers as people read them: one formatter for documents, one for screens.

- Documents (official reports, notices, files sent out) are Vietnamese whatever the reader's
  language (Decree 30/2020/NĐ-CP): `.` groups thousands, `,` marks decimals (`1.234,5`), a
  percentage has a space before its sign (`38,5 %`). Use `vn_number` / `vn_percent`; text frozen
  into snapshots and report runs uses them too, so it keeps one notation.
- Screens follow the reader's language through Django's localisation (`parindex/formats/`):
  `38,5` in Vietnamese, `38.5` in English. Use `screen_number` / `screen_percent` (or the
  `localize` template machinery); never hand-swap `.` and `,` for a screen.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import formats

MISSING = "-"


def to_decimal(value: Any) -> Decimal | None:
    """A number as a Decimal (floats by their shortest repr); None for None, "" or non-numbers."""
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


def _rounded(number: Decimal, decimals: int | None) -> tuple[Decimal, int]:
    """The number at `decimals` places (half up), or at its significant places when None."""
    if decimals is not None:
        return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), decimals
    number = number.normalize() if number != number.to_integral() else number.quantize(1)
    return number, max(0, -number.as_tuple().exponent)


def vn_number(value: Any, decimals: int | None = None, *, missing: str = MISSING) -> str:
    """`1234.5` → `1.234,5`. `decimals` fixes the places (half up); None keeps the significant
    ones (`10.00` → `10`, `90.25` → `90,25`). None or a non-number gives `missing`."""
    number = to_decimal(value)
    if number is None:
        return missing
    number, places = _rounded(number, decimals)
    text = f"{number:,.{places}f}"
    if text.startswith("-") and set(text[1:]) <= set("0.,"):
        text = text[1:]
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vn_percent(rate: Any, decimals: int = 1, *, missing: str = MISSING) -> str:
    """A fraction 0..1 as a Vietnamese percentage: `0.385` → `38,5 %`."""
    number = to_decimal(rate)
    if number is None:
        return missing
    return f"{vn_number(number * 100, decimals)} %"


def screen_number(value: Any, decimals: int | None = None, *, missing: str = "—") -> str:
    """A number for a screen, in the active language's notation (`38,5` / `38.5`), grouped."""
    number = to_decimal(value)
    if number is None:
        return missing
    number, places = _rounded(number, decimals)
    if number == 0:
        number = abs(number)
    return formats.number_format(number, places, use_l10n=True, force_grouping=True)


def screen_percent(rate: Any, decimals: int = 1, *, missing: str = "—") -> str:
    """A fraction 0..1 as a percentage for a screen: `38,5 %` in Vietnamese, `38.5 %` in English."""
    number = to_decimal(rate)
    if number is None:
        return missing
    return f"{screen_number(number * 100, decimals)} %"
