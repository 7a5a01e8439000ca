"""Request guards shared by every app."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def _nul_path(value: Any, path: str = "") -> str | None:
    """The JSON path of the first string holding a NUL character, if any."""
    if isinstance(value, str):
        return path or "body" if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _nul_path(key, path) if "\x00" in str(key) else None
            found = found or _nul_path(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_path(item, f"{path}[{index}]")
            if found:
                return found
    return None


class RefuseNulInApiMiddleware:
    """A NUL character in an API request's JSON or query string is a field error (400), not a
    database error: PostgreSQL refuses NUL in text, even in a lookup. Forms already refuse it
    (Django's CharField), so only /api/ is guarded here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            field = next(
                (key for key, values in request.GET.lists() if any("\x00" in v for v in values)),
                None,
            )
            if field is None and request.content_type == "application/json" and request.body:
                raw = request.body
                if b"\\u0000" in raw or b"\x00" in raw:
                    try:
                        field = _nul_path(json.loads(raw))
                    except ValueError:
                        field = "body" if b"\x00" in raw else None
            if field is not None:
                return JsonResponse(
                    {
                        "detail": _("%(field)s contains a NUL character, which cannot be stored.")
                        % {"field": field},
                        "field": field,
                    },
                    status=400,
                )
        return self.get_response(request)


#: No inline script anywhere: scripts come from /static/ (htmx, django-htmx), and htmx is
#: configured by the <meta name="htmx-config"> of base.html. Inline style *attributes* stay
#: allowed (progress bar widths); <style> elements do not.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (a view may set its own
    stricter CSP, as file downloads do), and ``Cache-Control: private, no-store`` on what a
    signed-in user is shown, so no shared cache or back button keeps someone's records."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response
