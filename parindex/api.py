"""The JSON API under /api/v1, with its OpenAPI schema at /api/v1/openapi.json.

Callers authenticate with the browser session (CSRF-checked) or a personal token
(`Authorization: Bearer pi_…`). Each app adds its router here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from parindex.citizens.api import router as citizens_router
from parindex.common.errors import DomainError
from parindex.dossiers.api import router as dossiers_router
from parindex.metrics.api import router as metrics_router
from parindex.org.api import router as org_router
from parindex.org.models import ApiToken
from parindex.people.api import router as people_router
from parindex.province.api import router as province_router
from parindex.registers.api import router as registers_router
from parindex.reports.api import router as reports_router
from parindex.scorecards.api import router as scorecards_router
from parindex.workplan.api import router as workplan_router


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        # Writing last_used_at at most once a minute keeps reads cheap under a pushing client.
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="parindex API",
    version="1",
    description="Scorecards, procedures and dossiers, plans and tasks of the PAR Index.",
    # The token is tried first: SessionAuth runs Django's CSRF check and refuses the request
    # outright when it fails, so in the other order a token caller never reached TokenAuth.
    # A request without a valid token still meets the session's CSRF check.
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied):
    return api.create_response(request, {"detail": "forbidden"}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": "not found"}, status=404)


api.add_router("/", org_router)
api.add_router("/workplan", workplan_router)
api.add_router("/scorecards", scorecards_router)
api.add_router("/province", province_router)
api.add_router("/reports", reports_router)
api.add_router("/dossiers", dossiers_router)
api.add_router("/metrics", metrics_router)
api.add_router("/registers", registers_router)
api.add_router("/citizens", citizens_router)
api.add_router("/people", people_router)
