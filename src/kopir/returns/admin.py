"""The return plans in the admin, read-only: every change goes through the services, which log it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kopir.returns.models import (
    ArrangementRequest,
    KeepInTouch,
    LeaveNotice,
    NurseryRequest,
    ReturnCheck,
    ReturnInterview,
    ReturnPhase,
    ReturnPlan,
    TrainingItem,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Viewable by administrators; adding, changing and deleting would bypass the audit log."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReturnPlan)
class ReturnPlanAdmin(ReadOnlyAdmin):
    list_display = ("episode", "planned_return_date", "version")
    list_select_related = ("episode__employee",)


@admin.register(ReturnPhase)
class ReturnPhaseAdmin(ReadOnlyAdmin):
    list_display = ("plan", "starts_on", "ends_on", "work_percent")


@admin.register(ArrangementRequest)
class ArrangementRequestAdmin(ReadOnlyAdmin):
    list_display = ("plan", "kind", "requested_on", "deadline", "decision", "decided_on", "decided_late")
    list_filter = ("kind", "decision", "decided_late")


@admin.register(KeepInTouch)
class KeepInTouchAdmin(ReadOnlyAdmin):
    list_display = ("plan", "on", "kind", "consent")
    list_filter = ("kind",)


@admin.register(LeaveNotice)
class LeaveNoticeAdmin(ReadOnlyAdmin):
    list_display = ("plan", "kind", "sent_on", "acknowledged_on")
    list_filter = ("kind",)


@admin.register(TrainingItem)
class TrainingItemAdmin(ReadOnlyAdmin):
    list_display = ("plan", "kind", "title", "planned_on", "completed_on")


@admin.register(NurseryRequest)
class NurseryRequestAdmin(ReadOnlyAdmin):
    list_display = ("plan", "requested_on", "queue_number", "placed_on", "kindergarten")


@admin.register(ReturnInterview)
class ReturnInterviewAdmin(ReadOnlyAdmin):
    list_display = ("plan", "held_on", "shared_with_employee_on")


@admin.register(ReturnCheck)
class ReturnCheckAdmin(ReadOnlyAdmin):
    list_display = ("episode", "kind", "passed", "computed_on", "justified_by", "approved_by", "approved_on")
    list_filter = ("kind", "passed")
