"""Agencies' assignments: which unit leads (and which cooperate on) each node."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import record, snapshot
from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.models import Agency, Unit, User
from parindex.scorecards.models import Assignment, Framework, Node
from parindex.scorecards.services.framework import ASSIGNMENT_FIELDS


def _assign(
    agency: Agency,
    node: Node,
    lead: Unit | None,
    coop: list[Unit],
    actor: Any,
    *,
    keep_responsible: bool,
    responsible: User | None = None,
) -> bool:
    """Set a node's assignment in an agency; True if anything changed (audited)."""
    assignment = Assignment.objects.filter(agency=agency, node=node).first()
    if assignment is None:
        if lead is None and not coop and responsible is None:
            return False
        assignment = Assignment.objects.create(
            agency=agency, node=node, lead_unit=lead, responsible=responsible
        )
        assignment.cooperating_units.set(coop)
        record(
            actor=actor,
            action="assignment.created",
            target=assignment,
            agency=agency,
            after={
                **snapshot(assignment, ASSIGNMENT_FIELDS),
                "cooperating_units": sorted(u.code for u in coop),
            },
        )
        return True
    before = {
        **snapshot(assignment, ASSIGNMENT_FIELDS),
        "cooperating_units": sorted(u.code for u in assignment.cooperating_units.all()),
    }
    assignment.lead_unit = lead
    if not keep_responsible:
        assignment.responsible = responsible
    after = {
        **snapshot(assignment, ASSIGNMENT_FIELDS),
        "cooperating_units": sorted(u.code for u in coop),
    }
    if after == before:
        return False
    assignment.save()
    assignment.cooperating_units.set(coop)
    record(
        actor=actor,
        action="assignment.updated",
        target=assignment,
        agency=agency,
        before=before,
        after=after,
    )
    return True


@transaction.atomic
def assignment_set(
    *,
    actor: Any,
    agency: Agency,
    node: Node,
    lead_unit: Unit | None,
    cooperating_units: list[Unit] | tuple = (),
    responsible: User | None = None,
) -> bool:
    """Assign a node of the framework to units of an agency (the secretariat's page)."""
    if actor is not None and not access.may_manage_agency(actor, agency):
        raise PermissionDenied
    for unit in [lead_unit, *cooperating_units]:
        if unit is not None and unit.agency_id != agency.pk:
            raise DomainError(_("A unit of another agency cannot be assigned."), field="lead_unit")
    if lead_unit is not None and lead_unit in cooperating_units:
        raise DomainError(
            _("The lead unit is not also a cooperating unit."), field="cooperating_units"
        )
    changed = _assign(
        agency,
        node,
        lead_unit,
        list(cooperating_units),
        actor,
        keep_responsible=False,
        responsible=responsible,
    )
    if changed:
        from parindex.scorecards.services.workflow import sync_score_units

        sync_score_units(agency=agency, framework=node.framework)
    return changed


@transaction.atomic
def assignments_carry_over(*, actor: Any, agency: Agency, from_year: int, to_year: int) -> int:
    """Copy last year's assignments to the nodes of a new year with the same codes."""
    if actor is not None and not access.may_manage_agency(actor, agency):
        raise PermissionDenied
    target = Framework.objects.filter(year=to_year).first()
    if target is None:
        raise DomainError(_("There is no framework for %(year)s.") % {"year": to_year})
    nodes = {n.code: n for n in Node.objects.filter(framework=target)}
    count = 0
    old = (
        Assignment.objects.filter(agency=agency, node__framework__year=from_year)
        .select_related("node", "lead_unit", "responsible")
        .prefetch_related("cooperating_units")
    )
    for assignment in old:
        node = nodes.get(assignment.node.code)
        if node is None or Assignment.objects.filter(agency=agency, node=node).exists():
            continue
        if _assign(
            agency,
            node,
            assignment.lead_unit,
            list(assignment.cooperating_units.all()),
            actor,
            keep_responsible=False,
            responsible=assignment.responsible,
        ):
            count += 1
    from parindex.scorecards.services.workflow import sync_score_units

    sync_score_units(agency=agency, framework=target)
    return count
