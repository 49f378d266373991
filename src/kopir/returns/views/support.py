"""Keeping in touch during the leave: contacts, notices, training and the return interview.

Each handler is the same shape (`page.post_form`): check the role, read the plan, validate, call one service.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from kopir.accounts.models import User
from kopir.accounts.views import refusals_kept
from kopir.interface.pages import local_today
from kopir.returns.forms import CompletionForm, InterviewForm, KeepInTouchForm, NoticeForm, TrainingForm
from kopir.returns.models import ContactKind, NoticeKind, TrainingItem, TrainingKind
from kopir.returns.selectors import PlanRecords
from kopir.returns.services import support
from kopir.returns.views.page import item_of, plan_of, post_form


@login_required
@require_POST
@refusals_kept
def contact_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.keep_in_touch_add(
            plan=plan_of(records),
            on=data["on"],
            kind=ContactKind(data["kind"]),
            consent=data["consent"],
            note=data["note"],
            expected_version=data["version"],
            actor=viewer,
        )

    return post_form(request, episode_id, "contact", KeepInTouchForm, add)


@login_required
@require_POST
@refusals_kept
def notice_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.notice_send(
            plan=plan_of(records),
            kind=NoticeKind(data["kind"]),
            sent_on=data["sent_on"],
            summary=data["summary"],
            actor=viewer,
            today=local_today(),
        )

    return post_form(request, episode_id, "notice", NoticeForm, add)


@login_required
@require_POST
@refusals_kept
def training_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.training_add(
            plan=plan_of(records),
            kind=TrainingKind(data["kind"]),
            title=data["title"],
            planned_on=data["planned_on"],
            actor=viewer,
        )

    return post_form(request, episode_id, "training", TrainingForm, add)


@login_required
@require_POST
@refusals_kept
def training_complete(request: HttpRequest, episode_id: int, item_id: int) -> HttpResponse:
    def complete(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.training_complete(
            item=item_of(TrainingItem, item_id, plan=plan_of(records)),
            completed_on=data["completed_on"],
            actor=viewer,
            today=local_today(),
        )

    return post_form(request, episode_id, f"completion-{item_id}", CompletionForm, complete)


@login_required
@require_POST
@refusals_kept
def interview_save(request: HttpRequest, episode_id: int) -> HttpResponse:
    def save(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.interview_record(
            plan=plan_of(records), held_on=data["held_on"], record=data["record"], actor=viewer, today=local_today()
        )

    return post_form(request, episode_id, "interview", InterviewForm, save)


@login_required
@require_POST
@refusals_kept
def interview_share(request: HttpRequest, episode_id: int) -> HttpResponse:
    def share(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        if records.interview is None:
            raise Http404
        return support.interview_share(interview=records.interview, actor=viewer, today=local_today())

    return post_form(request, episode_id, "share", forms.Form, share)
