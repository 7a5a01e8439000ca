from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from parindex.common.admin import ReadOnlyAdmin, ReadOnlyInline, ReadOnlyMixin
from parindex.org.models import Agency, ApiToken, Council, Membership, Unit, User


class MembershipInline(ReadOnlyInline):
    model = Membership
    extra = 0


@admin.register(User)
class PersonAdmin(ReadOnlyMixin, UserAdmin):
    """People, their passwords and roles change on the person page (audited), not here."""

    list_display = ("username", "full_name", "email", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("parindex", {"fields": ("full_name", "position", "phone", "language")}),
    )
    inlines = [MembershipInline]


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "place_name", "document_code")


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "agency", "kind", "is_active")
    list_filter = ("agency", "kind")


@admin.register(Council)
class CouncilAdmin(ReadOnlyAdmin):
    list_display = ("code", "name")
    filter_horizontal = ("agencies",)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    readonly_fields = ("key_hash",)
