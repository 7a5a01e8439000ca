from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parindex.audit.registry import audit_actions, audit_fields


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    SUPERSEDED = "superseded", _("Superseded")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    HALF = "half", _("6 months")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")
    CUSTOM = "custom", _("Custom dates")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


# The audit trail's words for this app's actions (see docs/architecture.md, "Audit trail").

audit_actions(
    {
        "report.created": pgettext_lazy("audit action", "Report drafted"),
        "report.updated": pgettext_lazy("audit action", "Report edited"),
        "report.deleted": pgettext_lazy("audit action", "Report deleted"),
        "report.issued": pgettext_lazy("audit action", "Report issued"),
        "report.superseded": pgettext_lazy("audit action", "Report replaced by a new version"),
        "report.refreshed": pgettext_lazy("audit action", "Report figures refreshed"),
        "report_schedule.created": pgettext_lazy("audit action", "Report schedule created"),
        "report_schedule.deleted": pgettext_lazy("audit action", "Report schedule deleted"),
        "report_schedule.generated": pgettext_lazy("audit action", "Scheduled report produced"),
        "report_delivery.read": pgettext_lazy("audit action", "Report read"),
    }
)


def _report_type_label(key: str) -> str:
    from parindex.reports.registry import type_choices

    return str(dict(type_choices()).get(key, key))


audit_fields("reports.reportrun", {"type_key": (_("report type"), _report_type_label)})
audit_fields("reports.reportschedule", {"type_key": (_("report type"), _report_type_label)})


class FileState(models.TextChoices):
    """A report file made in the background (docs/jobs.md)."""

    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being made")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")
