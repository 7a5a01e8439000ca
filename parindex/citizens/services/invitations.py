"""The public survey page's writes: invitations printed on receipts (signed, expiring,
one answer each) and answers through them or through a poster's open link. Nothing ties a stored
answer to its invitation: see docs/citizens.md, "Anonymity"."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import record
from parindex.citizens.choices import (
    ResponseSource,
)
from parindex.citizens.models import (
    Invitation,
    Survey,
)
from parindex.citizens.services.surveys import (
    _check_answers,
    _create_response,
    _require,
)
from parindex.common.errors import DomainError
from parindex.dossiers.models import Dossier, Procedure
from parindex.org import access

INVITATION_SALT = "parindex.citizens.invitation"


class InvitationRefused(DomainError):
    """The link cannot be used (expired, already used, forged); the message says so politely."""


def _web_code() -> str:
    # Random, unrelated to the token: "W-" and 10 characters from a 32-letter alphabet.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "W-" + "".join(secrets.choice(alphabet) for _ in range(10))


def check_public(survey: Survey, today: dt.date | None = None) -> None:
    """Refuse (InvitationRefused) when the survey takes no answer from the public today."""
    today = today or timezone.localdate()
    if not survey.is_open:
        raise InvitationRefused(_("This survey is closed. Thank you for your interest."))
    if today.year != survey.year:
        raise InvitationRefused(_("This survey is not running this year."))


@transaction.atomic
def invitation_create(*, actor: Any, survey: Survey, dossier: Dossier) -> str:
    """An invitation for a dossier's receipt; returns the signed token (shown once, in the QR).

    A dossier has one invitation per survey; asking again gives a new token and invalidates the
    old one, as long as it has not been used.
    """
    _require(
        actor,
        access.may_manage_agency(actor, survey.agency_id)
        or access.is_member_of_unit(actor, dossier.unit_id),
    )
    if dossier.agency_id != survey.agency_id:
        raise DomainError(_("The dossier belongs to another agency."))
    key = secrets.token_urlsafe(16)
    expires_on = timezone.localdate() + dt.timedelta(days=survey.invitation_days)
    invitation = (
        Invitation.objects.select_for_update().filter(survey=survey, dossier=dossier).first()
    )
    if invitation is not None and invitation.used:
        raise DomainError(_("This dossier's invitation has already been answered."))
    if invitation is None:
        invitation = Invitation.objects.create(
            survey=survey, dossier=dossier, key_hash=Invitation.hash_key(key), expires_on=expires_on
        )
        action = "survey_invitation.created"
    else:
        invitation.key_hash = Invitation.hash_key(key)
        invitation.expires_on = expires_on
        invitation.save(update_fields=["key_hash", "expires_on"])
        action = "survey_invitation.renewed"
    record(
        actor=actor,
        action=action,
        target=invitation,
        agency=survey.agency,
        after={"dossier": dossier.code, "expires_on": expires_on.isoformat()},
    )
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(key)


def invitation_for_token(token: str) -> Invitation:
    """The open invitation of a token, or InvitationRefused with a polite reason."""
    signer = signing.TimestampSigner(salt=INVITATION_SALT)
    try:
        key = signer.unsign(token or "", max_age=dt.timedelta(days=366))
    except signing.SignatureExpired:
        raise InvitationRefused(_("This link has expired. Thank you for your interest.")) from None
    except signing.BadSignature:
        raise InvitationRefused(
            _("This link is not valid. Please check the address on your receipt.")
        ) from None
    invitation = (
        Invitation.objects.select_related("survey__agency", "dossier")
        .filter(key_hash=Invitation.hash_key(key))
        .first()
    )
    if invitation is None:
        raise InvitationRefused(
            _("This link is no longer valid: a newer one was printed on your receipt.")
        )
    if invitation.used:
        raise InvitationRefused(
            _(
                "This link has already been used to answer. Each receipt gives one answer. Thank you!"
            )
        )
    if invitation.expires_on < timezone.localdate():
        raise InvitationRefused(_("This link has expired. Thank you for your interest."))
    return invitation


@transaction.atomic
def survey_answer_by_invitation(*, token: str, answers: dict[str, Any]) -> None:
    """A citizen's answer through a receipt's link. Marks the invitation used and stores the
    response with the dossier's procedure, unit and channel — nothing that leads back."""
    invitation = invitation_for_token(token)
    survey = invitation.survey
    today = timezone.localdate()
    check_public(survey, today)
    ratings, extra = _check_answers(survey, answers)
    if not ratings and not extra:
        raise DomainError(_("Please answer at least one question."))
    # The flag flips once: a second submit racing this one updates no row and is refused.
    if not Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True):
        raise InvitationRefused(
            _(
                "This link has already been used to answer. Each receipt gives one answer. Thank you!"
            )
        )
    dossier = invitation.dossier
    _create_response(
        actor=None,
        survey=survey,
        code=_web_code(),
        answered_on=today,
        procedure=dossier.procedure,
        unit=dossier.unit,
        channel=dossier.channel,
        answers=ratings,
        extra=extra,
        source=ResponseSource.WEB,
        audit=False,
    )


@transaction.atomic
def survey_answer_open(
    *, survey: Survey, answers: dict[str, Any], procedure: Procedure | None = None
) -> None:
    """A citizen's answer through a poster's open link (rate-limited by the view)."""
    today = timezone.localdate()
    check_public(survey, today)
    if procedure is not None and procedure.agency_id != survey.agency_id:
        raise DomainError(_("Unknown procedure."))
    ratings, extra = _check_answers(survey, answers)
    if not ratings and not extra:
        raise DomainError(_("Please answer at least one question."))
    _create_response(
        actor=None,
        survey=survey,
        code=_web_code(),
        answered_on=today,
        procedure=procedure,
        unit=procedure.unit if procedure is not None else None,
        channel=None,
        answers=ratings,
        extra=extra,
        source=ResponseSource.WEB,
        audit=False,
    )
