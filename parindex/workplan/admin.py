"""Read-mostly admin views for support staff; changes go through the app's screens and services."""

from django.contrib import admin

from parindex.common.admin import ReadOnlyAdmin
from parindex.workplan.models import CalendarFeed, Initiative, InitiativeExemption, Plan, Task


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "agency", "plan_type", "year", "status")
    list_filter = ("plan_type", "status", "year", "agency")
    search_fields = ("code", "title", "doc_number")


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("title", "plan", "lead_unit", "due_date", "status", "done_at")
    list_filter = ("status", "agency", "plan__year")
    search_fields = ("title",)
    raw_id_fields = ("plan", "series", "assigner")
    readonly_fields = ("created_at", "updated_at")


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "year", "status", "board_score")
    list_filter = ("status", "year", "agency")


@admin.register(InitiativeExemption)
class InitiativeExemptionAdmin(ReadOnlyAdmin):
    list_display = ("unit", "reason", "created_at")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin):
    list_display = ("user", "kind", "unit", "prefix", "created_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix")
