"""A year's framework: who may write it, when it is frozen, announced changes, edits of
its nodes. The import (docs/formats.md §1) is in framework_import, the export in framework_export,
agencies' assignments in assignments."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import record, snapshot
from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.access import may_manage_framework, scope_for
from parindex.org.models import Province
from parindex.scorecards.choices import Stage
from parindex.scorecards.models import Assessment, Framework

TOLERANCE = Decimal("0.001")
NODE_FIELDS = ("title", "max_points", "kind", "method", "evidence_expected", "metric_key", "rule")
ASSIGNMENT_FIELDS = ("lead_unit", "responsible")

FRAMEWORK_COLUMNS = (
    tabular.Column("code", "Mã", ("Mã tiêu chí", "STT", "code"), required=True),
    tabular.Column("title", "Nội dung", ("Tiêu chí", "Tên", "title"), required=True),
    tabular.Column("max", "Điểm tối đa", ("Điểm chuẩn", "max"), required=True),
    tabular.Column("method", "Phương pháp chấm", ("Cách chấm",)),
    tabular.Column("evidence", "Tài liệu kiểm chứng", ("Kiểm chứng",)),
    tabular.Column("kind", "Loại điểm", ("Nguồn điểm",)),
    tabular.Column("lead", "Đơn vị chủ trì", ("Chủ trì",)),
    tabular.Column("coop", "Đơn vị phối hợp", ("Phối hợp",)),
    tabular.Column("metric", "Chỉ số tự động", ("Metric",)),
    tabular.Column("rule", "Quy tắc", ("Rule",)),
)
_CODE = re.compile(r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*")


def _require_framework_rights(actor: Any, province_id: int | None) -> None:
    """The framework is the province's: its PAR secretariat or an administrator writes it."""
    if actor is None:
        return
    if not may_manage_framework(scope_for(actor), province_id):
        raise PermissionDenied


def _province_for_new_framework(actor: Any) -> Province | None:
    """The province a new framework belongs to: the writer's, else the deployment's only one."""
    if actor is not None:
        own = access.secretariat_province_ids(actor)
        if len(own) == 1:
            return Province.objects.get(pk=next(iter(own)))
    provinces = list(Province.objects.all()[:2])
    return provinces[0] if len(provinces) == 1 else None


def framework_is_frozen(framework: Framework) -> bool:
    """In use by an assessment past the self-assessment: changed only with an announcement."""
    return (
        framework.pk is not None
        and Assessment.objects.filter(framework=framework).exclude(stage=Stage.DRAFT).exists()
    )


def framework_change_note(framework: Framework, announcement: str | None) -> str:
    text = (announcement or "").strip()
    if framework_is_frozen(framework) and not text:
        raise DomainError(
            _(
                "This framework is frozen: an agency's assessment has gone past the "
                "self-assessment. Change it only through an announced change: say what changes "
                "and why."
            ),
            field="announcement",
        )
    if len(text) > 2000:
        raise DomainError(_("The announcement is too long (2000 characters at most)."))
    return text


def framework_change_announce(
    *, actor: Any, framework: Framework, announcement: str, before: Any, after: Any
) -> None:
    """One audit row per agency whose assessment uses the framework, so each sees the change
    in its own audit trail (and one at the province level for its roles)."""
    frozen = framework_is_frozen(framework)
    action = "framework.change_announced" if frozen else "framework.changed"
    record(
        actor=actor,
        action=action,
        target=framework,
        province=framework.province_id,
        before=before,
        after=after,
        note=announcement,
    )
    agency_ids = (
        Assessment.objects.filter(framework=framework)
        .values_list("agency_id", flat=True)
        .distinct()
        .order_by("agency_id")
    )
    for agency_id in agency_ids:
        record(
            actor=actor,
            action=action,
            target=framework,
            agency=agency_id,
            before=before,
            after=after,
            note=announcement,
        )


@transaction.atomic
def framework_update(
    *,
    actor: Any,
    framework: Framework,
    name: str,
    has_round_2: bool,
    announcement: str | None = None,
) -> bool:
    """Rename a framework or say whether its appraisal has a second round (a frozen framework
    only with an announcement, which every agency using it sees in its audit trail)."""
    _require_framework_rights(actor, framework.province_id)
    if not (name or "").strip():
        raise DomainError(_("A name is required."), field="name")
    if (
        has_round_2 != framework.has_round_2
        and Assessment.objects.filter(
            framework=framework, stage__in=["appraisal_2", "final"]
        ).exists()
    ):
        raise DomainError(
            _(
                "An assessment already reached the second round or the end; the rounds cannot change."
            ),
            field="has_round_2",
        )
    before = snapshot(framework, ("name", "has_round_2"))
    framework.name = name.strip()
    framework.has_round_2 = has_round_2
    after = snapshot(framework, ("name", "has_round_2"))
    if after == before:
        return False
    note = framework_change_note(framework, announcement)
    framework.save(update_fields=["name", "has_round_2"])
    framework_change_announce(
        actor=actor, framework=framework, announcement=note, before=before, after=after
    )
    return True
