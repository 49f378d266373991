"""The employee's home: her leave, when she is due back, her payments from her own record.

Her payments come from the same rules as the public calculator (`kopir.rules.calculate`, through
the calculator's form and service), fed with what her record holds: the event and its dates, the
children, her salary on the day the leave starts. The same answers fill the calculator's session
(decision 0028: the answers live in the session, never in an address), so "open the calculator"
shows her own case, ready to change. This module lives in `kopir.web` because the calculator is a
leaf no app may import; the site joins the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.calculator import journey
from kopir.calculator.forms import CalculatorForm
from kopir.calculator.services import calculate_for_form
from kopir.cases.models import Employee, EpisodeKind, LeaveEpisode, PayRecord, ReturnToWork, SegmentKind
from kopir.cases.selectors import employees_visible_to, episodes_visible_to
from kopir.returns.models import ArrangementRequest, ReturnPlan

FIRST_LEAVE = (SegmentKind.MATERNITY, SegmentKind.ADOPTION)


@dataclass
class EpisodeView:
    """One of her leave episodes as her home shows it."""

    episode: LeaveEpisode
    due_back: date | None
    plan: ReturnPlan | None
    requests: list[ArrangementRequest] = field(default_factory=list)


@dataclass
class EmployeeHome:
    employee: Employee | None
    episodes: list[EpisodeView]
    result: dict[str, Any] | None  # the calculator's response for her latest episode


def due_back(episode: LeaveEpisode, plan: ReturnPlan | None) -> date | None:
    """Her first working day: recorded, else planned in the return plan, else the day after her last leave."""
    returned: ReturnToWork | None = getattr(episode, "return_to_work", None)
    if returned is not None:
        return returned.first_working_day
    if plan is not None:
        return plan.planned_return_date
    ends = [segment.end for segment in episode.segments.all()]
    return max(ends) + timedelta(days=1) if ends else None


def _salary_on(employee: Employee, day: date | None) -> str:
    """Her monthly salary on `day` (the latest record before it, else the first one); empty if none."""
    records = PayRecord.objects.filter(employee=employee).order_by("-effective_from")
    record = (records.filter(effective_from__lte=day).first() if day else None) or records.last()
    return str(record.monthly_salary) if record else ""


def calculator_answers(episode: LeaveEpisode) -> journey.Answers:
    """Her record as the calculator's answers (its one-page form's text values), every step marked answered."""
    segments = sorted(episode.segments.all(), key=lambda s: s.start)
    maternity = next((s for s in segments if s.kind in FIRST_LEAVE), segments[0] if segments else None)
    adoption = episode.kind == EpisodeKind.ADOPTION
    start = maternity.start if maternity else None
    returned = getattr(episode, "return_to_work", None)
    salary = _salary_on(episode.employee, start)
    answers = {
        "employment": "employee",
        "nuclear_test_zone": "on" if episode.nuclear_test_zone else "",
        "event_type": episode.kind,
        "leave_start": "" if adoption or start is None else start.isoformat(),
        "adoption_date": start.isoformat() if adoption and start else "",
        "expected_birth": journey.text_value(episode.child.expected_birth),
        "birth_date": journey.text_value(episode.child.birth_date),
        "children": str(episode.children),
        "complicated_birth": "on" if episode.complicated_birth else "",
        "previous_children": str(max(0, episode.child.birth_order - 1)),
        "income_form": "gross_salary",
        "gross_salary": salary,
        "return_to_work": journey.text_value(returned.first_working_day if returned else None),
    }
    answers["_answered"] = " ".join(step.slug for step in journey.path(answers))
    return answers


def payments_of(answers: journey.Answers) -> dict[str, Any] | None:
    """The calculator's response for her answers, or None when her record lacks what it needs."""
    form = CalculatorForm(data={name: value for name, value in answers.items() if not name.startswith("_")})
    if not form.is_valid():
        return None
    result, _errors = calculate_for_form(form.cleaned_data)
    return result


def employee_home(*, viewer: User) -> EmployeeHome:
    """Her record, her episodes (each read logged), her due-back dates, requests and payments."""
    employee = employees_visible_to(viewer).first()
    episodes = list(
        episodes_visible_to(viewer)
        .select_related("return_to_work", "return_plan")
        .prefetch_related("segments", "return_plan__arrangements")
        .order_by("-opened_on", "-id")
    )
    shown = []
    for episode in episodes:
        access_log_record(actor=viewer, action=AccessAction.READ, record=episode, subject_id=episode.employee_id)
        plan = getattr(episode, "return_plan", None)
        requests = list(plan.arrangements.all()) if plan else []
        shown.append(EpisodeView(episode, due_back(episode, plan), plan, requests))
    result = payments_of(calculator_answers(episodes[0])) if episodes else None
    return EmployeeHome(employee, shown, result)


def calculator_prefill(*, viewer: User, session: SessionBase, episode_id: int | None = None) -> bool:
    """Put an episode's answers in the viewer's calculator session (her latest, or `episode_id` among those
    she may see); False when there is none. The answers travel in no address: her dates are personal data."""
    episodes = episodes_visible_to(viewer).prefetch_related("segments")
    if episode_id is not None:
        episodes = episodes.filter(pk=episode_id)
    episode = episodes.order_by("-opened_on", "-id").first()
    if episode is None:
        return False
    access_log_record(
        actor=viewer, action=AccessAction.READ, record=episode, subject_id=episode.employee_id, detail="calculator"
    )
    session[journey.SESSION_KEY] = calculator_answers(episode)
    return True
