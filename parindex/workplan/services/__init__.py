"""Writes of the work plan. Each service is atomic, checks rights and writes the audit row."""

from parindex.workplan.services.feeds import feed_create, feed_revoke
from parindex.workplan.services.imports import import_tasks
from parindex.workplan.services.initiatives import (
    exemption_clear,
    exemption_set,
    initiative_add_file,
    initiative_register,
    initiative_transition,
    initiative_update,
)
from parindex.workplan.services.notices import (
    notice_plan,
    task_create_for_follow_up,
    task_create_from_notice,
)
from parindex.workplan.services.plans import (
    PLAN_FIELDS,
    plan_apply_template,
    plan_create,
    plan_update,
)
from parindex.workplan.services.reminders import send_reminders
from parindex.workplan.services.tasks import (
    TASK_FIELDS,
    task_add_attachment,
    task_comment,
    task_create,
    task_generate_occurrences,
    task_set_status,
    task_update,
)

__all__ = [
    "PLAN_FIELDS",
    "TASK_FIELDS",
    "exemption_clear",
    "exemption_set",
    "feed_create",
    "feed_revoke",
    "import_tasks",
    "initiative_add_file",
    "initiative_register",
    "initiative_transition",
    "initiative_update",
    "notice_plan",
    "plan_apply_template",
    "plan_create",
    "plan_update",
    "send_reminders",
    "task_add_attachment",
    "task_comment",
    "task_create",
    "task_create_for_follow_up",
    "task_create_from_notice",
    "task_generate_occurrences",
    "task_set_status",
    "task_update",
]
