"""Permission helpers shared by the work-plan services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.access import can


def is_secretariat(actor: Any, agency_id: int) -> bool:
    """The system (actor None), an administrator or the agency's PAR secretariat."""
    if actor is None:
        return True
    return access.may_manage_agency(actor, agency_id)


def heads_unit(actor: Any, unit_id: int) -> bool:
    return actor is not None and access.heads_unit(actor, unit_id)


def require(actor: Any, action: str, obj: Any) -> None:
    if actor is not None and not can(actor, action, obj):
        raise PermissionDenied


MAX_UPLOAD = 20 * 1024 * 1024


def check_file(upload: Any, field: str) -> None:
    """A plan's, task's or initiative's file: at most 20 MB."""
    if isinstance(upload, UploadedFile) and upload.size > MAX_UPLOAD:
        raise DomainError(_("The file is larger than 20 MB."), field=field)
