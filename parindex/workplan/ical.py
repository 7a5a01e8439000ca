"""iCalendar (RFC 5545) feeds of tasks, for Outlook, Google Calendar and phones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from parindex.workplan.choices import TaskStatus
from parindex.workplan.models import Task


def tasks_calendar(tasks: Iterable[Task], *, name: str, base_url: str = "") -> bytes:
    """A VCALENDAR with one all-day VEVENT per task on its due date."""
    cal = Calendar()
    cal.add("prodid", "-//parindex//workplan//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = timezone.now()
    for task in tasks:
        event = Event()
        event.add("uid", f"task-{task.pk}@parindex")
        event.add("dtstamp", stamp)
        event.add("dtstart", task.due_date)
        event.add("dtend", task.due_date + dt.timedelta(days=1))
        prefix = "✔ " if task.status == TaskStatus.DONE else ""
        event.add("summary", f"{prefix}{task.title} [{task.lead_unit.code}]")
        lines = [f"{task.get_status_display()} – {task.progress}%"]
        if task.expected_output:
            lines.append(f"Sản phẩm: {task.expected_output}")
        if task.description:
            lines.append(task.description)
        url = f"{base_url.rstrip('/')}{task.get_absolute_url()}"
        lines.append(url)
        event.add("description", "\n".join(lines))
        if base_url:
            event.add("url", url)
        event.add("status", "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("last-modified", task.updated_at)
        cal.add_component(event)
    return cal.to_ical()
