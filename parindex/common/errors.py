"""Errors a service raises; views, commands and the API turn them into messages."""

from __future__ import annotations


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
