"""What the audit trail's codes mean in words: a label per action, and labels and value
formatters for snapshot keys that are not plain model fields.

An app registers its vocabulary in one call, usually at the bottom of its `choices.py`
(which the audit app imports at start-up):

    audit_actions({"score.self_assessed": _("Self-assessed"), "score.appraised": _("Appraised")})
    audit_fields("scorecards.assignment", {"cooperating_units": _("cooperating units")})

Model fields need no registration: their `verbose_name`, `choices` and type (date, decimal…)
are read from the target's model. The module imports no model, so `choices.py` may call it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

#: action code ("noun.verb") → label (lazy translation)
ACTIONS: dict[str, Any] = {}


@dataclass(frozen=True)
class FieldLabel:
    """How one snapshot key reads: its label, and optionally how its value is written."""

    label: Any
    display: Callable[[Any], str] | None = None


#: ("app_label.model", key) → FieldLabel; the model "*" applies to every target.
FIELDS: dict[tuple[str, str], FieldLabel] = {}


def audit_actions(labels: Mapping[str, Any]) -> Mapping[str, Any]:
    """Register the label of each action code; returns the mapping (keep it as a constant)."""
    ACTIONS.update(labels)
    return labels


def audit_fields(model: str, labels: Mapping[str, Any | tuple[Any, Callable[[Any], str]]]) -> None:
    """Register labels (or `(label, display)` pairs) for snapshot keys of `model`
    ("app_label.model_name", or "*" for any target) that are not its model fields, or whose
    stored value needs its own wording."""
    for key, spec in labels.items():
        if isinstance(spec, tuple):
            FIELDS[(model.lower(), key)] = FieldLabel(*spec)
        else:
            FIELDS[(model.lower(), key)] = FieldLabel(spec)


def action_label(code: str) -> Any:
    """The words for an action code; an unregistered code reads as a generic "Change"."""
    from django.utils.translation import gettext

    label = ACTIONS.get(code)
    return label if label is not None else gettext("Change")


def field_label(model: str, key: str) -> FieldLabel | None:
    return FIELDS.get((model.lower(), key)) or FIELDS.get(("*", key))
