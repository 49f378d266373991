"""Flexible-work arrangements (asked and decided within the legal time) and nursery places.

Each handler is the same shape (`page.post_form`): check the role, read the plan, validate, call one service.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from kopir.accounts.models import User
from kopir.accounts.views import refusals_kept
from kopir.interface.pages import local_today
from kopir.returns.forms import ArrangementForm, DecisionForm, NurseryForm, PlacementForm, QueueForm
from kopir.returns.models import ArrangementKind, ArrangementRequest, Decision, NurseryRequest
from kopir.returns.selectors import PlanRecords
from kopir.returns.services import arrangements, support
from kopir.returns.views.page import item_of, plan_of, post_form


@login_required
@require_POST
@refusals_kept
def arrangement_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return arrangements.arrangement_request(
            plan=plan_of(records),
            kind=ArrangementKind(data["kind"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            requested_on=data["requested_on"],
            details=data["details"],
            actor=viewer,
            today=local_today(),
        )

    return post_form(request, episode_id, "arrangement", ArrangementForm, add)


@login_required
@require_POST
@refusals_kept
def arrangement_decide(request: HttpRequest, episode_id: int, item_id: int) -> HttpResponse:
    def decide(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return arrangements.arrangement_decide(
            request=item_of(ArrangementRequest, item_id, plan=plan_of(records)),
            decision=Decision(data["decision"]),
            decided_on=data["decided_on"],
            reasons=data["reasons"],
            actor=viewer,
            today=local_today(),
        )

    return post_form(request, episode_id, f"decision-{item_id}", DecisionForm, decide)


@login_required
@require_POST
@refusals_kept
def nursery_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.nursery_request(
            plan=plan_of(records),
            requested_on=data["requested_on"],
            queue_number=data["queue_number"],
            actor=viewer,
            today=local_today(),
        )

    return post_form(request, episode_id, "nursery", NurseryForm, add)


@login_required
@require_POST
@refusals_kept
def nursery_queue(request: HttpRequest, episode_id: int, item_id: int) -> HttpResponse:
    def queue(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.nursery_queue_set(
            request=item_of(NurseryRequest, item_id, plan=plan_of(records)),
            queue_number=data["queue_number"],
            actor=viewer,
        )

    return post_form(request, episode_id, f"queue-{item_id}", QueueForm, queue)


@login_required
@require_POST
@refusals_kept
def nursery_place(request: HttpRequest, episode_id: int, item_id: int) -> HttpResponse:
    def place(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.nursery_place(
            request=item_of(NurseryRequest, item_id, plan=plan_of(records)),
            placed_on=data["placed_on"],
            kindergarten=data["kindergarten"],
            actor=viewer,
        )

    return post_form(request, episode_id, f"placement-{item_id}", PlacementForm, place)
