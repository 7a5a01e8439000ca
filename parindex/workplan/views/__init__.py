"""Screens of the work plan. Thin: forms in, services and selectors out."""

from parindex.workplan.views.boards import board, calendar_view, digest, index, timeline
from parindex.workplan.views.feeds import feed_ics, feed_list, feed_revoke
from parindex.workplan.views.files import initiative_file, plan_file, task_file
from parindex.workplan.views.initiatives import (
    exemption,
    initiative_create,
    initiative_detail,
    initiative_edit,
    initiative_list,
)
from parindex.workplan.views.tasks import (
    all_tasks,
    my_tasks,
    plan_apply_template,
    plan_create,
    plan_detail,
    plan_edit,
    plan_list,
    task_create,
    task_detail,
    task_edit,
    unit_tasks,
)

__all__ = [
    "initiative_file",
    "plan_file",
    "task_file",
    "all_tasks",
    "board",
    "exemption",
    "calendar_view",
    "digest",
    "feed_ics",
    "feed_list",
    "feed_revoke",
    "index",
    "initiative_create",
    "initiative_detail",
    "initiative_edit",
    "initiative_list",
    "my_tasks",
    "plan_apply_template",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_list",
    "task_create",
    "task_detail",
    "task_edit",
    "timeline",
    "unit_tasks",
]
