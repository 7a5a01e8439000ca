"""End to end: a real `parindex worker` is killed (SIGKILL) in the middle of a run; the next
reap marks the run failed with the Vietnamese message (issue 12: "a killed worker's run marked
failed within a minute": workers and the run's page reap every 10 s)."""

import signal
import sqlite3
import subprocess
import sys
import time

from parindex.common.tests.helpers import ROOT, fresh_env, parindex

SETUP = """
from parindex.org.models import Agency, Province
from parindex.dossiers.models import ImportRun
from parindex.jobs.tests.slow_tasks import hold
agency = Agency.objects.create(province=Province.objects.create(code="T", name="T"), code="A", name="A")
run = ImportRun.objects.create(agency=agency, kind="dossiers", file_name="hs.csv")
hold.enqueue(run.pk)
print(run.pk)
"""


def test_a_killed_worker_leaves_a_failed_run_with_a_message_not_a_running_one(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = fresh_env(DATABASE_URL=f"sqlite:///{database}", PARINDEX_DATA_DIR=str(tmp_path / "data"))
    parindex("migrate", "--noinput", env=env, check=True)
    run_id = int(parindex("shell", "-c", SETUP, env=env, check=True).stdout.split()[-1])

    def state() -> tuple[str, str]:
        with sqlite3.connect(database) as db:
            return db.execute(
                "SELECT state, message FROM dossiers_importrun WHERE id = ?", (run_id,)
            ).fetchone()

    worker = subprocess.Popen(
        [sys.executable, "-m", "parindex", "worker", "--no-startup-delay", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # until the worker has taken the job (bounded, not timed)
            if state()[0] == "running":
                break
            time.sleep(0.1)
        assert state()[0] == "running"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()

    assert state()[0] == "running"  # what the thread-based version left for ever
    parindex("shell", "-c", "from parindex.jobs.services import reap; reap()", env=env, check=True)
    final_state, message = state()
    assert final_state == "failed"
    assert message.startswith("Tiến trình xử lý nền đã dừng")
