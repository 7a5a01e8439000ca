"""What happens in other apps when a task changes status.

`task_status_changed(actor=…, task=…, previous=…)` is called by `task_set_status` inside its
transaction, after the new status is set and saved. A task that carries a recommendation of the
registers app closes it (done with evidence) or reopens it; the registers app may refuse the
change with a `DomainError` (for example: no evidence attached), which rolls the status change
back. The registers app offers:

    parindex.registers.services.recommendation_follow_task(*, actor, task, previous) -> None
"""

from __future__ import annotations

from typing import Any


def task_status_changed(*, actor: Any, task: Any, previous: str) -> None:
    # Imported here: the registers' services import the workplan's (tasks for recommendations).
    from parindex.registers.services import recommendation_follow_task

    recommendation_follow_task(actor=actor, task=task, previous=previous)
