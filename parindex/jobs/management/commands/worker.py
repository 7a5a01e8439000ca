"""`parindex worker`: run the background jobs (imports, PDF conversion, e-mail) — docs/jobs.md.

The database worker of django-tasks-db, plus a heartbeat every few seconds (a row in
``jobs_workerheartbeat``) and the reaper, which fails the runs of workers that died. Run one or
more under systemd (docs/deploy.md); `make run` starts one next to the development server.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError, connection
from django.utils import autoreload, timezone
from django_tasks_db.management.commands import db_worker

from parindex.jobs import services

logger = logging.getLogger("parindex.jobs")
STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM] + (
    [signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else []
)


class BeatingWorker(db_worker.Worker):
    """The database worker, with a heartbeat thread that also reaps dead workers' runs."""

    def run(self) -> None:
        started_at = timezone.now()
        services.set_current_worker_id(self.worker_id)
        services.worker_beat(worker_id=self.worker_id, started_at=started_at)
        services.reap_quietly()
        stop = threading.Event()
        beat = threading.Thread(
            target=self._beat, args=(stop, started_at), name="worker-heartbeat", daemon=True
        )
        beat.start()
        try:
            super().run()
        finally:
            stop.set()
            beat.join(timeout=5)
            try:
                services.worker_stopped(worker_id=self.worker_id)
            except DatabaseError:
                logger.warning("could not remove the heartbeat of %s", self.worker_id)
            services.set_current_worker_id("")

    def _beat(self, stop: threading.Event, started_at: Any) -> None:
        try:
            while not stop.wait(services.HEARTBEAT_SECONDS):
                try:
                    services.worker_beat(worker_id=self.worker_id, started_at=started_at)
                except DatabaseError:
                    # SQLite while an import holds the write lock: the reaper asks the
                    # process instead (same host), so a missed beat is harmless.
                    logger.info("heartbeat postponed: database busy")
                services.reap_quietly()
        finally:
            connection.close()


class Command(db_worker.Command):
    help = (
        "Run the background jobs: imports, report files and PDF conversion, e-mails. "
        "Keep one running (systemd, docs/deploy.md); `--batch` runs what is queued and exits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        # Off by default even with DEBUG: a reload would leave a job half done.
        parser.set_defaults(reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queues = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queues:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = BeatingWorker(
            queue_names=queues,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if options["reload"]:  # development only: a change restarts the worker
            if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            autoreload.run_with_reloader(worker.run)
            return
        saved = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
        worker.configure_signals()
        try:
            worker.run()
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)
