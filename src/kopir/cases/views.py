"""The HR pages and the employee's own page. Thin: read through selectors, write through services.

Reading is for the roles the selectors allow; changing the chain is for HR officers (and
administrators). A record outside the viewer's reach answers 403 and is logged as refused.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kopir.accounts.models import AccessAction, Role, User
from kopir.accounts.services import access_log_record
from kopir.accounts.views import refusals_kept
from kopir.cases.forms import EpisodeOpenForm, ReplacementForm, ReturnForm, SegmentAddForm, SeparationForm
from kopir.cases.leave_state import is_protected
from kopir.cases.models import Employee, EpisodeKind, LeaveEpisode, ProtectedGround, ReturnMode, SegmentKind
from kopir.cases.selectors import (
    STAFF_READERS,
    STAFF_WRITERS,
    STATUS_FILTERS,
    employee_get,
    employee_list_page,
    employee_viewer,
    episode_get,
    episode_viewer,
    episodes_visible_to,
    replacement_candidates,
    replacement_candidates_chosen,
)
from kopir.cases.services.leave import (
    childcare_days_remaining,
    childcare_last_day,
    leave_episode_open,
    leave_segment_add,
)
from kopir.cases.services.outcomes import return_record, separation_record
from kopir.cases.services.replacement import replacement_assign
from kopir.interface.pages import apply_form_errors, local_today, viewer_with_role

READERS, WRITERS = STAFF_READERS, STAFF_WRITERS
UNPROCESSABLE = 422


@login_required
@refusals_kept
def employee_list(request: HttpRequest) -> HttpResponse:
    """The body's employees with the status of their latest leave episode, 50 a page."""
    if getattr(request.user, "role", None) == Role.EMPLOYEE:
        return redirect("cases:my_leave")
    viewer = viewer_with_role(request, READERS)
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    status = status if status in STATUS_FILTERS else ""
    listing = employee_list_page(
        viewer=viewer, query=query, page_number=request.GET.get("page"), status=status, today=local_today()
    )
    return render(
        request,
        "cases/employee_list.html",
        {
            "page": listing.page,
            "query": query,
            "status": status,
            "filters": STATUS_FILTERS,
            "reminders": listing.reminders,
        },
    )


@login_required
@refusals_kept
def employee_detail(request: HttpRequest, employee_id: int) -> HttpResponse:
    viewer = employee_viewer(request, READERS, employee_id)
    employee = employee_get(viewer=viewer, employee_id=employee_id)
    return render(request, "cases/employee_detail.html", _employee_context(viewer, employee, EpisodeOpenForm()))


def _employee_context(viewer: User, employee: Employee, open_form: EpisodeOpenForm) -> dict[str, Any]:
    return {
        "employee": employee,
        "episodes": employee.episodes.select_related("child").prefetch_related("segments"),
        "protected": is_protected(employee.children.all(), local_today()),
        "can_write": viewer.role in WRITERS,
        "open_form": open_form,
    }


@login_required
@require_POST
@refusals_kept
def episode_open(request: HttpRequest, employee_id: int) -> HttpResponse:
    viewer = employee_viewer(request, WRITERS, employee_id)
    employee = employee_get(viewer=viewer, employee_id=employee_id)
    form = EpisodeOpenForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        dates = {name: data[name] for name in ("leave_start", "expected_birth", "birth_date", "adoption_date")}
        try:
            episode = leave_episode_open(
                employee=employee,
                kind=EpisodeKind(data["kind"]),
                actor=viewer,
                today=local_today(),
                children=data["children"],
                complicated_birth=data["complicated_birth"],
                nuclear_test_zone=data["nuclear_test_zone"],
                document=data["document"],
                **dates,
            )
            return redirect("cases:episode", episode_id=episode.pk)
        except ValidationError as error:
            apply_form_errors(form, error)
    return render(
        request, "cases/employee_detail.html", _employee_context(viewer, employee, form), status=UNPROCESSABLE
    )


