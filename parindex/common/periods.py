"""Plausible dates and years for the figure endpoints and filters (issue 12, item 11).

A date such as 9999-12-31 is valid for Python but breaks the figures (the day after it does not
exist) and means nothing to an index of administrative reform. API parameters use these
annotated types, so a value outside the window is a field error (HTTP 422 naming the field),
never a crash.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field

#: The window every figure period must lie in.
EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


def check_date(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return value


PlausibleDate = Annotated[dt.date, AfterValidator(check_date)]
PlausibleYear = Annotated[int, Field(ge=EARLIEST.year, le=LATEST.year)]


def year_param(value: str | None, default: int) -> int:
    """A year from a query string: `default` when missing, not a number, or outside the
    window (a page never fails on ?year=99999999999)."""
    try:
        year = int(value or default)
    except (TypeError, ValueError):
        return default
    return year if EARLIEST.year <= year <= LATEST.year else default


#: For django-filter year filters: ``NumberFilter(..., **YEAR_BOUNDS)``.
YEAR_BOUNDS = {"min_value": EARLIEST.year, "max_value": LATEST.year}
