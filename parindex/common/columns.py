"""The last guard before a row reaches the database: values that fit their column.

Forms check lengths, but imports, commands and the JSON API hand services values straight from
outside. On PostgreSQL a text with a NUL character, a text longer than its column or a number
beyond its column is a database error (HTTP 500, a failed import); on SQLite it is stored as it
came. `check_row` turns each into a `DomainError` naming the field, in the user's language; it
runs before every save of a parindex model (connected in `CommonConfig.ready`). It checks only
what the columns themselves demand; business rules stay in the services.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import connection, models
from django.utils.translation import gettext as _

from parindex.common.errors import DomainError

_TEXT = (models.CharField, models.TextField)
_INTEGER = (models.IntegerField, models.BigIntegerField, models.SmallIntegerField)


def _label(field: models.Field) -> str:
    return str(field.verbose_name)


def check_value(field: models.Field, value: Any) -> None:
    """Raise DomainError(field=name) if `value` cannot be stored in `field`'s column."""
    if value is None:
        return
    if isinstance(field, _TEXT) and isinstance(value, str):
        if "\x00" in value:
            raise DomainError(
                _("%(field)s contains a NUL character, which cannot be stored.")
                % {"field": _label(field)},
                field=field.name,
            )
        limit = getattr(field, "max_length", None)
        if limit and isinstance(field, models.CharField) and len(value) > limit:
            raise DomainError(
                _("%(field)s has at most %(max)d characters (%(count)d given).")
                % {"field": _label(field), "max": limit, "count": len(value)},
                field=field.name,
            )
    elif isinstance(field, _INTEGER) and isinstance(value, int) and not isinstance(value, bool):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        if (low is not None and value < low) or (high is not None and value > high):
            raise DomainError(
                _("%(field)s must be between %(low)s and %(high)s.")
                % {"field": _label(field), "low": low, "high": high},
                field=field.name,
            )
    elif isinstance(field, models.DecimalField) and isinstance(value, Decimal):
        if not value.is_finite():
            raise DomainError(
                _("%(field)s must be a number.") % {"field": _label(field)}, field=field.name
            )
        try:
            DecimalValidator(field.max_digits, field.decimal_places)(value)
        except ValidationError:
            raise DomainError(
                _("%(field)s is too large or has too many decimals.") % {"field": _label(field)},
                field=field.name,
            ) from None


def check_row(instance: models.Model) -> None:
    for field in instance._meta.concrete_fields:
        check_value(field, getattr(instance, field.attname, None))


def guard_save(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    """pre_save receiver for the project's models (fixtures loaded raw are left alone)."""
    if not raw and sender.__module__.startswith("parindex."):
        check_row(instance)
