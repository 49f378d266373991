"""The return plans in the admin, read-only: every change goes through the services, which log it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
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


def _log_admin_read(request: HttpRequest, record: models.Model, detail: str) -> None:
    actor = request.user if isinstance(request.user, User) else None
    access_log_record(actor=actor, action=AccessAction.READ, record=record, subject_id=None, detail=detail)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Viewable by administrators; adding, changing and deleting would bypass the audit log.

    Looking is personal data too: every list and record opened here is written to the access log.
    """

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        _log_admin_read(request, self.model(), "admin list")
        return super().changelist_view(request, extra_context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        record = self.model(pk=object_id)
        _log_admin_read(request, record, "admin record")
        return super().change_view(request, object_id, form_url, extra_context)

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
