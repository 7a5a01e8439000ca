"""Reorganisations with an effective date: merge, split and rename of units, merge of agencies.

Records (dossiers, scores, tasks…) keep pointing at the unit they belonged to, so a figure of a
past period stays with the unit as it was. A successor reads its predecessors' history through
`lineage` and `unit_history`, each row labelled with the predecessor's name and the change.

Writes are services (`unit_merge`, `unit_split`, `unit_rename`, `agency_merge`): atomic,
checked (the agency's secretariat; agencies: an administrator) and audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import record
from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.choices import UnitKind
from parindex.org.models import Agency, AgencySuccession, OrgChange, Unit, UnitSuccession
from parindex.org.services import unit_create, unit_update

ONE_DAY = dt.timedelta(days=1)


def _require_secretariat(actor: Any, agency: Agency) -> None:
    if actor is None:
        return
    if not access.may_manage_agency(actor, agency):
        raise PermissionDenied


def _check_date(effective_on: Any) -> dt.date:
    if not isinstance(effective_on, dt.date):
        raise DomainError(_("Give the date the change takes effect."), field="effective_on")
    return effective_on


def _link(change: OrgChange, predecessor: Unit, successor: Unit) -> UnitSuccession:
    return UnitSuccession.objects.create(
        change=change,
        predecessor=predecessor,
        successor=successor,
        code_before=predecessor.code,
        name_before=predecessor.name,
    )


def _audit(actor: Any, action: str, change: OrgChange, target: Any, **after: Any) -> None:
    record(
        actor=actor,
        action=action,
        target=target,
        agency=change.agency_id,
        after={"effective_on": change.effective_on, "decision": change.decision, **after},
    )


@transaction.atomic
def unit_merge(
    *,
    actor: Any,
    agency: Agency,
    predecessors: list[Unit],
    successor_code: str,
    successor_name: str = "",
    effective_on: dt.date,
    decision: str = "",
    kind: str = UnitKind.OFFICE,
) -> OrgChange:
    """Merge `predecessors` into the unit `successor_code` (created when new, or one of them,
    which then absorbs the others). The merged units are made inactive; their records stay."""
    _require_secretariat(actor, agency)
    effective_on = _check_date(effective_on)
    if not predecessors:
        raise DomainError(_("Name the units that merge."), field="predecessors")
    for unit in predecessors:
        if unit.agency_id != agency.pk:
            raise DomainError(_("The unit belongs to another agency."), field="predecessors")
    successor = Unit.objects.filter(agency=agency, code=successor_code.strip().upper()).first()
    if successor is None:
        if not successor_name.strip():
            raise DomainError(_("Give the new unit's name."), field="successor_name")
        successor = unit_create(
            actor=actor, agency=agency, code=successor_code, name=successor_name, kind=kind
        )
    merged = [u for u in predecessors if u.pk != successor.pk]
    if not merged:
        raise DomainError(_("A unit cannot merge into itself."), field="predecessors")
    change = OrgChange.objects.create(
        kind=OrgChange.Kind.MERGE, effective_on=effective_on, agency=agency, decision=decision
    )
    for unit in merged:
        _link(change, unit, successor)
        if unit.is_active:
            unit_update(actor=actor, unit=unit, is_active=False)
    _audit(actor, "unit.merged", change, successor, predecessors=[u.code for u in merged])
    return change


@transaction.atomic
def unit_split(
    *,
    actor: Any,
    agency: Agency,
    predecessor: Unit,
    successors: list[tuple[str, str]],
    effective_on: dt.date,
    decision: str = "",
) -> OrgChange:
    """Split `predecessor` into the units `successors` ((code, name); an existing code of the
    agency is reused). The predecessor becomes inactive unless it is one of them."""
    _require_secretariat(actor, agency)
    effective_on = _check_date(effective_on)
    if predecessor.agency_id != agency.pk:
        raise DomainError(_("The unit belongs to another agency."), field="predecessor")
    if len(successors) < 2:
        raise DomainError(_("A split needs at least two resulting units."), field="successors")
    change = OrgChange.objects.create(
        kind=OrgChange.Kind.SPLIT, effective_on=effective_on, agency=agency, decision=decision
    )
    kept = False
    for code, name in successors:
        unit = Unit.objects.filter(agency=agency, code=code.strip().upper()).first()
        if unit is None:
            unit = unit_create(actor=actor, agency=agency, code=code, name=name)
        if unit.pk == predecessor.pk:
            kept = True
            continue
        _link(change, predecessor, unit)
    if not kept and predecessor.is_active:
        unit_update(actor=actor, unit=predecessor, is_active=False)
    _audit(actor, "unit.split", change, predecessor, successors=[c for c, _n in successors])
    return change


@transaction.atomic
def unit_rename(
    *, actor: Any, unit: Unit, name: str, effective_on: dt.date, decision: str = ""
) -> OrgChange:
    """Rename a unit from a date; its code stays, its former name labels its past."""
    _require_secretariat(actor, unit.agency)
    effective_on = _check_date(effective_on)
    if not name.strip() or name.strip() == unit.name:
        raise DomainError(_("Give the unit's new name."), field="name")
    change = OrgChange.objects.create(
        kind=OrgChange.Kind.RENAME, effective_on=effective_on, agency=unit.agency, decision=decision
    )
    _link(change, unit, unit)
    unit_update(actor=actor, unit=unit, name=name.strip())
    _audit(actor, "unit.renamed", change, unit, name=name.strip())
    return change


@transaction.atomic
def agency_merge(
    *,
    actor: Any,
    predecessors: list[Agency],
    successor: Agency,
    effective_on: dt.date,
    decision: str = "",
) -> OrgChange:
    """Agencies continued by `successor` from `effective_on` (an administrator's act)."""
    if actor is not None and not access.is_admin(actor):
        raise PermissionDenied
    effective_on = _check_date(effective_on)
    merged = [a for a in predecessors if a.pk != successor.pk]
    if not merged:
        raise DomainError(_("Name the agencies that merge."), field="predecessors")
    change = OrgChange.objects.create(
        kind=OrgChange.Kind.MERGE, effective_on=effective_on, agency=successor, decision=decision
    )
    for agency in merged:
        AgencySuccession.objects.create(
            change=change, predecessor=agency, successor=successor, name_before=agency.name
        )
        if agency.is_active:
            agency.is_active = False
            agency.save(update_fields=["is_active"])
    _audit(actor, "agency.merged", change, successor, predecessors=[a.code for a in merged])
    return change


# -- reads ----------------------------------------------------------------------------------


@dataclass
class Predecessor:
    """A unit whose history the successor shows, up to the day before the change."""

    unit: Unit
    change: OrgChange
    code: str  # as it was
    name: str  # as it was
    successor: Unit

    @property
    def until(self) -> dt.date:
        return self.change.effective_on - ONE_DAY

    @property
    def label(self) -> str:
        if self.change.kind == OrgChange.Kind.MERGE:
            text = _("%(name)s (merged into %(successor)s on %(date)s)")
        elif self.change.kind == OrgChange.Kind.SPLIT:
            text = _("%(name)s (split, partly into %(successor)s, on %(date)s)")
        else:
            text = _("%(name)s (renamed %(successor)s on %(date)s)")
        return text % {
            "name": self.name,
            "successor": self.successor.name,
            "date": self.change.effective_on.strftime("%d/%m/%Y"),
        }


def lineage(unit: Unit) -> list[Predecessor]:
    """Every unit the given one continues, nearest first (merges, splits; its own former names
    through renames), following predecessors of predecessors."""
    found: list[Predecessor] = []
    seen = {unit.pk}
    queue = [unit]
    while queue:
        current = queue.pop(0)
        links = (
            UnitSuccession.objects.filter(successor=current)
            .select_related("change", "predecessor", "successor")
            .order_by("-change__effective_on", "pk")
        )
        for link in links:
            found.append(
                Predecessor(
                    link.predecessor,
                    link.change,
                    link.code_before,
                    link.name_before,
                    link.successor,
                )  # fmt: skip
            )
            if link.predecessor.pk not in seen:
                seen.add(link.predecessor.pk)
                queue.append(link.predecessor)
    return found


def name_on(unit: Unit, day: dt.date) -> str:
    """The unit's name as it was on `day` (a later rename gives the former name)."""
    rename = (
        UnitSuccession.objects.filter(
            predecessor=unit, successor=unit, change__effective_on__gt=day
        )
        .order_by("change__effective_on")
        .first()
    )
    return rename.name_before if rename else unit.name


@dataclass
class HistoryRow:
    label: str
    unit: Unit
    start: dt.date
    end: dt.date
    is_own: bool
    dossiers: dict[str, Any] = field(default_factory=dict)
    lost: Any = None
    tasks: dict[str, int] = field(default_factory=dict)


def _dossier_figures(unit: Unit, start: dt.date, end: dt.date) -> dict[str, Any]:
    from parindex.dossiers.figures import dossier_figures

    total = dossier_figures(unit.agency, start, end, units=[unit.pk])["total"]
    return {k: total[k] for k in ("received", "resolved", "on_time_rate", "pending_overdue")}


def _lost(unit: Unit, code: str, year: int) -> Any:
    from parindex.scorecards.models import Framework
    from parindex.scorecards.selectors import compute_for

    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        return None
    card = compute_for(unit.agency, framework)
    return dict(card.lost_by_unit).get(code, 0)


def _tasks(unit: Unit, start: dt.date, end: dt.date, on: dt.date) -> dict[str, int]:
    from parindex.workplan.choices import OPEN_STATUSES, TaskStatus
    from parindex.workplan.models import Task

    counts = {"done_on_time": 0, "done_late": 0, "overdue": 0, "open": 0}
    tasks = Task.objects.filter(lead_unit=unit, due_date__gte=start, due_date__lte=end)
    for status, due, done in tasks.exclude(status=TaskStatus.CANCELLED).values_list(
        "status", "due_date", "done_at"
    ):
        if status == TaskStatus.DONE and done is not None:
            counts["done_on_time" if done <= due else "done_late"] += 1
        elif status in OPEN_STATUSES and due < on:
            counts["overdue"] += 1
        else:
            counts["open"] += 1
    return counts


def unit_history(unit: Unit, start: dt.date, end: dt.date, *, on: dt.date | None = None):
    """The unit's figures over [start, end] and, labelled, those of every predecessor over the
    part of the period before its change: dossiers (docs/formats.md §6 figures of the unit), points
    lost in the year of `end` (docs/formats.md §3 lost_by_unit), tasks the unit led, due in the period."""
    on = on or end
    rows = [
        HistoryRow(
            label=unit.name,
            unit=unit,
            start=start,
            end=end,
            is_own=True,
            dossiers=_dossier_figures(unit, start, end),
            lost=_lost(unit, unit.code, end.year),
            tasks=_tasks(unit, start, end, on),
        )
    ]
    for item in lineage(unit):
        if item.unit.pk == unit.pk or item.until < start:
            continue  # a rename: the unit's own records are already in its row
        until = min(end, item.until)
        rows.append(
            HistoryRow(
                label=item.label,
                unit=item.unit,
                start=start,
                end=until,
                is_own=False,
                dossiers=_dossier_figures(item.unit, start, until),
                lost=_lost(item.unit, item.code, end.year)
                if item.change.effective_on.year >= end.year
                else None,
                tasks=_tasks(item.unit, start, until, on),
            )
        )
    return rows
