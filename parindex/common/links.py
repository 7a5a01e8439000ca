"""Links to other screens with a query string, for pages and figures that point elsewhere."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse


def url_with_query(name: str, args: tuple = (), **params: Any) -> str:
    """`reverse(name, args)` plus the non-empty params as a query string. A wrong name raises
    NoReverseMatch: every screen ships with every app, so a missing one is a bug."""
    base = reverse(name, args=args)
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{base}?{query}" if query else base
