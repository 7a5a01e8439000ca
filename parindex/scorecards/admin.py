from django.contrib import admin

from parindex.common.admin import ReadOnlyAdmin
from parindex.scorecards.models import Assessment, Assignment, Framework, Node, Score, Snapshot


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ("year", "name", "has_round_2")


@admin.register(Node)
class NodeAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "max_points", "kind", "framework")
    list_filter = ("framework", "kind")
    search_fields = ("code", "title")
    readonly_fields = ("sort_key",)


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("node", "agency", "lead_unit", "responsible")
    list_filter = ("agency",)
    list_select_related = ("node", "agency", "lead_unit", "responsible")


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ("agency", "framework", "stage", "stage_changed_at")
    list_filter = ("stage", "framework")
    # Stages move through the workflow services only (snapshots, audit).
    readonly_fields = ("stage", "stage_changed_at", "appraisal_closed")


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    """Read-only: score changes go through the services, which audit them."""

    list_display = ("assessment", "node", "self_points", "appraised_points", "round2_points")
    list_select_related = ("assessment__agency", "assessment__framework", "node")


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ("assessment", "from_stage", "to_stage", "created_at")
