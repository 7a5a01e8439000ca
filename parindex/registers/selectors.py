"""Reads of the registers, scoped to the viewer through `restrict`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import F, Q, QuerySet

from parindex.org import access
from parindex.org.access import get_object_for_user
from parindex.org.models import Agency, Unit
from parindex.registers.choices import RecommendationState
from parindex.registers.models import Inspection, LegalDocument, Recommendation, Review, today


def documents_for_user(user: Any) -> QuerySet[LegalDocument]:
    return LegalDocument.objects.restrict(user).select_related("agency", "lead_unit")


def inspections_for_user(user: Any) -> QuerySet[Inspection]:
    return Inspection.objects.restrict(user).select_related("agency", "unit", "target_unit")


def recommendations_for_user(user: Any) -> QuerySet[Recommendation]:
    return Recommendation.objects.restrict(user).select_related(
        "agency", "unit", "inspection", "review", "task"
    )


def reviews_for_user(user: Any) -> QuerySet[Review]:
    return Review.objects.restrict(user).select_related("agency", "unit")


def get_document_for_user(user: Any, agency: str, code: str, *, write: bool = False):
    return get_object_for_user(
        documents_for_user(user), user, write=write, agency__code=agency, code=code
    )


def get_inspection_for_user(user: Any, agency: str, code: str, *, write: bool = False):
    return get_object_for_user(
        inspections_for_user(user), user, write=write, agency__code=agency, code=code
    )


def get_recommendation_for_user(user: Any, agency: str, code: str, *, write: bool = False):
    return get_object_for_user(
        recommendations_for_user(user), user, write=write, agency__code=agency, code=code
    )


def get_review_for_user(user: Any, agency: str, code: str, *, write: bool = False):
    return get_object_for_user(
        reviews_for_user(user), user, write=write, agency__code=agency, code=code
    )


# -- states as query filters (the same rules as the models' methods) ----------------------------


def rec_state_q(state: str, on: dt.date) -> Q:
    """Recommendations in `state` read at `on` (see `Recommendation.state`)."""
    done = Q(done_on__isnull=False, done_on__lte=on)
    if state == RecommendationState.DONE_ON_TIME:
        return done & Q(done_on__lte=F("due_date"))
    if state == RecommendationState.DONE_LATE:
        return done & Q(done_on__gt=F("due_date"))
    if state == RecommendationState.OVERDUE:
        return ~done & Q(due_date__lt=on)
    return ~done & Q(due_date__gte=on)


def document_late_q(on: dt.date) -> Q:
    """Counted (not withdrawn by `on`) and overdue, or submitted after the deadline."""
    live = Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
    submitted = Q(submitted_on__isnull=False, submitted_on__lte=on)
    return live & (
        (submitted & Q(submitted_on__gt=F("submission_due")))
        | (~submitted & Q(submission_due__lt=on))
    )


def document_overdue_q(on: dt.date) -> Q:
    live = Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
    submitted = Q(submitted_on__isnull=False, submitted_on__lte=on)
    return live & ~submitted & Q(submission_due__lt=on)


def overdue_recommendations(
    agency: Agency, *, units: Any = None, on: dt.date | None = None
) -> QuerySet[Recommendation]:
    """Open recommendations past their deadline, oldest deadline first."""
    on = on or today()
    qs = Recommendation.objects.filter(agency=agency).filter(
        rec_state_q(RecommendationState.OVERDUE, on)
    )
    if units is not None:
        qs = qs.filter(unit__in=units)
    return qs.select_related("unit", "agency").order_by("due_date", "code")


def late_documents(
    agency: Agency, year: int, *, units: Any = None, on: dt.date | None = None
) -> QuerySet[LegalDocument]:
    on = on or today()
    qs = LegalDocument.objects.filter(agency=agency, plan_year=year).filter(document_late_q(on))
    if units is not None:
        qs = qs.filter(lead_unit__in=units)
    return qs.select_related("lead_unit", "agency").order_by("submission_due", "code")


def board(user: Any, agency: Agency | None, *, on: dt.date | None = None, year: int | None = None):
    """Recommendations counted by owner unit and state: rows of (unit, {state: n}, total)."""
    on = on or today()
    qs = recommendations_for_user(user)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if year:
        qs = qs.filter(due_date__year=year)
    counts: dict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(RecommendationState.values, 0)
    )
    for unit_id, due, done in qs.values_list("unit_id", "due_date", "done_on"):
        rec = Recommendation(unit_id=unit_id, due_date=due, done_on=done)
        counts[unit_id][rec.state(on)] += 1
    units = Unit.objects.in_bulk(list(counts))
    rows = [
        {"unit": units[uid], "counts": c, "total": sum(c.values())} for uid, c in counts.items()
    ]
    rows.sort(key=lambda r: r["unit"].code)
    return rows


def may_keep_inspections(user: Any) -> bool:
    """Whether the user may add inspections somewhere (inspectorate; PAR checks: secretariat)."""
    from parindex.org.choices import UnitKind

    if access.may_create(user):
        return True
    mine = access.member_unit_ids(user)
    return Unit.objects.filter(pk__in=mine, kind=UnitKind.INSPECTORATE).exists()
