"""Report runs: create (freeze), edit, refresh, issue, delete, supersede.

Every function checks the actor's rights (actor None = the system), refuses with a translated
DomainError, runs atomically and writes an audit row. An issued report never changes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.services import (
    audited,
    record,
    record_created,
    record_deleted,
    save_changes,
    snapshot,
)
from parindex.common.errors import DomainError
from parindex.org import access
from parindex.org.models import Unit
from parindex.reports import documents, periods
from parindex.reports.choices import PeriodKind, RunStatus
from parindex.reports.models import ReportRun
from parindex.reports.registry import get_type

#: A scheduled report e-mail is tried this many times while the mail server is unreachable.
EMAIL_ATTEMPTS = 4

AUDIT_FIELDS = (
    "type_key",
    "period_start",
    "period_end",
    "status",
    "summary",
    "number",
    "issued_on",
    "signer_name",
    "signer_authority",
    "recipients",
    "sections",
    "conclusions",
)


def may_manage(actor: Any, agency: Any) -> bool:
    """Only the agency's secretariat (and administrators) write and issue its reports."""
    if actor is None:
        return True
    return access.may_manage_agency(actor, agency)


def _require(actor: Any, agency: Any) -> None:
    if not may_manage(actor, agency):
        raise PermissionDenied(_("Only the agency's PAR secretariat manages its reports."))


def _require_draft(run: ReportRun) -> None:
    if run.status != RunStatus.DRAFT:
        raise DomainError(_("An issued report cannot change; supersede it with a new draft."))


def _json_safe(data: Any) -> Any:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def freeze_snapshot(agency: Any, report_type: Any, period: periods.Period) -> dict[str, Any]:
    return {
        "taken_at": timezone.localtime().isoformat(timespec="seconds"),
        "agency": documents.agency_letterhead(agency),
        "period": period.as_json(),
        "data": _json_safe(report_type.build_snapshot(agency, period)),
    }


def build_run(*, agency: Any, type_key: str, period: periods.Period) -> ReportRun:
    """An unsaved run with its data frozen (also used by `parindex report` without saving)."""
    report_type = get_type(type_key)
    if period.kind not in report_type.period_kinds:
        raise DomainError(
            _("This report type does not accept this kind of period."), field="period"
        )
    frozen = freeze_snapshot(agency, report_type, period)
    return ReportRun(
        agency=agency,
        type_key=report_type.key,
        type_code=report_type.type_code,
        period_kind=period.kind,
        period_year=period.year,
        period_number=period.number,
        period_start=period.start,
        period_end=period.end,
        status=RunStatus.DRAFT,
        summary=report_type.default_summary(agency, period),
        snapshot=frozen,
        snapshot_taken_at=timezone.now(),
        sections=report_type.default_sections(agency, period),
        conclusions=[],
        signer_authority=report_type.default_authority,
    )


@transaction.atomic
def run_create(*, actor: Any, agency: Any, type_key: str, period: periods.Period) -> ReportRun:
    """A new draft for this type, agency and period, with the data frozen now."""
    _require(actor, agency)
    run = build_run(agency=agency, type_key=type_key, period=period)
    run.created_by = actor if actor is not None and actor.pk else None
    run.save()
    record_created(actor, "report.created", run, AUDIT_FIELDS)
    return run


