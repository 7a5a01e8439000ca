"""Writes of the outreach register (tuyên truyền): activities planned, done, and the procedures
they target."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record_created, snapshot
from parindex.citizens.choices import OutreachKind
from parindex.citizens.models import OutreachActivity
from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.access import Action, can
from parindex.org.models import Agency, Unit

OUTREACH_FIELDS = (
    "kind",
    "topic",
    "audience",
    "unit",
    "planned_on",
    "done_on",
    "participants",
    "note",
)


def _may_write(actor: Any, agency: Agency, unit: Unit) -> bool:
    if actor is None:
        return True
    return access.may_manage_agency(actor, agency) or access.heads_unit(actor, unit)


def _validate(agency: Agency, data: dict[str, Any], procedures: list) -> None:
    if data["kind"] not in OutreachKind.values:
        raise DomainError(_("Choose a kind of activity."), field="kind")
    if not (data.get("topic") or "").strip():
        raise DomainError(_("Write the topic."), field="topic")
    if data["unit"].agency_id != agency.pk:
        raise DomainError(_("Choose a unit of the agency."), field="unit")
    planned: dt.date = data["planned_on"]
    if not 2000 <= planned.year <= 2100:
        raise DomainError(_("The date must be between 2000 and 2100."), field="planned_on")
    done = data.get("done_on")
    if done is not None and not 2000 <= done.year <= 2100:
        raise DomainError(_("The date must be between 2000 and 2100."), field="done_on")
    participants = data.get("participants")
    if participants is not None and not 0 <= participants <= 1_000_000:
        raise DomainError(_("Participants: 0 to 1,000,000."), field="participants")
    if any(p.agency_id != agency.pk for p in procedures):
        raise DomainError(_("Choose procedures of the agency."), field="procedures")


def _after(activity: OutreachActivity) -> dict[str, Any]:
    return {
        **snapshot(activity, OUTREACH_FIELDS),
        "procedures": sorted(p.code for p in activity.procedures.all()),
    }


@transaction.atomic
def outreach_create(
    *, actor: Any, agency: Agency, procedures: list | None = None, **data: Any
) -> OutreachActivity:
    procedures = list(procedures or [])
    data.setdefault("audience", "")
    data.setdefault("note", "")
    _validate(agency, data, procedures)
    if not _may_write(actor, agency, data["unit"]):
        raise PermissionDenied
    activity = OutreachActivity.objects.create(agency=agency, **data)
    activity.procedures.set(procedures)
    record_created(actor, "outreach.created", activity, _after)
    return activity


@transaction.atomic
def outreach_update(
    *, actor: Any, activity: OutreachActivity, procedures: list | None = None, **data: Any
) -> OutreachActivity:
    if actor is not None and not can(actor, Action.CHANGE, activity):
        raise PermissionDenied
    merged = {name: getattr(activity, name) for name in OUTREACH_FIELDS}
    merged.update(data)
    procedures = list(procedures) if procedures is not None else list(activity.procedures.all())
    _validate(activity.agency, merged, procedures)
    if not _may_write(actor, activity.agency, merged["unit"]):
        raise PermissionDenied
    with audited(actor, "outreach.updated", activity, _after):
        for name, value in data.items():
            setattr(activity, name, value)
        activity.save()
        activity.procedures.set(procedures)
    return activity
