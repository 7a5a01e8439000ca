"""One way to enter a date everywhere: dd/mm/yyyy, whatever the browser's language.

A browser's own date picker (an input of type date) shows the order of the browser's language
(mm/dd/yyyy in an English browser), so parindex uses a text input with the Vietnamese order, a
pattern the browser checks before sending, and the same formats on the server. The packaged
pickers were weighed and left: django-flatpickr loads its files from a CDN (the servers run
without one, and the CSP forbids it), xstatic-bootstrap-datepicker needs jQuery and Bootstrap,
and an npm picker needs a JavaScript build the project does not have.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

#: Shown and read: dd/mm/yyyy first; dd-mm-yyyy and ISO still read (links, old bookmarks).
DATE_FORMAT = "%d/%m/%Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_PATTERN = r"\d{1,2}[/\-]\d{1,2}[/\-]\d{4}|\d{4}-\d{2}-\d{2}"


class DateInput(forms.DateInput):
    """A text input for dd/mm/yyyy with the pattern checked by the browser."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "placeholder": "dd/mm/yyyy",
            "pattern": DATE_PATTERN,
            "inputmode": "numeric",
            "autocomplete": "off",
            "title": _("A date written dd/mm/yyyy, for example 05/03/2026"),
            "class": "date-input",
        }
        super().__init__(attrs={**base, **(attrs or {})}, format=DATE_FORMAT)


class DateField(forms.DateField):
    """A date field that shows and reads dd/mm/yyyy in every language."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Enter a date as dd/mm/yyyy, for example 05/03/2026.")},
        )
        super().__init__(**kwargs)
