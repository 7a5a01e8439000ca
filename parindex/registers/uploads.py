"""The registers' file imports on the web and in the API: the same services as the commands
``import_legal_documents``, ``import_inspections`` and ``import_recommendations``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parindex.org.models import Agency
from parindex.registers import services
from parindex.registers.services._common import is_inspectorate, is_secretariat
from parindex.registers.services.imports import (
    DOCUMENT_COLUMNS,
    INSPECTION_COLUMNS,
    RECOMMENDATION_COLUMNS,
)

#: kind → (label, importer, who may import it into an agency)
KINDS: dict[str, tuple[Any, Callable[..., Any], Callable[[Any, int], bool]]] = {
    "documents": (
        _("Legal documents (drafting plan)"),
        services.import_legal_documents,
        is_secretariat,
    ),
    "inspections": (
        _("Inspections and PAR checks"),
        services.import_inspections,
        lambda user, agency_id: is_inspectorate(user, agency_id) or is_secretariat(user, agency_id),
    ),
    "recommendations": (
        _("Recommendations"),
        services.import_recommendations,
        lambda user, agency_id: is_inspectorate(user, agency_id) or is_secretariat(user, agency_id),
    ),
}


#: kind → the contract's headers as (header, required), required ones first, for the screen
HEADERS = {
    kind: sorted(((c.label, c.required) for c in columns), key=lambda h: not h[1])
    for kind, columns in (
        ("documents", DOCUMENT_COLUMNS),
        ("inspections", INSPECTION_COLUMNS),
        ("recommendations", RECOMMENDATION_COLUMNS),
    )
}


def agencies_for_import(user: Any, kind: str | None = None) -> QuerySet[Agency]:
    """The agencies into which ``user`` may import a file of ``kind`` (any kind when None)."""
    kinds = [kind] if kind else list(KINDS)
    allowed = [
        agency.pk
        for agency in Agency.objects.restrict(user).only("pk")
        if any(KINDS[k][2](user, agency.pk) for k in kinds)
    ]
    return Agency.objects.filter(pk__in=allowed).order_by("code")


def may_import(user: Any) -> bool:
    """Whether to show the import screen's link at all."""
    return agencies_for_import(user).exists()
