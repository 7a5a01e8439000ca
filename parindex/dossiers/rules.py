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


def late_reasons(
    *,
    due_at: dt.datetime,
    ended_at: dt.datetime | None,
    supplement_count: int,
    now: dt.datetime,
) -> list[str]:
    """Why a dossier is late (or overdue), in words for a screen: each rule of :func:`outcome_of`
    that applies ("kết thúc sau ngày hẹn trả 05/03/2026", "yêu cầu bổ sung 2 lần"); empty when
    it is not late."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    due = due_at.astimezone(TZ).strftime("%d/%m/%Y")
    reasons = []
    if ended_at is not None and ended_at > due_at:
        reasons.append(_("finished after the due date %(due)s") % {"due": due})
    elif ended_at is None and due_at < now:
        reasons.append(_("no result yet, the due date %(due)s has passed") % {"due": due})
    if supplement_count > 1:
        reasons.append(
            ngettext(
                "supplement requested %(count)d time",
                "supplement requested %(count)d times",
                supplement_count,
            )
            % {"count": supplement_count}
        )
    return reasons


def late_reason_text(dossier: Any, now: dt.datetime) -> str:
    """The reasons joined into one line ("trễ hạn vì yêu cầu bổ sung 2 lần"), "" if on time."""
    from django.utils.translation import gettext as _

    reasons = late_reasons(
        due_at=dossier.due_at,
        ended_at=dossier.ended_at,
        supplement_count=dossier.supplement_count,
        now=now,
    )
    if not reasons:
        return ""
    return _("late because %(reasons)s") % {"reasons": "; ".join(reasons)}
