"""Small helpers shared by forms and views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from parindex.common import tabular
from parindex.common.errors import DomainError

# The one date field of every form and filter (dd/mm/yyyy whatever the browser's language) lives
# in parindex/common/widgets.py; forms may import it from here too.
from parindex.common.widgets import DateField, DateFilter, DateInput

__all__ = [
    "DateField",
    "DateFilter",
    "DateInput",
    "call_service",
    "form_page",
    "import_upload",
    "save_form",
]

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


def save_form(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[[dict[str, Any]], Any],
    saved: str,
    *,
    then: Any = None,
) -> HttpResponse | None:
    """The POST half of a form screen: for a valid form, run service(form.cleaned_data); when it
    succeeds, say `saved` and redirect to `then` (by default to what the service returned).

    None when there is nothing to redirect to (a GET, invalid data, a refused write): the view
    then shows the form, with its errors.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    done = call_service(form, lambda: service(form.cleaned_data))
    if done is None:
        return None
    messages.success(request, saved)
    return redirect(done if then is None else then)


def form_page(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[[dict[str, Any]], Any],
    saved: str,
    context: dict[str, Any],
    *,
    template: str = "generic/form.html",
    then: Any = None,
) -> HttpResponse:
    """A create or edit screen: save_form on a POST, else (or when refused) the form page,
    with `context` (its title, cancel_url…)."""
    return save_form(request, form, service, saved, then=then) or render(
        request, template, {"form": form, **context}
    )


def import_upload(
    form: forms.Form, importer: Callable[..., tabular.ImportResult], **kwargs: Any
) -> tuple[tabular.ImportResult | None, list[str] | None]:
    """An import screen's file (the form's `file` field) through its importer: the result, or
    the refused rows as the page lists them. A file that cannot be read (or a refusal of the
    whole file) becomes an error on the form's file field."""
    upload = form.cleaned_data["file"]
    try:
        return importer(upload, filename=upload.name, **kwargs), None
    except (tabular.TableError, DomainError) as exc:
        form.add_error("file", str(exc))
    except tabular.ImportRefused as exc:
        return None, tabular.format_errors(exc.errors, screen=True)
    return None, None
