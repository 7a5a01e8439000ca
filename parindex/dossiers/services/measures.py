"""Records behind the Decision 766 measures: apology slips (form 04) and procedure reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import record, snapshot
from parindex.common.errors import DomainError
from parindex.common.uploads import check_upload
from parindex.dossiers.choices import OnlineLevel, Outcome, ReviewDecision, ReviewProposal
from parindex.dossiers.models import APOLOGIZE, ApologySlip, Dossier, Procedure, ProcedureReview
from parindex.org.access import Action, can

SLIP_FIELDS = ("issued_on", "new_due_on", "file_name", "note")
REVIEW_FIELDS = ("proposal", "proposed_level", "reason", "decision", "decided_on", "decision_ref")


def needs_apology(dossier: Dossier) -> bool:
    """A counted dossier resolved late, or still open past its due date (docs/domain.md §2)."""
    if not dossier.counted:
        return False
    if dossier.outcome == Outcome.LATE:
        return True
    return dossier.ended_at is None and dossier.due_at < timezone.now()


def _day(value: Any, field: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(_("Give a date."), field=field)
    return value


@transaction.atomic
def apology_slip_record(
    *,
    actor: Any,
    dossier: Dossier,
    issued_on: dt.date,
    new_due_on: dt.date,
    upload: Any = None,
    note: str = "",
) -> ApologySlip:
    """Record (or correct) the apology slip of a late or overdue dossier; audited.

    The handling unit's people or the secretariat; the slip is issued on or after the
    reception and not in the future, and its new date is after the old due date and not
    before the slip. The file (optional: the slip may be on paper) follows the evidence
    rules (parindex/common/uploads.py)."""
    if actor is not None and not can(actor, APOLOGIZE, dossier):
        raise PermissionDenied
    if not needs_apology(dossier):
        raise DomainError(_("Only a late or overdue dossier needs an apology slip."))
    issued_on = _day(issued_on, "issued_on")
    new_due_on = _day(new_due_on, "new_due_on")
    if issued_on < dossier.received_on:
        raise DomainError(_("The slip cannot be issued before the reception."), field="issued_on")
    if issued_on > timezone.localdate():
        raise DomainError(_("The slip cannot be issued in the future."), field="issued_on")
    if new_due_on <= dossier.due_on:
        raise DomainError(
            _("The new due date must be after the old one (%(day)s).")
            % {"day": dossier.due_on.strftime("%d/%m/%Y")},
            field="new_due_on",
        )
    if new_due_on < issued_on:
        raise DomainError(_("The new due date cannot be before the slip."), field="new_due_on")
    checked = check_upload(upload, field="file") if upload else None
    slip = ApologySlip.objects.filter(dossier=dossier).first()
    before = snapshot(slip, SLIP_FIELDS) if slip is not None else None
    if slip is None:
        slip = ApologySlip(dossier=dossier)
        slip.created_by = actor if getattr(actor, "pk", None) else None
    slip.issued_on = issued_on
    slip.new_due_on = new_due_on
    slip.note = (note or "").strip()[:500]
    if checked is not None:
        slip.file_name = checked.name
        slip.file.save(checked.name, upload if isinstance(upload, File) else File(upload), False)
    slip.save()
    after = snapshot(slip, SLIP_FIELDS)
    if before == after:
        return slip
    record(
        actor=actor,
        action="dossier.apology_recorded",
        target=dossier,
        before=before,
        after=after,
        agency=dossier.agency_id,
    )
    return slip


@transaction.atomic
def procedure_review_propose(
    *,
    actor: Any,
    procedure: Procedure,
    proposal: str,
    proposed_level: str = "",
    reason: str = "",
) -> ProcedureReview:
    """Record what the review proposes for a procedure (the secretariat); audited."""
    if actor is not None and not can(actor, Action.CHANGE, procedure):
        raise PermissionDenied
    if proposal not in ReviewProposal.values:
        raise DomainError(_("Choose a proposal."), field="proposal")
    proposed_level = proposed_level or ""
    if proposal == ReviewProposal.REREGISTER_LEVEL:
        if proposed_level not in OnlineLevel.values:
            raise DomainError(_("Choose the online level to register."), field="proposed_level")
        if proposed_level == procedure.online_level:
            raise DomainError(
                _("The procedure is already registered at this online level."),
                field="proposed_level",
            )
    elif proposed_level:
        raise DomainError(
            _("An online level is proposed only with a re-registration."), field="proposed_level"
        )
    review = ProcedureReview.objects.create(
        agency_id=procedure.agency_id,
        procedure=procedure,
        proposal=proposal,
        proposed_level=proposed_level,
        reason=(reason or "").strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        actor=actor,
        action="procedure_review.proposed",
        target=procedure,
        after=snapshot(review, REVIEW_FIELDS),
        agency=procedure.agency_id,
    )
    return review


@transaction.atomic
def procedure_review_decide(
    *,
    actor: Any,
    review: ProcedureReview,
    decision: str,
    decided_on: dt.date,
    decision_ref: str = "",
) -> ProcedureReview:
    """Close a review with its decision (accepted or rejected), its date and document."""
    if actor is not None and not can(actor, Action.CHANGE, review):
        raise PermissionDenied
    if decision not in (ReviewDecision.ACCEPTED, ReviewDecision.REJECTED):
        raise DomainError(_("Choose accepted or rejected."), field="decision")
    decided_on = _day(decided_on, "decided_on")
    if decided_on > timezone.localdate():
        raise DomainError(_("A decision cannot be dated in the future."), field="decided_on")
    before = snapshot(review, REVIEW_FIELDS)
    review.decision = decision
    review.decided_on = decided_on
    review.decision_ref = (decision_ref or "").strip()[:255]
    review.save()
    after = snapshot(review, REVIEW_FIELDS)
    if before != after:
        record(
            actor=actor,
            action="procedure_review.decided",
            target=review.procedure,
            before=before,
            after=after,
            agency=review.agency_id,
        )
    return review
