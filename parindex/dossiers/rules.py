"""The derived columns of a dossier, computed in one place for every writer (import, API,
demo, tests): the local dates the figures filter on, whether it counts, and its outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

from parindex.common.workdays import TZ
from parindex.dossiers.choices import NOT_RECEIVED, Outcome


def outcome_of(due_at: dt.datetime, ended_at: dt.datetime | None, supplement_count: int) -> int:
    """docs/formats.md §6: late if the end is after the due moment or more than one supplement was
    requested; otherwise early if the end's local date is before the due's; otherwise on time."""
    if ended_at is None:
        return Outcome.OPEN
    if ended_at > due_at or supplement_count > 1:
        return Outcome.LATE
    if ended_at.astimezone(TZ).date() < due_at.astimezone(TZ).date():
        return Outcome.EARLY
    return Outcome.ON_TIME


def derived_fields(
    *,
    received_at: dt.datetime,
    due_at: dt.datetime,
    ended_at: dt.datetime | None,
    status: int,
    supplement_count: int,
) -> dict[str, Any]:
    return {
        "received_on": received_at.astimezone(TZ).date(),
        "due_on": due_at.astimezone(TZ).date(),
        "ended_on": ended_at.astimezone(TZ).date() if ended_at is not None else None,
        "counted": status not in NOT_RECEIVED,
        "outcome": outcome_of(due_at, ended_at, supplement_count),
    }
