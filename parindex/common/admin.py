"""The Django admin is a window for support staff, never a way around the services.

Every change to an audited model goes through a service that checks the actor's rights and
writes the audit row; the admin's own add, change and delete views would do neither (a forged
audit row, a score or unit deleted without trace). So every model of the project is registered
with `ReadOnlyAdmin`: lists and detail views, nothing that writes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyMixin:
    """Refuses add, change and delete (including the "delete selected" bulk action)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """A model admin that only shows."""


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    """An inline that only shows."""

    extra = 0
