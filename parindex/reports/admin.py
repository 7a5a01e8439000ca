from django.contrib import admin

from parindex.common.admin import ReadOnlyAdmin
from parindex.reports.models import ReportDelivery, ReportRun, ReportSchedule


@admin.register(ReportRun)
class ReportRunAdmin(ReadOnlyAdmin):
    """Read-only: runs change only through the services (issued reports are immutable)."""

    list_display = (
        "agency",
        "type_key",
        "period_start",
        "period_end",
        "status",
        "number",
        "issued_on",
    )
    list_filter = ("status", "type_key", "agency")
    search_fields = ("summary",)


@admin.register(ReportSchedule)
class ReportScheduleAdmin(ReadOnlyAdmin):
    list_display = ("agency", "type_key", "frequency", "is_active", "last_period_key")


@admin.register(ReportDelivery)
class ReportDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("recipient", "run", "created_at", "emailed_at", "read_at")
