"""Guards of the public pages (no login): rate limits per address, body size limits, honeypot.

The rate limit is a fixed window counted in Django's cache under the prefix ``citizens:``; with
several server processes configure a shared cache (Redis or the database) so that they count
together (docs/citizens.md).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

#: The name of the field people never see and robots fill in.
HONEYPOT = "website"


def client_address(request: HttpRequest) -> str:
    """The caller's address as the server saw it (the proxy must pass the real one through
    REMOTE_ADDR, e.g. nginx's real_ip module, never an untrusted X-Forwarded-For)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def allow(request: HttpRequest, scope: str, limit: int, window: int) -> bool:
    """Count one hit of ``scope`` for the caller's address; False once over ``limit`` a window."""
    slot = int(time.time() // window)
    key = f"citizens:rl:{scope}:{client_address(request)}:{slot}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=window + 5)
        count = 1
    return count <= limit


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "citizens/public/too_many.html", status=429)


def rate_limited(scope: str, limit: int, window: int, *, methods: tuple[str, ...] = ("POST",)):
    """Refuse (429) a caller who sent more than ``limit`` requests of ``methods`` in ``window``
    seconds to views of ``scope``."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods and not allow(request, scope, limit, window):
                return too_many(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def max_body(limit: int):
    """Refuse (413) a request whose body is larger than ``limit`` bytes, before reading it."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = limit + 1
            if length > limit:
                return render(request, "citizens/public/too_large.html", status=413)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def is_robot(request: HttpRequest) -> bool:
    """The honeypot field is filled: a robot. The view pretends success and stores nothing."""
    return bool((request.POST.get(HONEYPOT) or "").strip())
