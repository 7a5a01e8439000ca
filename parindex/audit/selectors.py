"""Reading the audit trail within the viewer's scope."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from parindex.audit.models import AuditEntry


def history_for(obj: models.Model, *, limit: int = 50) -> list[AuditEntry]:
    """The newest entries about one object, for the history panel of its detail page.

    The caller has already checked that the viewer may see `obj`; its history goes with it.
    """
    return list(
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk)
        ).select_related("actor", "target_type")[:limit]
    )


def audit_entries_for_user(user: Any) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.restrict(user).select_related("target_type", "agency")
