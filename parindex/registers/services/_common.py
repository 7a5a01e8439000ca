"""Rights and look-ups shared by the registers' services."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied

from parindex.common.errors import refuse_unknown
from parindex.org import access
from parindex.org.choices import UnitKind
from parindex.org.models import Unit


def is_secretariat(actor: Any, agency_id: int) -> bool:
    """The system (actor None), an administrator or the agency's PAR secretariat."""
    if actor is None:
        return True
    return access.may_manage_agency(actor, agency_id)


def is_inspectorate(actor: Any, agency_id: int) -> bool:
    """The system, an administrator, or a member of one of the agency's inspectorate units."""
    if actor is None:
        return True
    if access.is_admin(actor):
        return True
    return Unit.objects.filter(
        pk__in=access.member_unit_ids(actor), agency_id=agency_id, kind=UnitKind.INSPECTORATE
    ).exists()


def heads_unit(actor: Any, unit_id: int) -> bool:
    return actor is not None and access.heads_unit(actor, unit_id)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """The values as the registers store them: text stripped."""
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}


def checked_changes(
    actor: Any,
    entry: Any,
    changes: dict[str, Any],
    *,
    service: str,
    fields: Sequence[str],
    keeper: str,
    may_keep: Callable[[Any, Any, Any], bool],
    check: Callable[[Any, dict[str, Any], int | None], None],
) -> dict[str, Any]:
    """The edit step every register shares: refuse a field `service` does not change, let only
    whoever keeps the entry change it (by its `keeper` field, before and after the change),
    check the entry as it would be, and return the cleaned changes."""
    refuse_unknown(service, changes, fields)
    agency = entry.agency
    require(may_keep(actor, agency, getattr(entry, keeper)))
    changes = clean(changes)
    if keeper in changes:
        require(may_keep(actor, agency, changes[keeper]))
    check(agency, {f: changes.get(f, getattr(entry, f)) for f in fields}, entry.pk)
    return changes


def follow_task(task: Any, *, title: str, unit: Unit, due_date: Any, done_on: Any) -> None:
    """Bring the workplan task that follows a register entry in line with it (written by the
    system): its title, lead unit (with that unit's heads as assignees) and deadline; done on
    `done_on` once that day has come, back in progress when it is cleared."""
    from parindex.registers.models import today
    from parindex.workplan.choices import TaskStatus
    from parindex.workplan.services import task_set_status, task_update

    changes: dict[str, Any] = {}
    if task.title != title:
        changes["title"] = title
    if task.lead_unit_id != unit.pk:
        from parindex.workplan.services.notices import unit_heads

        changes["lead_unit"] = unit
        changes["assignees"] = unit_heads(unit)
    if task.due_date != due_date:
        changes["due_date"] = due_date
    if changes:
        task_update(actor=None, task=task, **changes)
    done = done_on if done_on is not None and done_on <= today() else None
    if done and (task.status != TaskStatus.DONE or task.done_at != done):
        task_set_status(actor=None, task=task, status=TaskStatus.DONE, done_at=done)
    elif not done and task.status == TaskStatus.DONE:
        task_set_status(actor=None, task=task, status=TaskStatus.IN_PROGRESS)
