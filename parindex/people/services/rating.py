"""The yearly rating season: the person's self-assessment, the head's proposal, the decision.

parindex never picks a level. Every step is a person's act, audited; the "xuất sắc" cap is only
warned about (`cap_status`), never enforced.
"""

from __future__ import annotations

import math
from contextlib import AbstractContextManager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import Change, audited, record_created
from parindex.common.errors import DomainError
from parindex.org.access import can
from parindex.people.choices import RatingLevel, RatingStage
from parindex.people.models import DECIDE, PROPOSE, SELF_ASSESS, Rating, RatingSeason, StaffMember
from parindex.people.services.records import require_manager

RATING_FIELDS = (
    "stage",
    "self_assessment",
    "self_level",
    "head_comment",
    "proposed_level",
    "decided_level",
    "decision_note",
)


@dataclass(frozen=True)
class CapStatus:
    """How many "xuất sắc" against the cap (a share of "tốt"); `over` means warn."""

    excellent: int
    good: int
    cap_percent: Decimal
    cap: int

    @property
    def over(self) -> bool:
        return self.excellent > self.cap


def cap_status(season: RatingSeason, *, stage: str = "proposed") -> CapStatus:
    """Counts the proposed (or decided, `stage="decided"`) levels of the season."""
    field = "decided_level" if stage == "decided" else "proposed_level"
    levels = list(season.ratings.values_list(field, flat=True))
    excellent = levels.count(RatingLevel.EXCELLENT)
    good = levels.count(RatingLevel.GOOD)
    cap = math.floor(Decimal(good) * season.excellent_cap_percent / 100)
    return CapStatus(excellent, good, season.excellent_cap_percent, cap)


@transaction.atomic
def season_open(
    *, actor: Any, agency: Any, year: int, excellent_cap_percent: Decimal | None = None
) -> RatingSeason:
    """The secretariat opens the rating season of a year (the cap defaults to 20 %)."""
    require_manager(actor, agency)
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    cap = Decimal(20) if excellent_cap_percent is None else Decimal(excellent_cap_percent)
    if not 0 <= cap <= 100:
        raise DomainError(
            _("The cap is a percentage from 0 to 100."), field="excellent_cap_percent"
        )
    season, created = RatingSeason.objects.get_or_create(
        agency=agency, year=year, defaults={"excellent_cap_percent": cap}
    )
    if not created:
        raise DomainError(_("This agency already has a rating season for this year."), field="year")
    record_created(actor, "rating_season.opened", season, ("year", "excellent_cap_percent"))
    return season


@transaction.atomic
def season_update(
    *, actor: Any, season: RatingSeason, excellent_cap_percent: Decimal, is_open: bool
) -> RatingSeason:
    require_manager(actor, season.agency_id)
    cap = Decimal(excellent_cap_percent)
    if not 0 <= cap <= 100:
        raise DomainError(
            _("The cap is a percentage from 0 to 100."), field="excellent_cap_percent"
        )
    fields = ("excellent_cap_percent", "is_open")
    with audited(actor, "rating_season.updated", season, fields, always=True):
        season.excellent_cap_percent = cap
        season.is_open = is_open
        season.save()
    return season


def _rating(season: RatingSeason, member: StaffMember) -> Rating:
    if member.agency_id != season.agency_id:
        raise DomainError(_("The person belongs to another agency."))
    if not season.is_open:
        raise DomainError(_("The rating season is closed."))
    rating, _created = Rating.objects.select_for_update().get_or_create(season=season, staff=member)
    return rating


def _level(value: Any, field: str, *, required: bool = True) -> str:
    value = str(value or "")
    if not value and not required:
        return ""
    if value not in RatingLevel.values:
        raise DomainError(_("Choose one of the four levels."), field=field)
    return value


def _audited(actor: Any, rating: Rating, action: str) -> AbstractContextManager[Change]:
    """Every step of a rating is written, changed or not, in its season's agency."""
    return audited(
        actor, action, rating, RATING_FIELDS, agency=rating.season.agency_id, always=True
    )


@transaction.atomic
def rating_self_assess(
    *, actor: Any, season: RatingSeason, member: StaffMember, text: str, level: str = ""
) -> Rating:
    """The person writes their self-assessment (and may name the level they think they reached)."""
    rating = _rating(season, member)
    if not can(actor, SELF_ASSESS, rating):
        raise PermissionDenied
    if rating.stage == RatingStage.DECIDED:
        raise DomainError(_("The rating is decided; it no longer changes."))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the self-assessment."), field="self_assessment")
    if len(text) > 20000:
        raise DomainError(_("At most 20 000 characters."), field="self_assessment")
    with _audited(actor, rating, "rating.self_assessed"):
        rating.self_assessment = text
        rating.self_level = _level(level, "self_level", required=False)
        rating.save()
    return rating


@transaction.atomic
def rating_propose(
    *, actor: Any, season: RatingSeason, member: StaffMember, level: str, comment: str = ""
) -> tuple[Rating, CapStatus]:
    """The head (or a leader) proposes one of the four levels; returns the season's cap status
    so the caller can warn when "xuất sắc" goes past the cap."""
    rating = _rating(season, member)
    if not can(actor, PROPOSE, rating):
        raise PermissionDenied
    if rating.stage == RatingStage.DECIDED:
        raise DomainError(_("The rating is decided; it no longer changes."))
    with _audited(actor, rating, "rating.proposed"):
        rating.proposed_level = _level(level, "proposed_level")
        rating.head_comment = (comment or "").strip()[:20000]
        rating.proposed_by = actor if getattr(actor, "pk", None) else None
        rating.proposed_at = timezone.now()
        rating.stage = RatingStage.PROPOSED
        rating.save()
    return rating, cap_status(season)


@transaction.atomic
def rating_decide(
    *, actor: Any, season: RatingSeason, member: StaffMember, level: str, note: str = ""
) -> tuple[Rating, CapStatus]:
    """The competent level (the agency's leader) decides the level."""
    rating = _rating(season, member)
    if not can(actor, DECIDE, rating):
        raise PermissionDenied
    with _audited(actor, rating, "rating.decided"):
        rating.decided_level = _level(level, "decided_level")
        rating.decision_note = (note or "").strip()[:20000]
        rating.decided_by = actor if getattr(actor, "pk", None) else None
        rating.decided_at = timezone.now()
        rating.stage = RatingStage.DECIDED
        rating.save()
    return rating, cap_status(season, stage="decided")
