"""Writes of the reports app: runs (create, edit, issue, delete, supersede) and schedules
with their inbox. Everything is importable from here."""

from parindex.reports.services.runs import (
    AUDIT_FIELDS,
    EMAIL_ATTEMPTS,
    build_run,
    freeze_snapshot,
    may_manage,
    next_number,
    run_create,
    run_delete,
    run_issue,
    run_refresh,
    run_supersede,
    run_update_sections,
)
from parindex.reports.services.schedules import (
    FREQUENCY_KIND,
    delivery_email,
    delivery_mark_read,
    run_scheduled,
    schedule_create,
    schedule_delete,
    schedule_generate,
)

__all__ = [
    "AUDIT_FIELDS",
    "EMAIL_ATTEMPTS",
    "FREQUENCY_KIND",
    "build_run",
    "delivery_email",
    "delivery_mark_read",
    "freeze_snapshot",
    "may_manage",
    "next_number",
    "run_create",
    "run_delete",
    "run_issue",
    "run_refresh",
    "run_scheduled",
    "run_supersede",
    "run_update_sections",
    "schedule_create",
    "schedule_delete",
    "schedule_generate",
]
