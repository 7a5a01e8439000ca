"""System checks of the queue and the shared cache (run by `parindex check`)."""

from __future__ import annotations

import importlib.util
from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def redis_client_installed(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """REDIS_URL without the Redis client would fail on the first cached figure."""
    backends = {c.get("BACKEND", "") for c in settings.CACHES.values()}
    if "django.core.cache.backends.redis.RedisCache" in backends and not importlib.util.find_spec(
        "redis"
    ):
        return [
            Error(
                "REDIS_URL is set but the Redis client is not installed.",
                hint='pip install "parindex[redis]" (or unset REDIS_URL for the database cache)',
                id="parindex.E001",
            )
        ]
    return []
