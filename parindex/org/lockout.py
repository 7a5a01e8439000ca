"""Login lockout (django-axes): the page a locked-out login gets, and who is locked now.

The unlock itself is the audited service `org.services.person_unlock`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the Vietnamese lockout page, HTTP 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes},
        status=429,
    )


def is_locked(username: str) -> bool:
    """Whether logins of `username` are refused now (failures at the limit, not yet cooled)."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        username=username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    ).exists()
