from django.contrib import admin

from parindex.reports.models import ReportDelivery, ReportRun, ReportSchedule


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
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

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ("agency", "type_key", "frequency", "is_active", "last_period_key")


@admin.register(ReportDelivery)
class ReportDeliveryAdmin(admin.ModelAdmin):
    list_display = ("recipient", "run", "created_at", "emailed_at", "read_at")
