"""Read-only admin views: every change goes through the services (and the audit trail)."""

from django.contrib import admin

from parindex.common.admin import ReadOnlyAdmin
from parindex.registers.models import Inspection, LegalDocument, Recommendation, Review


@admin.register(LegalDocument)
class LegalDocumentAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "agency", "lead_unit", "plan_year", "submission_due")
    list_filter = ("plan_year",)
    search_fields = ("code", "title")


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("code", "subject", "agency", "kind", "plan_year", "unit")
    list_filter = ("kind", "plan_year")
    search_fields = ("code", "subject")


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("code", "agency", "unit", "due_date", "done_on", "source")
    list_filter = ("source",)
    search_fields = ("code", "text")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "agency", "unit", "done_on")
