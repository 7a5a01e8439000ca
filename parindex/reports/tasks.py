"""Background jobs of the reports app (run by `parindex worker`, docs/jobs.md)."""

from __future__ import annotations

from django_tasks import task


@task()
def make_report_file(file_id: int, attempt: int = 1) -> str:
    """Render a report's DOCX and convert it to PDF. Safe to repeat (it only writes the file),
    so a time-out is tried again once, later."""
    from parindex.reports.files import report_file_execute

    return report_file_execute(file_id, attempt=attempt)
