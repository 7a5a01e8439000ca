"""Fixed vocabularies of the work plan: plan types, task and initiative states."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parindex.audit.registry import audit_actions, audit_fields


class PlanType(models.TextChoices):
    PAR_ANNUAL = "par_annual", _("Annual PAR plan (kế hoạch CCHC năm)")
    WORK_PROGRAMME = "work_programme", _("Annual work programme (chương trình công tác năm)")
    INSPECTION = "inspection", _("PAR inspection plan (kế hoạch kiểm tra CCHC)")
    HALF_YEAR_REVIEW = "half_year_review", _("6-month PAR review (sơ kết 6 tháng)")
    OTHER = "other", _("Other")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("In force")
    CLOSED = "closed", _("Closed")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")


#: Progress shown for a status when nobody entered a percentage. A manual percentage applies
#: only to "in progress" and "paused"; "not started" is always 0 and "done" always 100.
DEFAULT_PROGRESS = {
    TaskStatus.NOT_STARTED: 0,
    TaskStatus.IN_PROGRESS: 50,
    TaskStatus.DONE: 100,
    TaskStatus.PAUSED: 50,
    TaskStatus.CANCELLED: 0,
}
MANUAL_PROGRESS_STATUSES = frozenset({TaskStatus.IN_PROGRESS, TaskStatus.PAUSED})
#: Statuses a task is still "open" in: it can become overdue or due soon.
OPEN_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.PAUSED)


class Recurrence(models.TextChoices):
    NONE = "", _("Does not repeat")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")


RECURRENCE_MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.HALF_YEARLY: 6}


class AttachmentKind(models.TextChoices):
    OUTPUT = "output", _("Output (sản phẩm)")
    REFERENCE = "reference", _("Reference")


class InitiativeStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted for evaluation")
    RECOGNISED = "recognised", _("Recognised")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")
    APPLIED = "applied", _("Applied")


#: Allowed moves of an initiative: from → {to}.
INITIATIVE_TRANSITIONS = {
    InitiativeStatus.REGISTERED: {InitiativeStatus.IN_PROGRESS},
    InitiativeStatus.IN_PROGRESS: {InitiativeStatus.SUBMITTED},
    InitiativeStatus.SUBMITTED: {InitiativeStatus.RECOGNISED, InitiativeStatus.NOT_RECOGNISED},
    InitiativeStatus.RECOGNISED: {InitiativeStatus.APPLIED},
    InitiativeStatus.NOT_RECOGNISED: set(),
    InitiativeStatus.APPLIED: set(),
}
#: Moves that record the evaluation board's decision: the secretariat's to make.
EVALUATION_STATES = frozenset({InitiativeStatus.RECOGNISED, InitiativeStatus.NOT_RECOGNISED})


class FeedKind(models.TextChoices):
    PERSON = "person", _("My tasks")
    UNIT = "unit", _("My unit's tasks")


# The audit trail's words for this app's actions (see docs/architecture.md, "Audit trail").

audit_actions(
    {
        "task.created_from_legal_document": pgettext_lazy(
            "audit action", "Task assigned from a legal document"
        ),
        "plan.created": pgettext_lazy("audit action", "Plan created"),
        "plan.updated": pgettext_lazy("audit action", "Plan changed"),
        "task.created": pgettext_lazy("audit action", "Task assigned"),
        "task.updated": pgettext_lazy("audit action", "Task changed"),
        "task.status_changed": pgettext_lazy("audit action", "Task progress updated"),
        "task.created_from_notice": pgettext_lazy(
            "audit action", "Task assigned from a notice of conclusions"
        ),
        "task.created_from_recommendation": pgettext_lazy(
            "audit action", "Task assigned from an inspection recommendation"
        ),
        "task.occurrences_generated": pgettext_lazy(
            "audit action", "Recurring deadlines generated"
        ),
        "task.file_added": pgettext_lazy("audit action", "File attached"),
        "task.commented": pgettext_lazy("audit action", "Comment added"),
        "initiative.registered": pgettext_lazy("audit action", "Initiative registered"),
        "initiative.updated": pgettext_lazy("audit action", "Initiative changed"),
        "initiative.in_progress": pgettext_lazy("audit action", "Initiative started"),
        "initiative.submitted": pgettext_lazy(
            "audit action", "Initiative submitted for evaluation"
        ),
        "initiative.recognised": pgettext_lazy("audit action", "Initiative recognised"),
        "initiative.not_recognised": pgettext_lazy("audit action", "Initiative not recognised"),
        "initiative.applied": pgettext_lazy("audit action", "Initiative applied"),
        "initiative.file_added": pgettext_lazy("audit action", "File attached"),
        "initiative.exemption_set": pgettext_lazy(
            "audit action", "Unit exempted from registering an initiative"
        ),
        "initiative.exemption_cleared": pgettext_lazy("audit action", "Exemption withdrawn"),
        "calendar_feed.created": pgettext_lazy("audit action", "Calendar link created"),
        "calendar_feed.revoked": pgettext_lazy("audit action", "Calendar link revoked"),
        "workplan.reminders_sent": pgettext_lazy("audit action", "Reminders sent"),
    }
)
audit_fields(
    "workplan.task",
    {"source": _("source of the assignment"), "occurrences": _("recurring deadlines")},
)
