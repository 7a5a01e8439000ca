"""The weekly summary: each leader and unit head gets, within their scope, the points at risk
and what changed since the last summary. Nothing is sent to someone with nothing at risk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from parindex.jobs.tasks import queue_email
from parindex.metrics import selectors, services
from parindex.org.choices import Role
from parindex.org.models import Agency, Membership


@dataclass
class SummaryResult:
    agencies: int = 0
    sent: int = 0
    without_email: int = 0
    recipients: list[str] = field(default_factory=list)


def diff(previous: list[dict[str, Any]] | None, current: list[dict[str, Any]]) -> dict[str, Any]:
    """New, worse, better and cleared items against the previous list (by code)."""
    before = {i["code"]: i for i in previous or []}
    now = {i["code"]: i for i in current}
    return {
        "new": [i for c, i in now.items() if c not in before],
        "worse": [
            {**i, "was": before[c]["at_risk"]}
            for c, i in now.items()
            if c in before and i["at_risk"] > before[c]["at_risk"]
        ],
        "better": [
            {**i, "was": before[c]["at_risk"]}
            for c, i in now.items()
            if c in before and i["at_risk"] < before[c]["at_risk"]
        ],
        "cleared": [i for c, i in before.items() if c not in now],
        "first": previous is None,
    }


def _absolute(path: str, base_url: str) -> str:
    if path.startswith("http://") or path.startswith("https://"):
        return path
    return base_url.rstrip("/") + path if base_url else path


def _overdue_recommendations(
    agency: Agency, unit: Any, today: dt.date, base_url: str
) -> list[dict[str, Any]]:
    """Overdue recommendations of the agency (or of one unit), for the weekly summary."""
    from parindex.registers.selectors import overdue_recommendations

    rows = overdue_recommendations(agency, units=[unit.pk] if unit is not None else None, on=today)
    return [
        {
            "code": r.code,
            "text": r.text,
            "unit": r.unit.code,
            "due_date": r.due_date,
            "url": _absolute(r.get_absolute_url(), base_url),
        }
        for r in rows[:20]
    ]


def send_summary(
    *,
    agency: Agency | None = None,
    today: dt.date | None = None,
    base_url: str | None = None,
    dry_run: bool = False,
) -> SummaryResult:
    today = today or timezone.localdate()
    base_url = settings.PARINDEX_BASE_URL if base_url is None else base_url
    year = today.year
    result = SummaryResult()
    agencies = [agency] if agency is not None else list(Agency.objects.order_by("code"))
    for ag in agencies:
        if not selectors.Framework.objects.filter(year=year).exists():
            continue
        with selectors.caching(), translation.override("vi"):
            rows = selectors.risk_rows(ag, year, today=today)
            items = selectors.risk_items(rows)
        for item, row in zip(items, rows, strict=True):
            item["url"] = _absolute(row.act_url or "", base_url) if row.act_url else ""
            item["leaf_url"] = _absolute(
                reverse("scorecards:leaf", args=[ag.code, year, row.code]), base_url
            )
        previous = selectors.last_snapshot(ag, today)
        previous_items = previous.items if previous is not None else None
        result.agencies += 1
        memberships = Membership.objects.filter(
            role__in=[Role.LEADER, Role.UNIT_HEAD], user__is_active=True
        ).select_related("user", "unit", "agency")
        for m in memberships:
            if m.role == Role.LEADER and m.agency_id == ag.pk:
                mine = items
                mine_prev = previous_items
                scope_label = ag.name
                unit_code = None
            elif m.role == Role.UNIT_HEAD and m.unit is not None and m.unit.agency_id == ag.pk:
                mine = [i for i in items if i["lead_unit"] == m.unit.code]
                mine_prev = (
                    [i for i in previous_items if i.get("lead_unit") == m.unit.code]
                    if previous_items is not None
                    else None
                )
                scope_label = m.unit.name
                unit_code = m.unit.code
            else:
                continue
            overdue = _overdue_recommendations(ag, m.unit if unit_code else None, today, base_url)
            if not mine and not overdue:
                continue
            if not m.user.email:
                result.without_email += 1
                continue
            risk_path = reverse("metrics:risks", args=[ag.code, year])
            if unit_code:
                risk_path += f"?unit={unit_code}"
            context = {
                "user": m.user,
                "agency": ag,
                "scope_label": scope_label,
                "year": year,
                "today": today,
                "items": mine,
                "total": sum(i["at_risk"] for i in mine),
                "changes": diff(mine_prev, mine),
                "overdue_recommendations": overdue,
                "risk_url": _absolute(risk_path, base_url),
                "home_url": _absolute(reverse("home:overview"), base_url),
            }
            with translation.override("vi"):
                subject = _("Points at risk on the PAR Index — %(scope)s, week of %(day)s") % {
                    "scope": scope_label,
                    "day": today.strftime("%d/%m/%Y"),
                }
                text = render_to_string("metrics/email/summary.txt", context)
                html = render_to_string("metrics/email/summary.html", context)
            if not dry_run:
                message = EmailMultiAlternatives(subject, text, to=[m.user.email])
                message.attach_alternative(html, "text/html")
                queue_email(message)  # sent by the worker (docs/jobs.md)
            result.sent += 1
            result.recipients.append(m.user.email)
        if not dry_run:
            services.risk_snapshot_take(agency=ag, year=year, items=items, on=today)
    return result
