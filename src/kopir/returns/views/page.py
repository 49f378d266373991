"""The HR page of an episode's return plan, and `post_form`, the one shape every form on it is posted through.

Thin, as in `kopir.cases.views`: reads go through `kopir.returns.selectors.return_plan_get`
(that is, `episode_get`: the same access and the same log), writes through the services.
Reading is for HR officers, body heads and administrators; changing the plan for HR officers and
administrators; justifying a failed check for HR officers, approving it for body heads. The
employee reads her own plan and acknowledges the notices sent to her.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kopir.accounts.models import Role, User
from kopir.accounts.views import refusals_kept
from kopir.cases.models import EpisodeStatus
from kopir.cases.selectors import STAFF_READERS, STAFF_WRITERS, episode_viewer
from kopir.interface.pages import apply_form_errors, local_today
from kopir.returns.forms import (
    ArrangementForm,
    CompletionForm,
    DecisionForm,
    InterviewForm,
    JustificationForm,
    KeepInTouchForm,
    NoticeForm,
    NurseryForm,
    PhaseForm,
    PlacementForm,
    PlanForm,
    QueueForm,
    TrainingForm,
)
from kopir.returns.models import ContactKind, Decision, ReturnPlan
from kopir.returns.selectors import PlanRecords, Timer, decision_timer, return_plan_get

READERS, WRITERS = STAFF_READERS, STAFF_WRITERS
JUSTIFIERS = frozenset({Role.HR_OFFICER})
APPROVERS = frozenset({Role.BODY_HEAD})
EMPLOYEES = frozenset({Role.EMPLOYEE})
UNPROCESSABLE = 422
Item = TypeVar("Item", bound=models.Model)
Action = Callable[[User, PlanRecords, dict[str, Any]], object]


@dataclass
class Row:
    """A record on the page with the forms that act on it (none when there is nothing left to do)."""

    item: Any
    form: forms.Form | None = None
    second_form: forms.Form | None = None
    timer: Timer | None = None


def plan_of(records: PlanRecords) -> ReturnPlan:
    if records.plan is None:
        raise Http404
    return records.plan


def item_of(model: type[Item], item_id: int, **scope: Any) -> Item:
    """A record of this plan or episode; another's answers 404 (its episode was access-checked already)."""
    found = model._default_manager.filter(pk=item_id, **scope).first()  # noqa: SLF001 - public in Django
    if found is None:
        raise Http404
    return found


def _interview_initial(records: PlanRecords) -> dict[str, Any]:
    interview = records.interview
    return {"held_on": interview.held_on, "record": interview.record} if interview else {}


def _hr_context(viewer: User, records: PlanRecords, bound: dict[str, forms.Form]) -> dict[str, Any]:
    today = local_today()
    episode, current = records.episode, records.plan

    def form(key: str, form_class: type[forms.Form], **initial: Any) -> forms.Form:
        return bound.get(key) or form_class(prefix=key, initial=initial)

    context: dict[str, Any] = {
        "records": records,
        "episode": episode,
        "today": today,
        "returned": hasattr(episode, "return_to_work"),
        "can_write": viewer.role in WRITERS and episode.status != EpisodeStatus.EXITED,
        "can_justify": viewer.role in JUSTIFIERS,
        "can_approve": viewer.role in APPROVERS,
        "run_form": form("run", forms.Form),
        "check_rows": [
            Row(
                check,
                form(f"justification-{check.pk}", JustificationForm, justification=check.justification),
                form(f"approval-{check.pk}", forms.Form),
            )
            for check in records.checks
        ],
    }
    if current is None:
        return context | {"plan_form": form("plan", PlanForm)}
    return context | {
        "plan_form": form("plan", PlanForm, planned_return_date=current.planned_return_date, version=current.version),
        "phase_form": form("phase", PhaseForm, version=current.version),
        "arrangement_form": form("arrangement", ArrangementForm, requested_on=today),
        "contact_form": form("contact", KeepInTouchForm, version=current.version, kind=ContactKind.CONTACT),
        "notice_form": form("notice", NoticeForm, sent_on=today),
        "training_form": form("training", TrainingForm),
        "nursery_form": form("nursery", NurseryForm, requested_on=today),
        "interview_form": form("interview", InterviewForm, **_interview_initial(records)),
        "share_form": form("share", forms.Form),
        "arrangement_rows": [
            Row(
                a,
                form(f"decision-{a.pk}", DecisionForm, decided_on=today) if a.decision == Decision.PENDING else None,
                timer=decision_timer(a, today),
            )
            for a in records.arrangements
        ],
        "training_rows": [
            Row(t, None if t.completed_on else form(f"completion-{t.pk}", CompletionForm, completed_on=today))
            for t in records.training
        ],
        "nursery_rows": [
            Row(n, form(f"queue-{n.pk}", QueueForm), form(f"placement-{n.pk}", PlacementForm))
            if n.placed_on is None
            else Row(n)
            for n in records.nursery
        ],
    }


@login_required
@refusals_kept
def plan_page(request: HttpRequest, episode_id: int) -> HttpResponse:
    viewer = episode_viewer(request, READERS, episode_id)
    records = return_plan_get(viewer=viewer, episode_id=episode_id)
    return render(request, "returns/plan.html", _hr_context(viewer, records, {}))


def post_form(
    request: HttpRequest,
    episode_id: int,
    key: str,
    form_class: type[forms.Form],
    action: Action,
    roles: frozenset[str] = WRITERS,
) -> HttpResponse:
    """Validate the form, run the service, and go back to the page; or show the page with the errors."""
    viewer = episode_viewer(request, roles, episode_id)
    records = return_plan_get(viewer=viewer, episode_id=episode_id)
    form = form_class(request.POST, prefix=key)
    if form.is_valid():
        try:
            action(viewer, records, form.cleaned_data)
            return redirect("returns:plan", episode_id=episode_id)
        except ValidationError as error:
            apply_form_errors(form, error)
    return render(request, "returns/plan.html", _hr_context(viewer, records, {key: form}), status=UNPROCESSABLE)