def _episode_context(
    viewer: User, episode: LeaveEpisode, forms: dict[str, Form] | None = None, find: str = ""
) -> dict[str, Any]:
    forms = forms or {}
    candidates = replacement_candidates(episode=episode, query=find)
    return {
        "find": find,
        "episode": episode,
        "segments": episode.segments.order_by("planned_start"),
        "third_birthday_eve": childcare_last_day(episode),
        "days_remaining": childcare_days_remaining(episode),
        "can_write": viewer.role in WRITERS and episode.status not in ("returned", "exited"),
        "segment_form": forms.get("segment_form") or SegmentAddForm(initial={"version": episode.version}),
        "return_form": forms.get("return_form")
        or ReturnForm(initial={"version": episode.version, "mode": ReturnMode.SAME_POST}),
        "separation_form": forms.get("separation_form") or SeparationForm(),
        "replacement_form": forms.get("replacement_form")
        or ReplacementForm(initial={"version": episode.version}, episode=episode, candidates=candidates),
    }


@login_required
@refusals_kept
def episode_detail(request: HttpRequest, episode_id: int) -> HttpResponse:
    viewer = episode_viewer(request, READERS, episode_id)
    episode = episode_get(viewer=viewer, episode_id=episode_id)
    find = request.GET.get("find", "").strip()[:100]
    return render(request, "cases/episode_detail.html", _episode_context(viewer, episode, find=find))


def _episode_post(request: HttpRequest, episode_id: int, form_name: str, form: Form, action: Any) -> HttpResponse:
    viewer = episode_viewer(request, WRITERS, episode_id)
    episode = episode_get(viewer=viewer, episode_id=episode_id)
    if form.is_valid():
        try:
            action(viewer, episode, form.cleaned_data)
            return redirect("cases:episode", episode_id=episode.pk)
        except ValidationError as error:
            apply_form_errors(form, error)
    return render(
        request,
        "cases/episode_detail.html",
        _episode_context(viewer, episode, {form_name: form}),
        status=UNPROCESSABLE,
    )


@login_required
@require_POST
@refusals_kept
def segment_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def add(viewer: User, episode: LeaveEpisode, data: dict[str, Any]) -> None:
        leave_segment_add(
            episode=episode,
            kind=SegmentKind(data["kind"]),
            planned_start=data["planned_start"],
            planned_end=data["planned_end"],
            expected_version=data["version"],
            actor=viewer,
            today=local_today(),
            document=data["document"],
        )

    return _episode_post(request, episode_id, "segment_form", SegmentAddForm(request.POST), add)


@login_required
@require_POST
@refusals_kept
def return_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def back(viewer: User, episode: LeaveEpisode, data: dict[str, Any]) -> None:
        return_record(
            episode=episode,
            first_working_day=data["first_working_day"],
            mode=ReturnMode(data["mode"]),
            position=episode.employee.position,
            monthly_salary=Decimal(data["monthly_salary"]),
            expected_version=data["version"],
            actor=viewer,
            today=local_today(),
        )

    return _episode_post(request, episode_id, "return_form", ReturnForm(request.POST), back)


@login_required
@require_POST
@refusals_kept
def replacement_set(request: HttpRequest, episode_id: int) -> HttpResponse:
    viewer = episode_viewer(request, WRITERS, episode_id)
    episode = episode_get(viewer=viewer, episode_id=episode_id)

    def assign(viewer: User, episode: LeaveEpisode, data: dict[str, Any]) -> None:
        replacement_assign(
            episode=episode, replacement=data["replacement"], expected_version=data["version"], actor=viewer
        )

    chosen = request.POST.get("replacement", "")
    candidates = replacement_candidates_chosen(episode, chosen)
    form = ReplacementForm(request.POST, episode=episode, candidates=candidates)
    return _episode_post(request, episode_id, "replacement_form", form, assign)


@login_required
@require_POST
@refusals_kept
def separation_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    def leave(viewer: User, episode: LeaveEpisode, data: dict[str, Any]) -> None:
        separation_record(
            employee=episode.employee,
            last_day=data["last_day"],
            reason=data["reason"],
            destination=data["destination"],
            protected_ground=ProtectedGround(data["protected_ground"] or ""),
            actor=viewer,
            today=local_today(),
        )

    return _episode_post(request, episode_id, "separation_form", SeparationForm(request.POST), leave)


@login_required
@refusals_kept
def my_leave(request: HttpRequest) -> HttpResponse:
    """The employee's own page: her leave episodes and their chains, read-only."""
    viewer = viewer_with_role(request, frozenset({Role.EMPLOYEE}))
    episodes = episodes_visible_to(viewer).prefetch_related("segments")
    for episode in episodes:
        access_log_record(actor=viewer, action=AccessAction.READ, record=episode, subject_id=episode.employee_id)
    return render(request, "cases/my_leave.html", {"episodes": episodes})
