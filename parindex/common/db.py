"""Reading from a PostgreSQL streaming replica (``DATABASE_REPLICA_URL``).

The replica is a hot standby: it answers SELECTs over a copy a few milliseconds behind the
primary and refuses every write. The router sends a read there only when all of these hold:

* the code asked for it: inside :func:`replica_reads` (the figure, dashboard and report views
  and API endpoints are decorated with :func:`reads_from_replica`);
* the replica is configured (and is not the test runner's mirror of the primary);
* nothing was written in this request or context, no transaction is open on the primary, and
  the browser did not write during the last few seconds (the ``pi_primary`` cookie set by
  :class:`PinAfterWriteMiddleware`), so a user always reads what they just wrote.

Everything else — every write, and every read outside those views — goes to the primary.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import time
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
#: How long after a write a browser keeps reading from the primary (replication lag margin).
PIN_SECONDS = 5
PIN_COOKIE = "pi_primary"

_wanted: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_wanted", default=False)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_wrote", default=False)
_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_pinned", default=False)


def replica_configured() -> bool:
    """A replica alias that is a real second server (not the test runner's mirror)."""
    if REPLICA not in connections.settings:
        return False
    return connections[REPLICA].settings_dict is not connections[PRIMARY].settings_dict and (
        connections[REPLICA].settings_dict.get("NAME")
        != connections[PRIMARY].settings_dict.get("NAME")
        or connections[REPLICA].settings_dict.get("PORT")
        != connections[PRIMARY].settings_dict.get("PORT")
        or connections[REPLICA].settings_dict.get("HOST")
        != connections[PRIMARY].settings_dict.get("HOST")
    )


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside may go to the replica (figures, dashboards, reports)."""
    token = _wanted.set(True)
    try:
        yield
    finally:
        _wanted.reset(token)


def reads_from_replica(view: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a view or API endpoint whose reads may go to the replica."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with replica_reads():
            return view(*args, **kwargs)

    # django-ninja reads the parameters' types from the signature: give it the resolved
    # types (the view's module may postpone annotations, which resolve in its own globals).
    signature = inspect.signature(view)
    hints = typing.get_type_hints(view, include_extras=True)
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            p.replace(annotation=hints.get(p.name, p.annotation))
            for p in signature.parameters.values()
        ],
        return_annotation=hints.get("return", signature.return_annotation),
    )
    return wrapper


def wrote_in_this_context() -> bool:
    return _wrote.get()


#: Django's database cache asks the router with a stand-in model of this app label.
CACHE_APP_LABEL = "django_cache"


class ReplicaRouter:
    """Writes to the primary; reads to the replica only where asked and safe (module doc)."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        if model._meta.app_label == CACHE_APP_LABEL:
            return PRIMARY
        if (
            _wanted.get()
            and not _wrote.get()
            and not _pinned.get()
            and not connections[PRIMARY].in_atomic_block
            and replica_configured()
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model: Any, **hints: Any) -> str:
        if model._meta.app_label != CACHE_APP_LABEL:
            # A cache entry is not the user's data: it does not pin the browser.
            _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # both aliases hold the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class PinAfterWriteMiddleware:
    """Per request: start with nothing written; after a request that wrote, the browser reads
    from the primary for PIN_SECONDS (its next page must show what it just saved)."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        try:
            pinned_until = float(request.COOKIES.get(PIN_COOKIE, "0"))
        except ValueError:
            pinned_until = 0.0
        wrote = _wrote.set(False)
        pinned = _pinned.set(pinned_until > time.time())
        try:
            response = self.get_response(request)
            if _wrote.get() and replica_configured():
                response.set_cookie(
                    PIN_COOKIE,
                    f"{time.time() + PIN_SECONDS:.3f}",
                    max_age=PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            return response
        finally:
            _wrote.reset(wrote)
            _pinned.reset(pinned)
