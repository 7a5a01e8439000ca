from django.contrib import admin

from parindex.audit.models import AuditEntry
from parindex.common.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor_name", "action", "target_repr")
    list_filter = ("action",)
