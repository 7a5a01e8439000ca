"""Calendar feeds: the person's list of secret URLs, and the public .ics behind each."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.common.forms import call_service
from parindex.org import access
from parindex.org.models import Unit
from parindex.workplan import selectors, services
from parindex.workplan.choices import FeedKind, TaskStatus
from parindex.workplan.forms import FeedForm
from parindex.workplan.ical import tasks_calendar
from parindex.workplan.models import CalendarFeed
from parindex.workplan.models import today as local_today

FEED_LIMIT = 2000


@login_required
def feed_list(request: HttpRequest) -> HttpResponse:
    units = Unit.objects.filter(pk__in=access.member_unit_ids(request.user))
    form = FeedForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        created = call_service(
            form,
            lambda: services.feed_create(
                actor=request.user, kind=form.cleaned_data["kind"], unit=form.cleaned_data["unit"]
            ),
        )
        if created:
            _feed, key = created
            url = request.build_absolute_uri(f"/workplan/feeds/{key}.ics")
            messages.success(
                request, _("Your new calendar address (shown only once): %(url)s") % {"url": url}
            )
            return redirect("workplan:feed_list")
    return render(
        request,
        "workplan/feeds.html",
        {
            "title": _("Calendar feeds"),
            "form": form,
            "feeds": CalendarFeed.objects.filter(user=request.user).select_related("unit"),
        },
    )


@login_required
@require_POST
def feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(CalendarFeed, pk=pk, user=request.user)
    services.feed_revoke(actor=request.user, feed=feed)
    messages.success(request, _("Feed revoked: its address no longer works."))
    return redirect("workplan:feed_list")


def feed_ics(request: HttpRequest, key: str) -> HttpResponse:
    """The .ics of a live feed; 404 for an unknown or revoked key (no sign-in: the key is it)."""
    feed = (
        CalendarFeed.objects.select_related("user", "unit")
        .filter(key_hash=CalendarFeed.hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.user.is_active:
        raise Http404
    since = local_today() - dt.timedelta(days=366)
    if feed.kind == FeedKind.UNIT:
        if not access.is_member_of_unit(feed.user, feed.unit_id):
            raise Http404  # the person left the unit: the feed stops
        tasks = selectors.tasks_for_user(feed.user).filter(lead_unit=feed.unit)
        name = f"parindex – {feed.unit.code}"
    else:
        tasks = selectors.my_tasks(feed.user)
        name = f"parindex – {feed.user.display_name}"
    tasks = tasks.exclude(status=TaskStatus.CANCELLED).filter(due_date__gte=since)
    body = tasks_calendar(
        tasks[:FEED_LIMIT], name=name, base_url=request.build_absolute_uri("/").rstrip("/")
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="parindex.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
