"""An audit entry in words: the action's label, each changed field's label and its values
written the Vietnamese way (dd/mm/yyyy, `1,5`, `2026`, choice labels, "—" for nothing)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext

from parindex.audit.registry import field_label

EMPTY = "—"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@dataclass(frozen=True)
class ChangeLine:
    """One field of an entry: its label, the value before (None on creation) and after."""

    label: str
    before: str | None
    after: str


def number_text(value: Any, *, grouping: bool = True) -> str:
    """`1.500` → `1,5`; `12345.5` → `12.345,5`; no needless trailing zeros."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    number = Decimal(format(number.normalize(), "f"))
    return formats.number_format(number, use_l10n=True, force_grouping=grouping)


def date_text(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def datetime_text(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATETIME_FORMAT")


def _plain(value: Any, key: str) -> str:
    """A value with no model field to tell its type."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, int | float | Decimal):
        if "year" in key or (isinstance(value, int) and 1900 <= value <= 2100):
            return str(value)
        return number_text(value)
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            return date_text(value)
        if _ISO_DATETIME.match(value):
            return datetime_text(value)
    return str(value)


def value_text(field: models.Field | None, value: Any, key: str = "") -> str:
    """One stored snapshot value, written for a reader."""
    if isinstance(value, list | tuple):
        parts = [value_text(field, v, key) for v in value]
        return ", ".join(p for p in parts if p != EMPTY) or EMPTY
    if isinstance(value, dict):
        parts = [value_text(None, v, key) for v in value.values()]
        return "; ".join(p for p in parts if p != EMPTY) or EMPTY
    if value is None or value == "":
        return EMPTY
    if field is None:
        return _plain(value, key)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, models.DateTimeField):
        return datetime_text(value)
    if isinstance(field, models.DateField):
        return date_text(value)
    if isinstance(field, models.DecimalField | models.FloatField):
        return number_text(value)
    if isinstance(field, models.IntegerField):
        if "year" in field.name or "year" in key:
            return str(value)
        return number_text(value)
    return _plain(value, key) if not isinstance(value, str) else value


def _label(model: type[models.Model] | None, model_key: str, key: str) -> tuple[str, Any]:
    """(label, field or display function) for one snapshot key."""
    registered = field_label(model_key, key)
    field = None
    if model is not None:
        try:
            found = model._meta.get_field(key)
        except FieldDoesNotExist:
            found = None
        field = found if isinstance(found, models.Field) else None
    if registered is not None:
        label = str(registered.label)
        return label[:1].upper() + label[1:], registered.display or field
    if field is not None and getattr(field, "verbose_name", None):
        label = str(field.verbose_name)
        return label[:1].upper() + label[1:], field
    return key.replace("_", " ").capitalize(), None


def change_lines(entry: Any) -> list[ChangeLine]:
    """The readable lines of an entry: every changed field (on creation: every filled one)."""
    model = entry.target_type.model_class() if entry.target_type_id else None
    model_key = f"{entry.target_type.app_label}.{entry.target_type.model}" if model else "*"
    creation = entry.before is None
    changes = entry.changes
    if model is not None:
        # PostgreSQL's jsonb does not keep the snapshot's key order: follow the model's.
        order = {f.name: i for i, f in enumerate(model._meta.get_fields())}
        changes = sorted(changes, key=lambda change: order.get(change[0], len(order)))
    lines = []
    for key, before, after in changes:
        label, how = _label(model, model_key, key)
        if callable(how) and not isinstance(how, models.Field):
            write = lambda v, how=how: EMPTY if v in (None, "", []) else how(v)  # noqa: E731
        else:
            write = lambda v, how=how, key=key: value_text(how, v, key)  # noqa: E731
        after_text = write(after)
        if creation and after_text == EMPTY:
            continue
        lines.append(ChangeLine(label, None if creation else write(before), after_text))
    return lines


def changes_text(entry: Any) -> str:
    """The lines as one text (for the /audit/ list and its export)."""
    parts = []
    for line in change_lines(entry):
        if line.before is None:
            parts.append(f"{line.label}: {line.after}")
        else:
            parts.append(f"{line.label}: {line.before} → {line.after}")
    return "; ".join(parts)
