"""The return checks: run by HR, a failed one justified by an HR officer and approved by the body head.

Each handler is the same shape (`page.post_form`): check the role, read the plan, validate, call one service.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from kopir.accounts.models import User
from kopir.accounts.views import refusals_kept
from kopir.interface.pages import local_today
from kopir.returns.forms import JustificationForm
from kopir.returns.models import ReturnCheck
from kopir.returns.selectors import PlanRecords
from kopir.returns.services import checks
from kopir.returns.views.page import APPROVERS, JUSTIFIERS, item_of, post_form


@login_required
@require_POST
@refusals_kept
def checks_run(request: HttpRequest, episode_id: int) -> HttpResponse:
    def run(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return checks.return_checks_run(episode=records.episode, actor=viewer, today=local_today())

    return post_form(request, episode_id, "run", forms.Form, run)


@login_required
@require_POST
@refusals_kept
def check_justify(request: HttpRequest, episode_id: int, check_id: int) -> HttpResponse:
    def justify(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return checks.check_justify(
            check=item_of(ReturnCheck, check_id, episode=records.episode),
            justification=data["justification"],
            actor=viewer,
            today=local_today(),
        )

    return post_form(request, episode_id, f"justification-{check_id}", JustificationForm, justify, JUSTIFIERS)


@login_required
@require_POST
@refusals_kept
def check_approve(request: HttpRequest, episode_id: int, check_id: int) -> HttpResponse:
    def approve(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        check = item_of(ReturnCheck, check_id, episode=records.episode)
        return checks.check_approve(check=check, approver=viewer, today=local_today())

    return post_form(request, episode_id, f"approval-{check_id}", forms.Form, approve, APPROVERS)
