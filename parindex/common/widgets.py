"""One way to enter a date everywhere: dd/mm/yyyy, whatever the browser's language.

A browser's own date picker (an input of type date) shows the order of the browser's language
(mm/dd/yyyy in an English browser), so parindex uses a text input with the Vietnamese order, a
pattern the browser checks before sending, and the same formats on the server. Its
``data-datepicker`` attribute adds a pop-up calendar (static/parindex/datepicker.js: jQuery UI's
datepicker from the XStatic packages, always dd/mm/yyyy); typing still works without it.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

#: Shown and read: dd/mm/yyyy first; dd-mm-yyyy and ISO still read (links, old bookmarks).
DATE_FORMAT = "%d/%m/%Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
# Browsers compile `pattern` with the /v flag, where "/" and "-" in a class must be escaped;
# unescaped, Chromium logs an error and skips the check.
DATE_PATTERN = r"\d{1,2}[\/\-]\d{1,2}[\/\-]\d{4}|\d{4}-\d{2}-\d{2}"


class DateInput(forms.DateInput):
    """A text input for dd/mm/yyyy with the pattern checked by the browser and a pop-up calendar."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "placeholder": "dd/mm/yyyy",
            "pattern": DATE_PATTERN,
            "inputmode": "numeric",
            "autocomplete": "off",
            "title": _("A date written dd/mm/yyyy, for example 05/03/2026"),
            "class": "date-input",
            "data-datepicker": True,
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


class SearchableSelectMultiple(forms.SelectMultiple):
    """A multi-select with a search box above it (parindex/static/parindex/picker.js)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"data-searchable": _("Search…"), "size": 6, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-searchable"] = str(self.attrs["data-searchable"])
        return context


class SearchableSelect(forms.Select):
    """A single select with the same search box."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"data-searchable": _("Search…"), **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-searchable"] = str(self.attrs["data-searchable"])
        return context


def person_with_unit(people: Any, agency_id: int | None = None) -> Any:
    """A `label_from_instance` showing each person with the unit they work in ("Nguyễn Văn A —
    QLCN"): two people may share a name. One query for the whole list."""
    from parindex.org.models import Membership

    rows = Membership.objects.filter(user__in=people, unit__isnull=False)
    if agency_id is not None:
        rows = rows.filter(unit__agency_id=agency_id)
    unit_of = dict(rows.order_by("-unit__code").values_list("user_id", "unit__code"))
    return lambda user: (
        f"{user.display_name} — {unit_of[user.pk]}" if user.pk in unit_of else user.display_name
    )


class DateFilter(django_filters.DateFilter):
    """A list filter's date box: the same text input, formats and Vietnamese message as forms."""

    field_class = DateField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateInput())
        super().__init__(*args, **kwargs)
