"""What was sent, for the administrator: read-only (the record is the queue's, not to be edited)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from kopir.notifications.models import SentMail


@admin.register(SentMail)
class SentMailAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["queued_at", "recipient", "kind", "language", "status", "attempts", "failure", "sent_at"]
    list_filter = ["status", "kind", "language"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SentMail | None = None) -> bool:
        return False
