from django.contrib import admin

from parindex.metrics.models import Indicator, IndicatorValue, RiskSnapshot


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "agency", "unit", "target", "direction")
    list_filter = ("agency", "direction")
    search_fields = ("code", "name")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("indicator", "period_end", "value")
    list_select_related = ("indicator",)


@admin.register(RiskSnapshot)
class RiskSnapshotAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "taken_on")
    readonly_fields = ("items",)
