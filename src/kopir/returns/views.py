"""The return-plan pages: the HR page of an episode's plan, and the employee's own read-only page.

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
from django.views.decorators.http import require_POST

from kopir.accounts.models import Role, User
from kopir.accounts.views import refusals_kept
from kopir.cases.models import EpisodeStatus
from kopir.cases.selectors import episode_viewer
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
from kopir.returns.models import (
    ArrangementKind,
    ArrangementRequest,
    ContactKind,
    Decision,
    LeaveNotice,
    NoticeKind,
    NurseryRequest,
    ReturnCheck,
    ReturnPlan,
    TrainingItem,
    TrainingKind,
)
from kopir.returns.selectors import PlanRecords, Timer, decision_timer, return_plan_get
from kopir.returns.services import arrangements, checks, plan, support

READERS = frozenset({Role.HR_OFFICER, Role.BODY_HEAD, Role.ADMINISTRATOR})
WRITERS = frozenset({Role.HR_OFFICER, Role.ADMINISTRATOR})
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


def _plan(records: PlanRecords) -> ReturnPlan:
    if records.plan is None:
        raise Http404
    return records.plan


def _item(model: type[Item], item_id: int, **scope: Any) -> Item:
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


def _post(
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

    return _post(request, episode_id, "plan", PlanForm, save)


@login_required
@require_POST
@refusals_kept
def phase_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return plan.return_phase_add(
            plan=_plan(records),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            work_percent=data["work_percent"],
            expected_version=data["version"],
            actor=viewer,
        )

    return _post(request, episode_id, "phase", PhaseForm, add)


@login_required
@require_POST
@refusals_kept
def arrangement_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return arrangements.arrangement_request(
            plan=_plan(records),
            kind=ArrangementKind(data["kind"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            requested_on=data["requested_on"],
            details=data["details"],
            actor=viewer,
            today=local_today(),
        )

    return _post(request, episode_id, "arrangement", ArrangementForm, add)


@login_required
@require_POST
@refusals_kept
def arrangement_decide(request: HttpRequest, episode_id: int, item_id: int) -> HttpResponse:
    def decide(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return arrangements.arrangement_decide(
            request=_item(ArrangementRequest, item_id, plan=_plan(records)),
            decision=Decision(data["decision"]),
            decided_on=data["decided_on"],
            reasons=data["reasons"],
            actor=viewer,
            today=local_today(),
        )

    return _post(request, episode_id, f"decision-{item_id}", DecisionForm, decide)


@login_required
@require_POST
@refusals_kept
def contact_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.keep_in_touch_add(
            plan=_plan(records),
            on=data["on"],
            kind=ContactKind(data["kind"]),
            consent=data["consent"],
            note=data["note"],
            expected_version=data["version"],
            actor=viewer,
        )

    return _post(request, episode_id, "contact", KeepInTouchForm, add)


@login_required
@require_POST
@refusals_kept
def notice_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.notice_send(
            plan=_plan(records),
            kind=NoticeKind(data["kind"]),
            sent_on=data["sent_on"],
            summary=data["summary"],
            actor=viewer,
            today=local_today(),
        )

    return _post(request, episode_id, "notice", NoticeForm, add)


@login_required
@require_POST
@refusals_kept
def training_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.training_add(
            plan=_plan(records),
            kind=TrainingKind(data["kind"]),
            title=data["title"],
            planned_on=data["planned_on"],
            actor=viewer,
        )

    return _post(request, episode_id, "training", TrainingForm, add)


@login_required
@require_POST
@refusals_kept
def training_complete(request: HttpRequest, episode_id: int, item_id: int) -> HttpResponse:
    def complete(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.training_complete(
            item=_item(TrainingItem, item_id, plan=_plan(records)),
            completed_on=data["completed_on"],
            actor=viewer,
            today=local_today(),
        )

    return _post(request, episode_id, f"completion-{item_id}", CompletionForm, complete)


@login_required
@require_POST
@refusals_kept
def nursery_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.nursery_request(
            plan=_plan(records),
            requested_on=data["requested_on"],
            queue_number=data["queue_number"],
            actor=viewer,
            today=local_today(),
        )

    return _post(request, episode_id, "nursery", NurseryForm, add)


@login_required
@require_POST
@refusals_kept
def nursery_queue(request: HttpRequest, episode_id: int, item_id: int) -> HttpResponse:
    def queue(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.nursery_queue_set(
            request=_item(NurseryRequest, item_id, plan=_plan(records)), queue_number=data["queue_number"], actor=viewer
        )

    return _post(request, episode_id, f"queue-{item_id}", QueueForm, queue)


@login_required
@require_POST
@refusals_kept
def nursery_place(request: HttpRequest, episode_id: int, item_id: int) -> HttpResponse:
    def place(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.nursery_place(
            request=_item(NurseryRequest, item_id, plan=_plan(records)),
            placed_on=data["placed_on"],
            kindergarten=data["kindergarten"],
            actor=viewer,
        )

    return _post(request, episode_id, f"placement-{item_id}", PlacementForm, place)


@login_required
@require_POST
@refusals_kept
def interview_save(request: HttpRequest, episode_id: int) -> HttpResponse:
    def save(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return support.interview_record(
            plan=_plan(records), held_on=data["held_on"], record=data["record"], actor=viewer, today=local_today()
        )

    return _post(request, episode_id, "interview", InterviewForm, save)


@login_required
@require_POST
@refusals_kept
def interview_share(request: HttpRequest, episode_id: int) -> HttpResponse:
    def share(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        if records.interview is None:
            raise Http404
        return support.interview_share(interview=records.interview, actor=viewer, today=local_today())

    return _post(request, episode_id, "share", forms.Form, share)


@login_required
@require_POST
@refusals_kept
def checks_run(request: HttpRequest, episode_id: int) -> HttpResponse:
    def run(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return checks.return_checks_run(episode=records.episode, actor=viewer, today=local_today())

    return _post(request, episode_id, "run", forms.Form, run)


@login_required
@require_POST
@refusals_kept
def check_justify(request: HttpRequest, episode_id: int, check_id: int) -> HttpResponse:
    def justify(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        return checks.check_justify(
            check=_item(ReturnCheck, check_id, episode=records.episode),
            justification=data["justification"],
            actor=viewer,
            today=local_today(),
        )

    return _post(request, episode_id, f"justification-{check_id}", JustificationForm, justify, JUSTIFIERS)


@login_required
@require_POST
@refusals_kept
def check_approve(request: HttpRequest, episode_id: int, check_id: int) -> HttpResponse:
    def approve(viewer: User, records: PlanRecords, data: dict[str, Any]) -> object:
        check = _item(ReturnCheck, check_id, episode=records.episode)
        return checks.check_approve(check=check, approver=viewer, today=local_today())

    return _post(request, episode_id, f"approval-{check_id}", forms.Form, approve, APPROVERS)


def _my_context(records: PlanRecords, error: ValidationError | None = None) -> dict[str, Any]:
    """Her page: the same records as the HR page, without any form but the acknowledgement of notices."""
    today = local_today()
    return {
        "records": records,
        "episode": records.episode,
        "errors": error.messages if error else [],
        "arrangement_rows": [Row(a, timer=decision_timer(a, today)) for a in records.arrangements],
        "training_rows": [Row(t) for t in records.training],
        "nursery_rows": [Row(n) for n in records.nursery],
    }


@login_required
@refusals_kept
def my_plan(request: HttpRequest, episode_id: int) -> HttpResponse:
    """Her own return plan, read-only, with the interview record once it is shared with her."""
    viewer = episode_viewer(request, EMPLOYEES, episode_id)
    records = return_plan_get(viewer=viewer, episode_id=episode_id)
    return render(request, "returns/my_plan.html", _my_context(records))


@login_required
@require_POST
@refusals_kept
def notice_acknowledge(request: HttpRequest, episode_id: int, notice_id: int) -> HttpResponse:
    viewer = episode_viewer(request, EMPLOYEES, episode_id)
    records = return_plan_get(viewer=viewer, episode_id=episode_id)
    notice = _item(LeaveNotice, notice_id, plan=_plan(records))
    try:
        support.notice_acknowledge(notice=notice, actor=viewer, today=local_today())
    except ValidationError as error:
        return render(request, "returns/my_plan.html", _my_context(records, error), status=UNPROCESSABLE)
    return redirect("returns:my_plan", episode_id=episode_id)
