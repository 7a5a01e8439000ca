from django.contrib import admin

from parindex.people.models import Position, RatingSeason


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    """Read-only here: positions change through the import and the services (audited)."""

    list_display = ("code", "name", "unit", "group", "headcount")
    list_filter = ("agency", "group")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RatingSeason)
class RatingSeasonAdmin(PositionAdmin):
    list_display = ("agency", "year", "excellent_cap_percent", "is_open")
    list_filter = ("agency",)
