"""Workers, heartbeats, the reaper and retries of the task queue (docs/jobs.md).

A `parindex worker` writes a :class:`WorkerHeartbeat` row every ``HEARTBEAT_SECONDS`` and
stamps the runs it executes (import runs, report files) with its id. A worker is dead when its
row is gone, or when its process is gone (same host), or when it has not beaten for
``STALE_SECONDS`` (another host). :func:`reap` marks the runs and queued tasks of dead workers
failed, with a Vietnamese message; each worker calls it every beat, the pages showing a run call
it too, so a killed worker's run is failed within a minute even when no worker is left.

A long import on SQLite holds the database's write lock, so the heartbeat of the worker running
it cannot be written: on the same host the process is asked instead, so that import is not
mistaken for dead.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from parindex.jobs.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
STALE_SECONDS = 30
#: Models of runs that a worker executes, each with ``state`` (queued/running/…/failed),
#: ``worker_id``, ``message`` and ``finished_at``; and what to clean up after a failed one.
RUN_MODELS: dict[str, str | None] = {
    "dossiers.ImportRun": "parindex.dossiers.services.runs.discard_uploads",
    "reports.ReportFile": None,
}
ACTIVE_STATES = ("queued", "running")
#: Jobs queued again when their worker died in the middle: repeating them is safe (an e-mail
#: may at worst arrive twice; a delivery already stamped as e-mailed is not sent again).
RESUMABLE_TASKS = frozenset(
    {"parindex.jobs.tasks.send_email", "parindex.reports.tasks.email_report"}
)

_current_worker: dict[str, str] = {"id": ""}


def hostname() -> str:
    return socket.gethostname()[:255]


def current_worker_id() -> str:
    """The id of the `parindex worker` this process is, or "" (web process, tests, inline)."""
    return _current_worker["id"]


def set_current_worker_id(worker_id: str) -> None:
    _current_worker["id"] = worker_id


def worker_beat(*, worker_id: str, started_at: dt.datetime, now: dt.datetime | None = None) -> None:
    """Record that this worker is alive (called every HEARTBEAT_SECONDS)."""
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": hostname(),
            "pid": os.getpid(),
            "started_at": started_at,
            "beat_at": now,
        },
    )


def worker_stopped(*, worker_id: str) -> None:
    """A worker that stops cleanly removes its row: whatever it still held is then failed."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def is_alive(beat: WorkerHeartbeat | None, *, now: dt.datetime, here: str) -> bool:
    if beat is None:
        return False
    if beat.hostname == here:
        return _process_alive(beat.pid)
    return beat.beat_at >= now - dt.timedelta(seconds=STALE_SECONDS)


def dead_workers(worker_ids: Iterable[str], *, now: dt.datetime | None = None) -> set[str]:
    """Which of these worker ids belong to a worker that is no longer running."""
    ids = {w for w in worker_ids if w}
    if not ids:
        return set()
    now = now or timezone.now()
    here = hostname()
    beats = {b.worker_id: b for b in WorkerHeartbeat.objects.filter(worker_id__in=ids)}
    return {w for w in ids if not is_alive(beats.get(w), now=now, here=here)}


def any_worker_alive(*, now: dt.datetime | None = None) -> bool:
    """Whether some `parindex worker` is running (a queued job will be picked up)."""
    now = now or timezone.now()
    here = hostname()
    return any(is_alive(b, now=now, here=here) for b in WorkerHeartbeat.objects.all()[:50])


def worker_died_message() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "The background worker stopped while this was running (a restart or a crash). "
            "Nothing of it was saved: start it again."
        )


def _reap_tasks(now: dt.datetime) -> int:
    """Tasks the queue still shows running on a dead worker: failed, so no one waits on them;
    a job safe to repeat (RESUMABLE_TASKS) is queued again. Returns how many were failed."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "id", "worker_ids", "task_path", "args_kwargs"
        )
    )
    last = {t.pk: (t.worker_ids or [""])[-1] for t in running}
    dead = dead_workers(last.values(), now=now)
    failed = 0
    for task in running:
        if last[task.pk] not in dead:
            continue
        # One reaper wins each row, so a job is queued again once.
        won = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="parindex.jobs.WorkerDied",
            traceback=worker_died_message(),
        )
        failed += won
        if won and task.task_path in RESUMABLE_TASKS:
            job = import_string(task.task_path)
            job.enqueue(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
    return failed


def reap(*, now: dt.datetime | None = None) -> int:
    """Fail every run (and queue task) held by a dead worker; returns how many runs."""
    now = now or timezone.now()
    failed = 0
    for label, cleanup in RUN_MODELS.items():
        model = apps.get_model(label)
        active = model.objects.filter(state__in=ACTIVE_STATES).exclude(worker_id="")
        held = set(active.values_list("worker_id", flat=True).distinct())
        dead = dead_workers(held, now=now)
        if not dead:
            continue
        pks = list(active.filter(worker_id__in=dead).values_list("pk", flat=True))
        failed += model.objects.filter(pk__in=pks, state__in=ACTIVE_STATES).update(
            state="failed", message=worker_died_message(), finished_at=now
        )
        if cleanup:
            import_string(cleanup)(pks)
    _reap_tasks(now)
    return failed


def reap_quietly() -> int:
    """:func:`reap` for a page or a heartbeat: a locked database only postpones it."""
    try:
        return reap()
    except DatabaseError:
        logger.info("reaper postponed: database busy", exc_info=True)
        return 0


def requeue(task: Any, *args: Any, attempt: int, attempts: int, **kwargs: Any) -> bool:
    """Enqueue ``task`` again for a later ``attempt`` (exponential back-off) when the backend
    can defer and attempts remain; False when the caller must give up (and raise)."""
    if attempt >= attempts or not task.get_backend().supports_defer:
        return False
    delay = dt.timedelta(seconds=30 * 2 ** (attempt - 1))
    task.using(run_after=timezone.now() + delay).enqueue(*args, attempt=attempt + 1, **kwargs)
    return True
