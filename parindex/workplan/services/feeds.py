"""Secret iCal feed URLs: create (the key is shown once) and revoke."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import record
from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.models import Unit
from parindex.workplan.choices import FeedKind
from parindex.workplan.models import CalendarFeed


@transaction.atomic
def feed_create(*, actor: Any, kind: str, unit: Unit | None = None) -> tuple[CalendarFeed, str]:
    """A new feed for the actor's tasks, or for a unit they belong to. Returns (feed, key)."""
    if actor is None or not getattr(actor, "pk", None):
        raise PermissionDenied
    if kind not in FeedKind.values:
        raise DomainError(_("Unknown kind of feed."), field="kind")
    if kind == FeedKind.UNIT:
        if unit is None:
            raise DomainError(_("Choose a unit."), field="unit")
        if not (access.is_member_of_unit(actor, unit) or access.is_admin(actor)):
            raise PermissionDenied
    else:
        unit = None
    key = "cal_" + secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        user=actor, kind=kind, unit=unit, prefix=key[:10], key_hash=CalendarFeed.hash_key(key)
    )
    record(
        actor=actor,
        action="calendar_feed.created",
        target=feed,
        agency=unit.agency_id if unit else None,
        after={"kind": kind, "prefix": feed.prefix},
    )
    return feed, key


@transaction.atomic
def feed_revoke(*, actor: Any, feed: CalendarFeed) -> CalendarFeed:
    """Revoke a feed: its URL stops working at once. Its owner or an administrator may."""
    if actor is not None and feed.user_id != actor.pk and not access.is_admin(actor):
        raise PermissionDenied
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        record(
            actor=actor,
            action="calendar_feed.revoked",
            target=feed,
            agency=feed.unit.agency_id if feed.unit_id else None,
            after={"prefix": feed.prefix},
        )
    return feed
