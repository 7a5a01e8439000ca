"""Background jobs of the dossiers app (run by `parindex worker`, docs/jobs.md)."""

from __future__ import annotations

from django_tasks import task

from parindex.dossiers.choices import ImportState
from parindex.dossiers.models import ImportRun
from parindex.jobs.services import current_worker_id


@task()
def run_import(run_id: int) -> str:
    """Execute a queued upload. Not retried: a run executes once (the reaper fails it if its
    worker dies; the import is one transaction, so nothing half-done is left)."""
    from parindex.dossiers.services.runs import import_run_execute

    run = ImportRun.objects.select_related("agency", "created_by").filter(pk=run_id).first()
    if run is None or run.state != ImportState.QUEUED:
        return run.state if run is not None else "missing"
    run.worker_id = current_worker_id()
    run.save(update_fields=["worker_id"])
    import_run_execute(run, actor=run.created_by)
    return run.state
