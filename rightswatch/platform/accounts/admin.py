"""The administrator's pages: users, agencies, jurisdictions, tokens. No case content is registered here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from rightswatch.platform.accounts.models import Agency, ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        ("RightsWatch", {"fields": ("role", "agency", "jurisdiction", "can_view_sealed", "can_reidentify",
                                    "can_export")}),
    )
    list_display = ("username", "role", "agency", "jurisdiction", "is_active")
    list_filter = ("role", "agency", "is_active")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "region_code", "feedback_days")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "created_at", "revoked")
    readonly_fields = ("key_hash",)
