"""Plans, their tasks, and the units' innovation initiatives (sáng kiến CCHC).

Overdue and due-soon are never stored: they are derived from the due date, the status and
"today" (see `Task.is_overdue`, `Task.is_due_soon` and the matching queryset filters in
`parindex.workplan.selectors`). Finished late is derived from `done_at > due_date`.
"""

# One module per aggregate; everything is importable from here as before.
from parindex.workplan.models.base import CRITERION_CODE, EVALUATE, MANAGE, _upload_to, today
from parindex.workplan.models.feeds import CalendarFeed
from parindex.workplan.models.initiatives import (
    Initiative,
    InitiativeAttachment,
    InitiativeExemption,
)
from parindex.workplan.models.plans import Plan, Task, TaskAttachment, TaskComment

__all__ = [
    "CRITERION_CODE",
    "CalendarFeed",
    "EVALUATE",
    "Initiative",
    "InitiativeAttachment",
    "InitiativeExemption",
    "MANAGE",
    "Plan",
    "Task",
    "TaskAttachment",
    "TaskComment",
    "_upload_to",
    "today",
]
