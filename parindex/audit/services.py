"""Writing the audit trail. Every service that changes data calls `record`, or one of the
shapes built on it: `record_created`, `record_deleted`, `audited` (snapshot, change, record)
and `save_changes` (set, and save and record only what moved)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from parindex.audit.models import AuditEntry


def json_value(value: Any) -> Any:
    """A value as the audit trail stores it in JSON: decimals and ids as text, dates ISO, files
    by name, model instances by their text, containers element by element."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of `obj` as JSON-safe values; foreign keys by their text."""
    data: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        data[name] = json_value(value)
    return data


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    agency: Any = None,
    province: Any = None,
    note: str = "",
) -> AuditEntry:
    """Write one audit row. `actor` may be None for the system (imports run by cron…)."""
    actor_user = actor if actor is not None and getattr(actor, "pk", None) else None
    return AuditEntry.objects.create(
        actor=actor_user,
        actor_name=(getattr(actor_user, "display_name", "") or str(actor_user))[:150]
        if actor_user
        else "system",
        actor_username=actor_user.get_username()[:150] if actor_user else "",
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        agency_id=getattr(agency, "pk", agency),
        province_id=getattr(province, "pk", province),
        before=json_value(before) if before is not None else None,
        after=json_value(after) if after is not None else None,
        note=note,
    )


#: The default of `agency` in the shapes below: the target's own agency (the target itself when
#: it is an agency, its `agency_id` when it has one, else none). A caller names another agency,
#: or None, where the row belongs elsewhere.
FROM_TARGET: Any = object()

#: What the shapes below snapshot: field names, or a function that takes the snapshot (for a
#: service whose snapshot adds related rows, e.g. a task's units and assignees).
Fields = Iterable[str] | Callable[[Any], dict[str, Any]]


def _take(target: models.Model, fields: Fields) -> dict[str, Any]:
    return fields(target) if callable(fields) else snapshot(target, fields)


def _agency_for(target: models.Model, agency: Any) -> Any:
    if agency is not FROM_TARGET:
        return agency
    if isinstance(target, AuditEntry._meta.get_field("agency").related_model):
        return target.pk
    return getattr(target, "agency_id", None)


def record_created(
    actor: Any,
    action: str,
    target: models.Model,
    fields: Fields,
    *,
    agency: Any = FROM_TARGET,
    **kwargs: Any,
) -> AuditEntry:
    """The row for a new `target`: its `fields` as the after snapshot. Other keyword arguments
    (province, note) go to `record`."""
    return _record_on(actor, action, target, agency, after=_take(target, fields), **kwargs)


def record_deleted(
    actor: Any,
    action: str,
    target: models.Model,
    fields: Fields,
    *,
    agency: Any = FROM_TARGET,
    **kwargs: Any,
) -> AuditEntry:
    """The row for a `target` about to go: its `fields` as the before snapshot (call it before
    deleting, while the target still has its id)."""
    return _record_on(actor, action, target, agency, before=_take(target, fields), **kwargs)


def _record_on(
    actor: Any, action: str, target: models.Model, agency: Any, **kwargs: Any
) -> AuditEntry:
    return record(
        actor=actor, action=action, target=target, agency=_agency_for(target, agency), **kwargs
    )


@dataclass
class Change:
    """What `audited` and `save_changes` saw: the two snapshots and the row written (None when
    nothing was). Inside an `audited` block, `action` and `note` may still be changed."""

    action: str
    before: dict[str, Any]
    after: dict[str, Any] | None = None
    note: str = ""
    entry: AuditEntry | None = None

    @property
    def changed(self) -> bool:
        return self.after != self.before


@contextmanager
def audited(
    actor: Any,
    action: str,
    target: models.Model,
    fields: Fields,
    *,
    agency: Any = FROM_TARGET,
    always: bool = False,
    note: str = "",
    **kwargs: Any,
) -> Iterator[Change]:
    """Snapshot `fields` of `target`, run the block (which changes and saves it), snapshot again
    and record the change: only when the snapshots differ, or `always`. Nothing is recorded
    when the block raises."""
    if not callable(fields):
        fields = tuple(fields)
    change = Change(action=action, before=_take(target, fields), note=note)
    yield change
    change.after = _take(target, fields)
    if always or change.changed:
        change.entry = _record_on(
            actor,
            change.action,
            target,
            agency,
            before=change.before,
            after=change.after,
            note=change.note,
            **kwargs,
        )


def save_changes(
    actor: Any,
    action: str,
    target: models.Model,
    fields: Fields,
    changes: Mapping[str, Any],
    *,
    agency: Any = FROM_TARGET,
    update_fields: Iterable[str] | None = None,
    **kwargs: Any,
) -> Change:
    """Set `changes` on `target`; when its `fields` snapshot moved, save it (only
    `update_fields` when given) and record the change. An edit that changes nothing neither
    saves nor writes a row."""
    if not callable(fields):
        fields = tuple(fields)
    change = Change(action=action, before=_take(target, fields))
    for key, value in changes.items():
        setattr(target, key, value)
    change.after = _take(target, fields)
    if change.changed:
        target.save(update_fields=update_fields)
        change.entry = _record_on(
            actor, action, target, agency, before=change.before, after=change.after, **kwargs
        )
    return change