def _clean_conclusions(run: ReportRun, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    codes = set(Unit.objects.filter(agency=run.agency).values_list("code", flat=True))
    cleaned = []
    for index, row in enumerate(rows, start=1):
        text = (row.get("text") or "").strip()
        units = [u.strip() for u in row.get("units") or [] if u and u.strip()]
        deadline = row.get("deadline") or None
        if not text and not units and not deadline:
            continue
        if not text:
            raise DomainError(
                _("Conclusion %(n)s has no text.") % {"n": index}, field="conclusions"
            )
        unknown = [u for u in units if u not in codes]
        if unknown:
            raise DomainError(
                _("Conclusion %(n)s names unknown units: %(units)s.")
                % {"n": index, "units": ", ".join(unknown)},
                field="conclusions",
            )
        if isinstance(deadline, dt.date):
            deadline = deadline.isoformat()
        elif deadline:
            try:
                deadline = dt.date.fromisoformat(str(deadline)).isoformat()
            except ValueError:
                raise DomainError(
                    _("Conclusion %(n)s has an invalid deadline.") % {"n": index},
                    field="conclusions",
                ) from None
        cleaned.append({"text": text, "units": units, "deadline": deadline})
    return cleaned


@transaction.atomic
def run_update_sections(
    *,
    actor: Any,
    run: ReportRun,
    sections: dict[str, str] | None = None,
    summary: str | None = None,
    conclusions: list[dict[str, Any]] | None = None,
) -> ReportRun:
    """Edit a draft's text: sections (by key), the summary line, a notice's conclusions."""
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    _require(actor, run.agency)
    _require_draft(run)
    report_type = run.report_type
    changes: dict[str, Any] = {}
    if sections is not None:
        known = {s.key for s in report_type.sections}
        extra = set(sections) - known
        if extra:
            raise DomainError(_("Unknown text section."), field="sections")
        changes["sections"] = {
            **run.sections,
            **{k: (v or "").strip() for k, v in sections.items()},
        }
    if summary is not None:
        if not summary.strip():
            raise DomainError(_("The summary line cannot be empty."), field="summary")
        changes["summary"] = summary.strip()[:500]
    if conclusions is not None:
        if not report_type.has_conclusions:
            raise DomainError(_("This report type has no conclusions."), field="conclusions")
        changes["conclusions"] = _clean_conclusions(run, conclusions)
    save_changes(actor, "report.updated", run, ("summary", "sections", "conclusions"), changes)
    return run


@transaction.atomic
def run_refresh(*, actor: Any, run: ReportRun) -> ReportRun:
    """Freeze the data again (a draft only): the figures as they are now."""
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    _require(actor, run.agency)
    _require_draft(run)
    old_taken = run.snapshot.get("taken_at")
    run.snapshot = freeze_snapshot(run.agency, run.report_type, run.period)
    run.snapshot_taken_at = timezone.now()
    run.save()
    record(
        actor=actor,
        action="report.refreshed",
        target=run,
        before={"taken_at": old_taken},
        after={"taken_at": run.snapshot["taken_at"]},
        agency=run.agency,
    )
    return run


def next_number(agency: Any, type_code: str, year: int) -> int:
    """The next free number of this document type in the agency's yearly register."""
    last = (
        ReportRun.objects.filter(agency=agency, type_code=type_code, number_year=year)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


@transaction.atomic
def run_issue(
    *,
    actor: Any,
    run: ReportRun,
    number: int,
    issued_on: dt.date,
    signer_name: str,
    signer_authority: str,
    recipients: list[str],
) -> ReportRun:
    """Number, date and sign a draft; from then on it is immutable. A notice's assignments are
    handed to the workplan app (hooks.notice_issued) in the same transaction."""
    run = ReportRun.objects.select_for_update().select_related("agency").get(pk=run.pk)
    _require(actor, run.agency)
    _require_draft(run)
    if not number or number < 1:
        raise DomainError(_("Enter the document number."), field="number")
    if not signer_name.strip():
        raise DomainError(_("Enter the signer's name."), field="signer_name")
    if not signer_authority.strip():
        raise DomainError(_("Enter the signer's authority."), field="signer_authority")
    if issued_on < run.period_start and run.period_kind != PeriodKind.CUSTOM:
        raise DomainError(
            _("A report cannot be issued before its period starts."), field="issued_on"
        )
    taken = ReportRun.objects.filter(
        agency=run.agency, type_code=run.type_code, number_year=issued_on.year, number=number
    ).exists()
    if taken:
        raise DomainError(_("This number is already used this year."), field="number")
    if run.report_type.has_conclusions and not run.conclusions:
        raise DomainError(_("A notice needs at least one conclusion."), field="conclusions")
    with audited(actor, "report.issued", run, AUDIT_FIELDS, always=True) as change:
        run.number = number
        run.number_year = issued_on.year
        run.issued_on = issued_on
        run.signer_name = signer_name.strip()
        run.signer_authority = "\n".join(
            line.strip() for line in signer_authority.strip().splitlines() if line.strip()
        )
        run.recipients = [r.strip() for r in recipients if r and r.strip()]
        # The agency's names as they are on the day of issue.
        run.snapshot = {**run.snapshot, "agency": documents.agency_letterhead(run.agency)}
        run.status = RunStatus.ISSUED
        run.issued_at = timezone.now()
        run.issued_by = actor if actor is not None and actor.pk else None
        run.docx_sha256 = documents.sha256(documents.docx_bytes(run))
        run.save()
        on_issue = getattr(run.report_type, "on_issue", None)
        handed = on_issue(run, actor) if on_issue is not None else None
        if handed is not None:
            change.note = _("%(n)s assignments handed to the work plan.") % {"n": len(handed)}
    return run


@transaction.atomic
def run_delete(*, actor: Any, run: ReportRun) -> None:
    """Delete a draft; issued reports are only superseded."""
    run = ReportRun.objects.select_for_update().select_related("agency").get(pk=run.pk)
    _require(actor, run.agency)
    if run.status != RunStatus.DRAFT:
        raise DomainError(_("Only drafts can be deleted; supersede an issued report."))
    record_deleted(actor, "report.deleted", run, AUDIT_FIELDS)
    run.delete()


@transaction.atomic
def run_supersede(*, actor: Any, run: ReportRun) -> ReportRun:
    """Replace an issued report: a new draft copy (same data and text); the old one is marked
    superseded and points to the new one."""
    run = ReportRun.objects.select_for_update().select_related("agency").get(pk=run.pk)
    _require(actor, run.agency)
    if run.status != RunStatus.ISSUED:
        raise DomainError(_("Only an issued report can be superseded."))
    copy = ReportRun.objects.create(
        agency=run.agency,
        type_key=run.type_key,
        type_code=run.type_code,
        period_kind=run.period_kind,
        period_year=run.period_year,
        period_number=run.period_number,
        period_start=run.period_start,
        period_end=run.period_end,
        status=RunStatus.DRAFT,
        summary=run.summary,
        snapshot=run.snapshot,
        snapshot_taken_at=run.snapshot_taken_at,
        sections=dict(run.sections),
        conclusions=list(run.conclusions),
        signer_name=run.signer_name,
        signer_authority=run.signer_authority,
        recipients=list(run.recipients),
        created_by=actor if actor is not None and actor.pk else None,
    )
    run.status = RunStatus.SUPERSEDED
    run.superseded_by = copy
    run.save(update_fields=["status", "superseded_by", "updated_at"])
    record(
        actor=actor,
        action="report.superseded",
        target=run,
        before={"status": RunStatus.ISSUED},
        after={"status": RunStatus.SUPERSEDED, "superseded_by": str(copy.uuid)},
        agency=run.agency,
    )
    record(
        actor=actor,
        action="report.created",
        target=copy,
        after={**snapshot(copy, AUDIT_FIELDS), "supersedes": str(run.uuid)},
        agency=run.agency,
    )
    return copy
