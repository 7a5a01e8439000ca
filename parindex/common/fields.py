"""Model fields many apps declare alike, so each model says only what differs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


def person_link(verbose_name: Any, **options: Any) -> models.ForeignKey:
    """An optional link to the person who did something (recorded, uploaded, decided it…): the
    row stays when the account is deleted, and the person gets no reverse accessor. `options`
    override those defaults. Migrations see an ordinary ForeignKey."""
    defaults: dict[str, Any] = {
        "on_delete": models.SET_NULL,
        "null": True,
        "blank": True,
        "related_name": "+",
    }
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=verbose_name, **{**defaults, **options}
    )
