"""Permission helpers shared by the work-plan services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from parindex.common.errors import DomainError
from parindex.common.uploads import check_upload
from parindex.org import access
from parindex.org.access import can


def is_secretariat(actor: Any, agency_id: int) -> bool:
    """The system (actor None), an administrator or the agency's PAR secretariat."""
    if actor is None:
        return True
    return access.may_manage_agency(actor, agency_id)


def heads_unit(actor: Any, unit_id: int) -> bool:
    return actor is not None and access.heads_unit(actor, unit_id)


def not_a_member(username: str, field: str) -> DomainError:
    """The one answer for a user name that does not exist and for a person outside the agency,
    naming only what the caller typed: it tells neither whether the name exists nor whose it is
    (no other agency's names leak through an assignee field)."""
    return DomainError(
        _("“%(username)s” is not a person of this agency.") % {"username": username}, field=field
    )


def people_by_username(usernames: list[str], field: str) -> list[Any]:
    """The users of `usernames` in order; an unknown name answers like an outsider
    (`not_a_member`), and the service then checks membership of the agency."""
    from parindex.org.models import User

    found = {u.username: u for u in User.objects.filter(username__in=usernames)}
    missing = [name for name in usernames if name not in found]
    if missing:
        raise not_a_member(missing[0], field)
    return [found[name] for name in usernames]


def require(actor: Any, action: str, obj: Any) -> None:
    if actor is not None and not can(actor, action, obj):
        raise PermissionDenied


def check_file(upload: Any, field: str) -> None:
    """A plan's, task's or initiative's new file follows the evidence rules (type allow-list,
    size limit, content signature: parindex/common/uploads.py); a kept file is not checked."""
    if isinstance(upload, UploadedFile):
        check_upload(upload, field=field)
