from django.contrib import admin

from parindex.common.admin import ReadOnlyAdmin
from parindex.metrics.models import Indicator, IndicatorValue, RiskSnapshot


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "agency", "unit", "target", "direction")
    list_filter = ("agency", "direction")
    search_fields = ("code", "name")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "period_end", "value")
    list_select_related = ("indicator",)


@admin.register(RiskSnapshot)
class RiskSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "taken_on")
    readonly_fields = ("items",)
