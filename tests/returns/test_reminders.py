"""The daily sweep for the return: follow-ups after the return, decisions due, interviews not held."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kopir.cases.models import Destination, EpisodeKind, LeaveEpisode, ReturnMode, SeparationReason
from kopir.cases.services.leave import leave_episode_open
from kopir.cases.services.outcomes import return_record, separation_record
from kopir.cases.services.reminders import follow_ups_record
from kopir.returns.models import ArrangementKind
from kopir.returns.services.arrangements import arrangement_request
from kopir.returns.services.plan import return_plan_create
from kopir.returns.services.reminders import return_plan_sweep
from tests.cases.builders import make_body, make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned() -> LeaveEpisode:
    """Back at work on 1 October 2025 after a maternity leave from 1 May 2025."""
    episode = leave_episode_open(
        employee=make_employee(make_body()),
        kind=EpisodeKind.BIRTH,
        actor=None,
        today=date(2025, 5, 1),
        leave_start=date(2025, 5, 1),
        birth_date=date(2025, 7, 8),
    )
    return_record(
        episode=episode,
        first_working_day=date(2025, 10, 1),
        mode=ReturnMode.SAME_POST,
        position=episode.employee.position,
        monthly_salary=Decimal("400000"),
        expected_version=1,
        actor=None,
        today=date(2025, 10, 1),
    )
    return episode


def _open(episode: LeaveEpisode) -> set[str]:
    return set(episode.reminders.filter(resolved_on__isnull=True).values_list("kind", flat=True))


def test_follow_ups_are_recorded_when_their_month_comes(returned: LeaveEpisode) -> None:
    assert follow_ups_record(today=date(2026, 3, 31)) == 0
    assert follow_ups_record(today=date(2026, 4, 1)) == 1
    six = returned.follow_ups.get(months_after_return=6)
    assert (six.employed_in_body, six.employed_in_state_service) == (True, True)
    assert follow_ups_record(today=date(2026, 4, 2)) == 0


def test_a_move_to_another_state_body_is_still_in_the_state_service(returned: LeaveEpisode) -> None:
    separation_record(
        employee=returned.employee,
        last_day=date(2026, 6, 30),
        reason=SeparationReason.TRANSFER,
        destination=Destination.STATE_BODY,
        protected_ground="own_initiative",
        actor=None,
        today=date(2026, 6, 30),
    )
    follow_ups_record(today=date(2026, 10, 1))
    twelve = returned.follow_ups.get(months_after_return=12)
    assert (twelve.employed_in_body, twelve.employed_in_state_service) == (False, True)


def test_an_interview_not_held_is_reminded_after_ten_working_days(returned: LeaveEpisode) -> None:
    return_plan_sweep(today=date(2025, 10, 10))
    assert "interview_not_held" not in _open(returned)
    return_plan_sweep(today=date(2025, 10, 16))
    assert "interview_not_held" in _open(returned)


def test_a_pending_request_near_its_deadline_is_reminded() -> None:
    episode = leave_episode_open(
        employee=make_employee(make_body()),
        kind=EpisodeKind.BIRTH,
        actor=None,
        today=date(2025, 5, 1),
        leave_start=date(2025, 5, 1),
        birth_date=date(2025, 7, 8),
    )
    plan = return_plan_create(episode=episode, planned_return_date=date(2026, 3, 2), actor=None)
    request = arrangement_request(
        plan=plan,
        kind=ArrangementKind.REMOTE,
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 6, 30),
        requested_on=date(2026, 1, 5),
        actor=None,
        today=date(2026, 1, 5),
    )
    return_plan_sweep(today=date(2026, 1, 6))
    assert "decision_due" not in _open(episode)
    return_plan_sweep(today=request.deadline)
    assert "decision_due" in _open(episode)
