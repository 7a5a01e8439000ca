"""Steps the apps' JSON APIs share: an output schema read off a model, a list narrowed by the
query parameters the caller gave."""

from __future__ import annotations

from typing import Any, TypeVar

from ninja import Schema

S = TypeVar("S", bound=Schema)


def schema_of(schema: type[S], obj: Any, **computed: Any) -> S:
    """`schema` with each field read from obj's attribute of the same name, except those passed
    as keywords (codes of related rows, results of methods), which are taken as given."""
    values = {name: getattr(obj, name) for name in schema.model_fields if name not in computed}
    return schema(**values, **computed)


def given(**lookups: Any) -> dict[str, Any]:
    """The lookups whose query parameter the caller gave: a parameter left out (None, "", 0)
    does not narrow the list."""
    return {lookup: value for lookup, value in lookups.items() if value}
