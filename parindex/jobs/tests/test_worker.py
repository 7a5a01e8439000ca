"""The task queue: a worker runs queued jobs, beats, and the runs of dead workers are failed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from parindex.dossiers.choices import ImportState
from parindex.dossiers.models import Dossier, ImportRun
from parindex.dossiers.tests.helpers import (
    DOSSIER_HEADER,
    make_procedure,
    one_dossier_file,
    upload,
    write_csv,
)
from parindex.jobs import services
from parindex.jobs.models import WorkerHeartbeat

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def dead_pid() -> int:
    """The id of a process that has ended (and was reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def beat(worker_id: str, *, seconds_ago: int, host: str | None = None, pid: int | None = None):
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        hostname=host or services.hostname(),
        pid=pid or os.getpid(),
        started_at=now - dt.timedelta(hours=1),
        beat_at=now - dt.timedelta(seconds=seconds_ago),
    )


def running_run(org, worker_id: str, tmp_path) -> ImportRun:
    upload = tmp_path / "hs.csv"
    upload.write_text("x")
    return ImportRun.objects.create(
        agency=org.agency,
        kind="dossiers",
        file_name="hs.csv",
        state=ImportState.RUNNING,
        worker_id=worker_id,
        stored_file=str(upload),
    )


def test_run_of_a_worker_on_another_host_that_stopped_beating_is_failed_in_vietnamese(
    org, tmp_path
):
    beat("w-gone", seconds_ago=services.STALE_SECONDS + 5, host="other-host")
    run = running_run(org, "w-gone", tmp_path)
    with translation.override("en"):  # the message is stored in the site's language
        assert services.reap() == 1
    run.refresh_from_db()
    assert run.state == ImportState.FAILED and run.finished_at is not None
    assert "Tiến trình xử lý nền đã dừng" in run.message
    assert not os.path.exists(run.stored_file)  # its upload does not stay on disk


def test_run_claimed_by_a_dead_process_on_this_host_is_failed_even_with_a_fresh_beat(org, tmp_path):
    beat("w-killed", seconds_ago=0, pid=dead_pid())
    run = running_run(org, "w-killed", tmp_path)
    services.reap()
    run.refresh_from_db()
    assert run.state == ImportState.FAILED and "hãy chạy lại" in run.message


def test_run_of_a_worker_whose_row_is_gone_is_failed(org, tmp_path):
    run = running_run(org, "w-stopped", tmp_path)
    services.reap()
    run.refresh_from_db()
    assert run.state == ImportState.FAILED


def test_run_of_a_live_worker_is_left_alone_even_while_sqlite_blocks_its_beat(org, tmp_path):
    # Same host, process alive, beat long overdue (a long SQLite import holds the write lock).
    beat("w-busy", seconds_ago=600)
    other_host = beat("w-remote", seconds_ago=2, host="other-host")
    busy = running_run(org, "w-busy", tmp_path)
    remote = running_run(org, other_host.worker_id, tmp_path)
    inline = running_run(org, "", tmp_path)  # run inline (no worker): never reaped
    assert services.reap() == 0
    for run in (busy, remote, inline):
        run.refresh_from_db()
        assert run.state == ImportState.RUNNING


def test_queue_task_left_running_by_a_dead_worker_is_failed(db):
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="parindex.dossiers.tasks.run_import",
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        worker_ids=["w-dead"],
    )
    services.reap()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED


def test_import_page_fails_the_run_of_a_dead_worker_when_no_worker_is_left(
    client_for, org, tmp_path
):
    beat("w-gone", seconds_ago=120, host="other-host")
    run = running_run(org, "w-gone", tmp_path)
    page = client_for(org.secretariat).get(run.get_absolute_url()).content.decode()
    assert "Tiến trình xử lý nền đã dừng" in page


@pytest.mark.django_db(transaction=True)
def test_upload_waits_in_the_queue_until_the_worker_runs_it(client_for, org, settings, tmp_path):
    settings.TASKS = DB_TASKS
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    path = one_dossier_file(tmp_path)
    client = client_for(org.secretariat)
    upload(client, path)
    run = ImportRun.objects.get()
    assert run.state == ImportState.QUEUED and Dossier.objects.count() == 0
    page = client.get(run.get_absolute_url()).content.decode()
    assert 'id="no-worker"' in page  # nobody would ever run it: say so

    call_command("worker", "--batch", "--no-startup-delay", "--worker-id", "w-test", verbosity=0)

    run.refresh_from_db()
    assert run.state == ImportState.DONE and run.worker_id == "w-test"
    assert Dossier.objects.count() == 1
    assert not os.path.exists(run.stored_file)
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    # A worker that stops cleanly removes its heartbeat.
    assert not WorkerHeartbeat.objects.filter(worker_id="w-test").exists()


@pytest.mark.django_db(transaction=True)
def test_worker_writes_its_heartbeat_while_it_runs(db, settings, monkeypatch):
    settings.TASKS = DB_TASKS
    seen = []
    original = services.worker_beat

    def spy(**kwargs):
        original(**kwargs)
        seen.append(WorkerHeartbeat.objects.get(worker_id=kwargs["worker_id"]).pid)

    monkeypatch.setattr(services, "worker_beat", spy)
    call_command("worker", "--batch", "--no-startup-delay", "--worker-id", "w-beat", verbosity=0)
    assert seen == [os.getpid()]


def test_an_unexpected_error_fails_the_run_with_words_not_a_traceback(
    client_for, org, tmp_path, monkeypatch
):
    from parindex.dossiers.services import runs

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(runs, "import_dossiers", broken)
    path = write_csv(tmp_path / "hs.csv", [DOSSIER_HEADER])
    upload(client_for(org.secretariat), path)
    run = ImportRun.objects.get()
    assert run.state == ImportState.FAILED
    assert "Lần nhập dừng vì một lỗi ngoài dự kiến" in run.message
    assert "Traceback" not in run.message and "disk on fire" not in run.message


@pytest.mark.django_db(transaction=True)
def test_an_e_mail_job_cut_off_by_a_dead_worker_is_queued_again(settings):
    settings.TASKS = DB_TASKS
    args = {"args": [{"subject": "s", "body": "b", "to": ["a@example.vn"]}], "kwargs": {}}
    DBTaskResult.objects.create(
        args_kwargs=args,
        task_path="parindex.jobs.tasks.send_email",
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        worker_ids=["w-dead"],
    )
    services.reap()
    services.reap()  # a second reaper does not queue it twice
    old, new = DBTaskResult.objects.order_by("enqueued_at")
    assert old.status == TaskResultStatus.FAILED
    assert new.status == TaskResultStatus.READY and new.args_kwargs == args
