"""Background jobs of the reports app (run by `parindex worker`, docs/jobs.md)."""

from __future__ import annotations

from django_tasks import task


@task()
def make_report_file(file_id: int, attempt: int = 1) -> str:
    """Render a report's DOCX and convert it to PDF. Safe to repeat (it only writes the file),
    so a time-out is tried again once, later."""
    from parindex.reports.files import report_file_execute

    return report_file_execute(file_id, attempt=attempt)


@task()
def email_report(delivery_id: int, attempt: int = 1) -> bool:
    """Render a scheduled report's DOCX and e-mail it to one recipient; safe to repeat (an
    e-mailed delivery is not sent again), so an unreachable mail server is tried again."""
    from parindex.reports.services import delivery_email

    return delivery_email(delivery_id, attempt=attempt)
