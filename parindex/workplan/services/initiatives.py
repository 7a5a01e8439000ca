"""The register of innovation initiatives: register, report, evaluate, apply; exemptions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record, record_created
from parindex.common.errors import DomainError, refuse_unknown
from parindex.org.access import Action
from parindex.org.models import Unit, User
from parindex.workplan.choices import EVALUATION_STATES, INITIATIVE_TRANSITIONS, InitiativeStatus
from parindex.workplan.models import (
    EVALUATE,
    Initiative,
    InitiativeAttachment,
    InitiativeExemption,
)
from parindex.workplan.services._common import (
    check_file,
    heads_unit,
    is_secretariat,
    not_a_member,
    require,
)

INITIATIVE_FIELDS = (
    "title",
    "problem",
    "solution",
    "expected_effect",
    "owner",
    "start_date",
    "end_date",
)
AUDIT_FIELDS = ("year", "unit", *INITIATIVE_FIELDS, "status", "board_notes", "board_score")


def _check(data: dict[str, Any], unit: Unit) -> None:
    if not (data.get("title") or "").strip():
        raise DomainError(_("A title is required."), field="title")
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        raise DomainError(_("The end date cannot be before the start date."), field="end_date")
    owner: User | None = data.get("owner")
    if owner is not None and not owner.memberships.filter(unit__agency_id=unit.agency_id).exists():
        raise not_a_member(owner.username, "owner")


@transaction.atomic
def initiative_register(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    title: str,
    problem: str = "",
    solution: str = "",
    expected_effect: str = "",
    owner: User | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Initiative:
    """Register a unit's initiative for a year: its head or the secretariat; one per unit a year."""
    if not (is_secretariat(actor, unit.agency_id) or heads_unit(actor, unit.pk)):
        raise PermissionDenied
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    if Initiative.objects.filter(unit=unit, year=year).exists():
        raise DomainError(
            _("This unit already registered its initiative for this year."), field="unit"
        )
    data = {
        "title": (title or "").strip(),
        "problem": problem.strip(),
        "solution": solution.strip(),
        "expected_effect": expected_effect.strip(),
        "owner": owner,
        "start_date": start_date,
        "end_date": end_date,
    }
    _check(data, unit)
    initiative = Initiative.objects.create(agency_id=unit.agency_id, unit=unit, year=year, **data)
    record_created(actor, "initiative.registered", initiative, AUDIT_FIELDS)
    return initiative


@transaction.atomic
def initiative_update(*, actor: Any, initiative: Initiative, **changes: Any) -> Initiative:
    require(actor, Action.CHANGE, initiative)
    refuse_unknown("initiative_update", changes, INITIATIVE_FIELDS)
    if initiative.status in (
        InitiativeStatus.RECOGNISED,
        InitiativeStatus.NOT_RECOGNISED,
        InitiativeStatus.APPLIED,
    ) and not is_secretariat(actor, initiative.agency_id):
        raise DomainError(_("An evaluated initiative can no longer be changed by the unit."))
    data = {f: changes.get(f, getattr(initiative, f)) for f in INITIATIVE_FIELDS}
    _check(data, initiative.unit)
    with audited(actor, "initiative.updated", initiative, AUDIT_FIELDS):
        for key, value in changes.items():
            setattr(initiative, key, value.strip() if isinstance(value, str) else value)
        initiative.save()
    return initiative


@transaction.atomic
def initiative_transition(
    *,
    actor: Any,
    initiative: Initiative,
    to: str,
    board_notes: str = "",
    board_score: Decimal | str | None = None,
) -> Initiative:
    """Move an initiative on: registered → in progress → submitted → recognised / not
    recognised → applied (only from recognised).

    The unit (its head) or the secretariat moves it up to "submitted" and to "applied"; the
    evaluation board's decision (recognised / not recognised, with notes and a score 0–100)
    is recorded by the secretariat.
    """
    require(actor, Action.CHANGE, initiative)
    if to not in InitiativeStatus.values:
        raise DomainError(_("Unknown status."), field="status")
    allowed = INITIATIVE_TRANSITIONS[InitiativeStatus(initiative.status)]
    if to not in allowed:
        raise DomainError(
            _("An initiative cannot go from “%(from)s” to “%(to)s”.")
            % {"from": initiative.get_status_display(), "to": InitiativeStatus(to).label},
            field="status",
        )
    if to in EVALUATION_STATES:
        require(actor, EVALUATE, initiative)
        score = _board_score(board_notes, board_score)
    with audited(actor, f"initiative.{to}", initiative, AUDIT_FIELDS, always=True):
        if to in EVALUATION_STATES:
            initiative.board_notes = board_notes.strip()
            initiative.board_score = score
        initiative.status = to
        initiative.save()
    return initiative


def _board_score(board_notes: str, board_score: Decimal | str | None) -> Decimal | None:
    """The evaluation board's score (0–100, or none); its notes are required."""
    if not (board_notes or "").strip():
        raise DomainError(_("Record the evaluation board's notes."), field="board_notes")
    if board_score in (None, ""):
        return None
    try:
        score = Decimal(str(board_score).replace(",", "."))
    except InvalidOperation:
        raise DomainError(_("The score is a number from 0 to 100."), field="board_score") from None
    if not Decimal(0) <= score <= Decimal(100):
        raise DomainError(_("The score is a number from 0 to 100."), field="board_score")
    return score


@transaction.atomic
def initiative_add_file(
    *, actor: Any, initiative: Initiative, file: Any, title: str = ""
) -> InitiativeAttachment:
    require(actor, Action.CHANGE, initiative)
    if not file:
        raise DomainError(_("Choose a file."), field="file")
    check_file(file, "file")
    attachment = InitiativeAttachment.objects.create(
        initiative=initiative,
        file=file,
        title=(title or "").strip() or file.name[:255],
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        actor=actor,
        action="initiative.file_added",
        target=initiative,
        agency=initiative.agency_id,
        after={"title": attachment.title, "file": attachment.file.name},
    )
    return attachment


@transaction.atomic
def exemption_set(*, actor: Any, unit: Unit, reason: str) -> InitiativeExemption:
    """Exempt a unit from registering an initiative (the secretariat decides)."""
    if not is_secretariat(actor, unit.agency_id):
        raise PermissionDenied
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for the exemption."), field="reason")
    exemption, _created = InitiativeExemption.objects.update_or_create(
        unit=unit, defaults={"reason": reason.strip()}
    )
    record(
        actor=actor,
        action="initiative.exemption_set",
        target=unit,
        agency=unit.agency_id,
        after={"reason": exemption.reason},
    )
    return exemption


@transaction.atomic
def exemption_clear(*, actor: Any, unit: Unit) -> None:
    if not is_secretariat(actor, unit.agency_id):
        raise PermissionDenied
    deleted, _rows = InitiativeExemption.objects.filter(unit=unit).delete()
    if deleted:
        record(
            actor=actor, action="initiative.exemption_cleared", target=unit, agency=unit.agency_id
        )
