"""The return plan itself: its planned return date and its phases.

Each handler is the same shape (`page.post_form`): check the role, read the plan, validate, call one service.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from kopir.accounts.models import User
from kopir.accounts.views import refusals_kept
from kopir.returns.forms import PhaseForm, PlanForm
from kopir.returns.selectors import PlanRecords
from kopir.returns.services import plan
from kopir.returns.views.page import plan_of, post_form


@login_required
@require_POST
@refusals_kept
def plan_save(request: HttpRequest, episode_id: int) -> HttpResponse:
    def save(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        if records.plan is None:
            return plan.return_plan_create(
                episode=records.episode, planned_return_date=data["planned_return_date"], actor=viewer
            )
        return plan.return_plan_update(
            plan=records.plan,
            planned_return_date=data["planned_return_date"],
            expected_version=data["version"] or 0,
            actor=viewer,
        )

    return post_form(request, episode_id, "plan", PlanForm, save)


@login_required
@require_POST
@refusals_kept
def phase_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return plan.return_phase_add(
            plan=plan_of(records),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            work_percent=data["work_percent"],
            expected_version=data["version"],
            actor=viewer,
        )

    return post_form(request, episode_id, "phase", PhaseForm, add)
