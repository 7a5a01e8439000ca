"""A job for the kill test (test_killed_worker.py): marks its import run running, then waits."""

import time

from django_tasks import task

from parindex.dossiers.models import ImportRun
from parindex.jobs.services import current_worker_id


@task()
def hold(run_id: int) -> None:
    ImportRun.objects.filter(pk=run_id).update(state="running", worker_id=current_worker_id())
    time.sleep(120)
