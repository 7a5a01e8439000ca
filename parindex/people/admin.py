from django.contrib import admin

from parindex.common.admin import ReadOnlyAdmin
from parindex.people.models import Position, RatingSeason


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    """Read-only here: positions change through the import and the services (audited)."""

    list_display = ("code", "name", "unit", "group", "headcount")
    list_filter = ("agency", "group")


@admin.register(RatingSeason)
class RatingSeasonAdmin(PositionAdmin):
    list_display = ("agency", "year", "excellent_cap_percent", "is_open")
    list_filter = ("agency",)
