"""Errors a service raises; views, commands and the API turn them into messages."""

from __future__ import annotations

from collections.abc import Iterable


class DomainError(Exception):
    """A business rule refused the operation; `message` is translated and shown to the user.

    `field` names the form field at fault, when there is one, so forms can show it in place.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def refuse_unknown(
    service: str, given: Iterable[str], known: Iterable[str], verb: str = "change"
) -> None:
    """A caller's mistake, not a user's: `service` was given a field it does not `verb`."""
    unknown = set(given) - set(known)
    if unknown:
        raise ValueError(f"{service} does not {verb} {sorted(unknown)}")
