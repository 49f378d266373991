from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from kopir.accounts.models import AccessLog, User

# the administrator's first page lists bursts of refusals by one account or address (decision 0015)
admin.site.index_template = "admin/kopir_index.html"


@admin.register(User)
class KopirUserAdmin(UserAdmin):  # type: ignore[type-arg]
    fieldsets = (*UserAdmin.fieldsets, ("Kopir", {"fields": ("role", "body")}))  # type: ignore[misc]
    list_display = ("username", "role", "body", "is_active")
    list_filter = ("role", "is_active")


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the log is append-only, even for administrators."""

    list_display = ("at", "actor", "role", "action", "record_type", "record_id", "subject_id", "address", "path")
    list_filter = ("action", "record_type", "role")
    search_fields = ("address", "path", "detail")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
