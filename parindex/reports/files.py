"""Report files made in the background: the PDF of a run (docs/reports.md, docs/jobs.md).

A request records a queued :class:`ReportFile` for the run's current version and queues
``reports.tasks.make_report_file``; `parindex worker` renders the DOCX, converts it with
LibreOffice and stores the PDF under ``DATA_DIR/reports/``. A failed conversion keeps its
Vietnamese reason on the row, which the screens and the API show instead of an error page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from parindex.jobs.services import current_worker_id, requeue
from parindex.reports import documents
from parindex.reports.choices import FileState
from parindex.reports.models import ReportFile, ReportRun

PDF = "pdf"
#: A time-out may pass on a quieter moment; a missing Writer will not.
ATTEMPTS = 2


def files_dir() -> Path:
    return Path(settings.DATA_DIR) / "reports"


def run_version(run: ReportRun) -> str:
    """Changes whenever the run's content can have changed (every save of a draft)."""
    return f"{run.status}:{run.updated_at.isoformat()}"


def report_file_current(run: ReportRun, fmt: str = PDF) -> ReportFile | None:
    """The newest file of the run's current version, in whatever state."""
    return (
        ReportFile.objects.filter(run=run, fmt=fmt, version=run_version(run))
        .order_by("-created_at", "-pk")
        .first()
    )


def report_file_request(
    *, actor: Any, run: ReportRun, fmt: str = PDF, again: bool = False
) -> ReportFile:
    """Queue the file unless the current version has one (``again``: unless one is pending,
    to retry a failure). The caller has checked that ``actor`` may read the run."""
    current = report_file_current(run, fmt)
    if current is not None:
        usable = current.state != FileState.DONE or Path(current.path).is_file()
        if current.is_pending or (usable and not again):
            return current
    from parindex.reports.tasks import make_report_file

    file = ReportFile.objects.create(
        run=run, fmt=fmt, version=run_version(run), requested_by=actor if actor else None
    )
    make_report_file.enqueue(file.pk)
    file.refresh_from_db()
    return file


def _end(file: ReportFile, state: str, *, message: str = "", path: str = "") -> None:
    file.state = state
    file.message = message
    file.path = path
    file.finished_at = timezone.now()
    file.save(update_fields=["state", "message", "path", "finished_at"])


def report_file_execute(file_id: int, *, attempt: int = 1) -> str:
    """Make a queued file (the worker's side); returns its state."""
    file = ReportFile.objects.select_related("run", "run__agency").filter(pk=file_id).first()
    if file is None or file.state not in (FileState.QUEUED, FileState.RUNNING):
        return file.state if file is not None else "missing"
    file.state = FileState.RUNNING
    file.worker_id = current_worker_id()
    file.save(update_fields=["state", "worker_id"])
    try:
        data = documents.pdf_convert(documents.docx_bytes(file.run))
    except documents.PdfError as exc:
        if exc.transient:
            from parindex.reports.tasks import make_report_file

            if requeue(make_report_file, file.pk, attempt=attempt, attempts=ATTEMPTS):
                file.state = FileState.QUEUED
                file.save(update_fields=["state"])
                return file.state
        _end(file, FileState.FAILED, message=exc.message)
        return file.state
    folder = files_dir() / str(file.run.uuid)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{file.pk}.{file.fmt}"
    target.write_bytes(data)
    _end(file, FileState.DONE, path=str(target))
    _discard_older(file)
    return file.state


def _discard_older(file: ReportFile) -> None:
    """Files of earlier versions of the run are never served again."""
    older = ReportFile.objects.filter(run_id=file.run_id, fmt=file.fmt).exclude(
        version=file.version
    )
    for old in older:
        if old.path:
            Path(old.path).unlink(missing_ok=True)
    older.delete()
