from django.contrib import admin

from parindex.common.admin import ReadOnlyAdmin
from parindex.dossiers.models import CalendarDay, Dossier, ImportRun, Procedure


@admin.register(Procedure)
class ProcedureAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "agency", "unit", "time_limit", "limit_unit", "online_level")
    list_filter = ("agency", "online_level", "limit_unit", "is_active")
    search_fields = ("code", "name")
    list_select_related = ("agency", "unit")


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    """Read-only: dossiers change through imports, so the audit trail and the counts the
    figures read stay complete."""

    list_display = ("code", "agency", "procedure", "unit", "channel", "status", "received_at")
    list_filter = ("agency", "channel", "status", "outcome")
    search_fields = ("code",)
    list_select_related = ("agency", "procedure", "unit")
    show_full_result_count = False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "file_name", "kind", "agency", "state", "created", "updated")
    list_filter = ("kind", "state", "agency")
    list_select_related = ("agency",)


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ("day", "working", "note")
