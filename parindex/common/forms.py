"""Small helpers shared by forms and views."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms

from parindex.common.errors import DomainError

# The one date field of every form and filter (dd/mm/yyyy whatever the browser's language) lives
# in parindex/common/widgets.py; forms may import it from here too.
from parindex.common.widgets import DateField, DateFilter, DateInput

__all__ = ["DateField", "DateFilter", "DateInput", "call_service"]

T = TypeVar("T")


def call_service(form: forms.Form, service: Callable[[], T]) -> T | None:
    """Run a service for a valid form; a DomainError becomes an error on the form.

    Returns None when the service refused, so the view re-renders the form with the message.
    """
    try:
        return service()
    except DomainError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
        return None
