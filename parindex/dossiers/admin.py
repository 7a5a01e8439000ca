from django.contrib import admin

from parindex.dossiers.models import CalendarDay, Dossier, ImportRun, Procedure


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "agency", "unit", "time_limit", "limit_unit", "online_level")
    list_filter = ("agency", "online_level", "limit_unit", "is_active")
    search_fields = ("code", "name")
    list_select_related = ("agency", "unit")


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    """Read-only: dossiers change through imports, so the audit trail and the counts the
    figures read stay complete."""

    list_display = ("code", "agency", "procedure", "unit", "channel", "status", "received_at")
    list_filter = ("agency", "channel", "status", "outcome")
    search_fields = ("code",)
    list_select_related = ("agency", "procedure", "unit")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("created_at", "file_name", "kind", "agency", "state", "created", "updated")
    list_filter = ("kind", "state", "agency")
    list_select_related = ("agency",)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "working", "note")
