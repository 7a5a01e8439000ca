"""What happens in other apps when a task changes status.

`task_status_changed(actor=…, task=…, previous=…)` is called by `task_set_status` inside its
transaction, after the new status is set and saved. When the registers app is installed, a task
that carries a recommendation closes it (done with evidence) or reopens it; the registers app
may refuse the change with a `DomainError` (for example: no evidence attached), which rolls the
status change back.

The registers app must offer:

    parindex.registers.services.recommendation_follow_task(*, actor, task, previous) -> None
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps

REGISTERS_APP = "parindex.registers"


def task_status_changed(*, actor: Any, task: Any, previous: str) -> None:
    if apps.is_installed(REGISTERS_APP):
        services = import_module(f"{REGISTERS_APP}.services")
        services.recommendation_follow_task(actor=actor, task=task, previous=previous)
