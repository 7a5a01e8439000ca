"""Inspections, specialised checks, law-enforcement monitoring and PAR checks of units."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import record_created, save_changes
from parindex.common.errors import DomainError, refuse_unknown
from parindex.org.models import Agency
from parindex.registers.choices import InspectionKind, RecommendationSource
from parindex.registers.models import Inspection, Recommendation
from parindex.registers.services._common import (
    checked_changes,
    clean,
    is_inspectorate,
    is_secretariat,
    require,
)

INSPECTION_FIELDS = (
    "code",
    "subject",
    "kind",
    "plan_year",
    "planned",
    "unit",
    "target",
    "target_unit",
    "decision_number",
    "decision_on",
    "fieldwork_from",
    "fieldwork_to",
    "conclusion_due",
    "concluded_on",
    "conclusion_number",
    "conclusion",
    "fines",
    "recoveries",
)


def may_keep_inspection(actor: Any, agency: Agency, kind: str) -> bool:
    """The inspectorate keeps every inspection; the PAR secretariat also its PAR checks."""
    if is_inspectorate(actor, agency.pk):
        return True
    return kind == InspectionKind.PAR_CHECK and is_secretariat(actor, agency.pk)


def _check(agency: Agency, data: dict[str, Any], exclude: int | None) -> None:
    if not data.get("code"):
        raise DomainError(_("A code is required."), field="code")
    if not data.get("subject"):
        raise DomainError(_("A subject is required."), field="subject")
    if data.get("kind") not in InspectionKind.values:
        raise DomainError(_("Unknown kind of inspection."), field="kind")
    year = data.get("plan_year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError(_("The year must be between 2000 and 2100."), field="plan_year")
    unit = data.get("unit")
    if unit is None or unit.agency_id != agency.pk:
        raise DomainError(_("Choose a unit of the agency."), field="unit")
    target_unit = data.get("target_unit")
    if target_unit is not None and target_unit.agency_id != agency.pk:
        raise DomainError(_("Choose a unit of the agency."), field="target_unit")
    if data.get("concluded_on") and data.get("decision_on"):
        if data["concluded_on"] < data["decision_on"]:
            raise DomainError(
                _("A conclusion cannot come before the decision."), field="concluded_on"
            )
    if data.get("fieldwork_to") and data.get("fieldwork_from"):
        if data["fieldwork_to"] < data["fieldwork_from"]:
            raise DomainError(_("The fieldwork cannot end before it starts."), field="fieldwork_to")
    for field in ("fines", "recoveries"):
        if data.get(field) is not None and data[field] < 0:
            raise DomainError(_("Amounts cannot be negative."), field=field)
    clash = Inspection.objects.filter(agency=agency, code=data["code"])
    if exclude:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise DomainError(_("This agency already has an inspection with this code."), field="code")


@transaction.atomic
def inspection_create(*, actor: Any, agency: Agency, **fields: Any) -> Inspection:
    """Add an inspection to the register (the inspectorate; the secretariat for PAR checks)."""
    refuse_unknown("inspection_create", fields, INSPECTION_FIELDS, "take")
    data = clean(fields)
    require(may_keep_inspection(actor, agency, data.get("kind", "")))
    _check(agency, data, None)
    inspection = Inspection.objects.create(agency=agency, **data)
    record_created(actor, "inspection.created", inspection, INSPECTION_FIELDS)
    return inspection


@transaction.atomic
def inspection_update(*, actor: Any, inspection: Inspection, **changes: Any) -> Inspection:
    """Change an inspection or record its decision, fieldwork and conclusion."""
    changes = checked_changes(
        actor,
        inspection,
        changes,
        service="inspection_update",
        fields=INSPECTION_FIELDS,
        keeper="kind",
        may_keep=may_keep_inspection,
        check=_check,
    )
    save_changes(actor, "inspection.updated", inspection, INSPECTION_FIELDS, changes)
    return inspection


@transaction.atomic
def inspection_conclude(
    *,
    actor: Any,
    inspection: Inspection,
    concluded_on: dt.date,
    conclusion_number: str = "",
    conclusion: str = "",
    fines: int | None = None,
    recoveries: int | None = None,
    recommendations: list[dict[str, Any]] = (),
) -> list[Recommendation]:
    """Record the conclusion and the recommendations it makes, each one a task of its owner.

    `recommendations`: dicts with `text`, `unit`, `due_date` and optionally `amount`,
    `criterion` and `code` (default `<inspection code>-KN<n>`).
    """
    from parindex.registers.services.recommendations import recommendation_create

    if concluded_on is None:
        raise DomainError(_("The date of the conclusion is required."), field="concluded_on")
    inspection_update(
        actor=actor,
        inspection=inspection,
        concluded_on=concluded_on,
        conclusion_number=conclusion_number or inspection.conclusion_number,
        conclusion=conclusion or inspection.conclusion,
        fines=fines if fines is not None else inspection.fines,
        recoveries=recoveries if recoveries is not None else inspection.recoveries,
    )
    source = (
        RecommendationSource.PAR_CHECK
        if inspection.kind == InspectionKind.PAR_CHECK
        else RecommendationSource.INSPECTION
    )
    made = []
    number = inspection.recommendations.count()
    for item in recommendations:
        number += 1
        item = dict(item)
        code = item.pop("code", "") or f"{inspection.code}-KN{number}"
        made.append(
            recommendation_create(
                actor=actor,
                agency=inspection.agency,
                code=code,
                source=source,
                inspection=inspection,
                **item,
            )
        )
    return made
