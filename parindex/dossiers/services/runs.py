"""Import runs: the history of every import, and uploads run in the background.

A web upload is stored under ``DATA_DIR/imports/<run>/``, recorded as a queued
:class:`ImportRun`, then run by `parindex worker` (the task queue, docs/jobs.md); the upload is
deleted when the run ends. The import itself is one database
transaction (all or nothing), so its progress cannot be read from the database while it runs:
it is written to ``progress.json`` next to the file after every batch, readable by any process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.dossiers.choices import ImportKind, ImportState
from parindex.dossiers.models import ImportRun
from parindex.dossiers.services.calendar import import_calendar
from parindex.dossiers.services.dossiers import import_dossiers
from parindex.dossiers.services.procedures import import_procedures
from parindex.org import access
from parindex.org.models import Agency

logger = logging.getLogger(__name__)


def imports_dir() -> Path:
    return Path(settings.DATA_DIR) / "imports"


def run_dir(run: ImportRun) -> Path:
    return imports_dir() / str(run.pk)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def estimate_rows(path: Path) -> int | None:
    """How many data rows the file roughly has (for the progress bar), cheaply."""
    try:
        if path.suffix.lower() == ".csv":
            with path.open("rb") as handle:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            return max(lines - 1, 0)
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        try:
            return max((workbook.worksheets[0].max_row or 1) - 1, 0)
        finally:
            workbook.close()
    except Exception:  # noqa: BLE001 - only a hint for the progress bar
        return None


def import_run_start(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    upload: IO[bytes],
    file_name: str,
    options: dict[str, Any] | None = None,
) -> ImportRun:
    """Store an uploaded file and record a queued run (the secretariat of the agency only)."""
    if actor is not None and not access.may_manage_agency(actor, agency):
        raise PermissionDenied
    if kind not in ImportKind.values:
        raise DomainError(_("Unknown import kind."), field="kind")
    name = get_valid_filename(Path(file_name).name) or "import"
    if Path(name).suffix.lower() not in tabular.IMPORT_SUFFIXES:
        raise DomainError(
            _("Upload a spreadsheet: .xlsx, .xls, .xlsb, .ods or .csv."), field="file"
        )
    run = ImportRun.objects.create(
        agency=agency,
        kind=kind,
        file_name=name,
        created_by=actor if actor else None,
        options=options or {},
    )
    folder = run_dir(run)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    with target.open("wb") as out:
        if hasattr(upload, "chunks"):
            for chunk in upload.chunks():
                out.write(chunk)
        else:
            shutil.copyfileobj(upload, out)
    run.stored_file = str(target)
    run.sha256 = sha256_of(target)
    run.rows_total = estimate_rows(target)
    run.save(update_fields=["stored_file", "sha256", "rows_total"])
    return run


def write_progress(run: ImportRun, rows_done: int) -> None:
    folder = run_dir(run)
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / ".progress.tmp"
    temp.write_text(json.dumps({"rows_done": rows_done}))
    os.replace(temp, folder / "progress.json")


def read_progress(run: ImportRun) -> int:
    try:
        return int(json.loads((run_dir(run) / "progress.json").read_text())["rows_done"])
    except (OSError, ValueError, KeyError):
        return run.rows_done


def _finish(
    run: ImportRun,
    state: str,
    result: tabular.ImportResult | None = None,
    *,
    errors: list[Any] = (),
    warnings: list[str] = (),
    message: str = "",
    rows_done: int | None = None,
) -> None:
    run.state = state
    run.finished_at = timezone.now()
    if rows_done is not None:
        run.rows_done = rows_done
    if result is not None:
        run.created, run.updated = result.created, result.updated
        run.unchanged, run.rejected = result.unchanged, result.rejected
        errors = result.errors
        warnings = result.warnings
        run.rejected_file = str(result.rejected_file or "")
        run.rows_done = max(
            run.rows_done, result.created + result.updated + result.unchanged + result.rejected
        )
    run.errors = [str(e) for e in tabular.format_errors(errors, screen=True)]
    run.warnings = list(warnings)
    run.message = message
    run.save()
    discard_uploads([run.pk])


def discard_uploads(run_pks: list[int]) -> None:
    """Delete the stored uploads of finished runs (the rejected-rows file stays)."""
    for run in ImportRun.objects.filter(pk__in=run_pks).exclude(stored_file=""):
        Path(run.stored_file).unlink(missing_ok=True)


def import_run_execute(
    run: ImportRun, *, actor: Any = None, progress: Callable[[int], None] | None = None
) -> ImportRun:
    """Run a stored import; its outcome (counts, problems, rejected file) goes on the run."""
    run.state = ImportState.RUNNING
    run.save(update_fields=["state"])
    path = Path(run.stored_file)
    options = run.options or {}
    done = {"rows": 0}

    def on_progress(rows: int) -> None:
        done["rows"] = rows
        write_progress(run, rows)
        if progress is not None:
            progress(rows)

    common = {"actor": actor, "skip_invalid": bool(options.get("skip_invalid"))}
    try:
        if run.kind == ImportKind.DOSSIERS:
            result = import_dossiers(
                path,
                agency_code=run.agency.code,
                progress=on_progress,
                create_procedures=bool(options.get("create_procedures")),
                **common,
            )
        elif run.kind == ImportKind.PROCEDURES:
            result = import_procedures(path, agency_code=run.agency.code, **common)
        else:
            result = import_calendar(path, **common)
    except tabular.ImportRefused as exc:
        _finish_refused(run, exc, rows_done=done["rows"])
    except (tabular.TableError, DomainError) as exc:
        _finish(run, ImportState.FAILED, message=str(exc))
    except PermissionDenied:
        _finish(run, ImportState.FAILED, message=_("You may not import for this agency."))
    except Exception:  # noqa: BLE001 - the run must end, whatever happened
        # The details go to the worker's log (and the queue's task row), not on the screen.
        logger.exception("import run %s failed", run.pk)
        _finish(
            run,
            ImportState.FAILED,
            message=_(
                "The import stopped on an unexpected error; nothing was saved. The "
                "administrator finds the details in the background worker's log."
            ),
        )
        raise
    else:
        _finish(run, ImportState.DONE, result)
    return run


def _finish_refused(run: ImportRun, refused: tabular.ImportRefused, **kwargs: Any) -> None:
    _finish(
        run,
        ImportState.REFUSED,
        errors=refused.errors,
        warnings=refused.warnings,
        message=_("Nothing was imported: the file has invalid rows."),
        **kwargs,
    )


def import_run_start_background(run: ImportRun, *, actor: Any = None) -> None:
    """Queue the run for `parindex worker` (the tests' queue runs it at once)."""
    from parindex.dossiers.tasks import run_import

    run_import.enqueue(run.pk)


def import_run_record(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    file_name: str,
    path: Path | None,
    result: tabular.ImportResult | None,
    refused: tabular.ImportRefused | None = None,
) -> ImportRun:
    """Record a run done by a command or an API push in the history."""
    run = ImportRun.objects.create(
        agency=agency,
        kind=kind,
        file_name=file_name[:255],
        created_by=actor if actor else None,
        sha256=sha256_of(path) if path is not None else "",
        stored_file="",
    )
    if refused is not None:
        _finish_refused(run, refused)
    else:
        _finish(run, ImportState.DONE, result)
    return run
