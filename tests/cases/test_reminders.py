"""The daily sweep: statuses follow the calendar; reminders are raised, escalated and closed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kopir.cases.models import EpisodeKind, LeaveEpisode, Reminder, ReturnMode
from kopir.cases.services.leave import leave_episode_open
from kopir.cases.services.outcomes import return_record
from kopir.cases.services.reminders import reminders_sweep
from kopir.cases.tasks import daily_reminders, reminders_now
from tests.cases.builders import make_body, make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode() -> LeaveEpisode:
    """Maternity leave from 1 May 2025 to 3 September 2025 (a Wednesday)."""
    return leave_episode_open(
        employee=make_employee(make_body()),
        kind=EpisodeKind.BIRTH,
        actor=None,
        today=date(2025, 5, 1),
        leave_start=date(2025, 5, 1),
        birth_date=date(2025, 7, 8),
    )


def _open(episode: LeaveEpisode) -> set[str]:
    return set(episode.reminders.filter(resolved_on__isnull=True).values_list("kind", flat=True))


def test_nothing_is_due_in_the_middle_of_the_leave(episode: LeaveEpisode) -> None:
    reminders_sweep(today=date(2025, 7, 1))
    assert _open(episode) == set()


def test_ten_working_days_before_the_end_the_return_is_to_be_planned(episode: LeaveEpisode) -> None:
    reminders_sweep(today=date(2025, 8, 20))  # 10 working days before Wed 3 Sep (Constitution Day 1 Sep off)
    assert _open(episode) == {"leave_ends_soon"}


def test_after_the_end_without_a_return_it_is_overdue_then_escalated(episode: LeaveEpisode) -> None:
    result = reminders_sweep(today=date(2025, 9, 4))
    assert _open(episode) == {"return_overdue"}
    assert result.statuses_changed == 1
    assert LeaveEpisode.objects.get(pk=episode.pk).status == "return_due"
    reminders_sweep(today=date(2025, 9, 10))  # 5 working days after Wed 3 Sep
    assert _open(episode) == {"return_overdue", "return_overdue_escalated"}
    assert episode.reminders.get(kind="return_overdue_escalated").due_on == date(2025, 9, 10)


def test_a_return_closes_the_reminders(episode: LeaveEpisode) -> None:
    reminders_sweep(today=date(2025, 9, 4))
    return_record(
        episode=episode,
        first_working_day=date(2025, 9, 5),
        mode=ReturnMode.SAME_POST,
        position=episode.employee.position,
        monthly_salary=Decimal("400000"),
        expected_version=1,
        actor=None,
        today=date(2025, 9, 5),
    )
    reminders_sweep(today=date(2025, 9, 8))
    assert _open(episode) == set()


def test_a_second_sweep_raises_nothing_twice(episode: LeaveEpisode) -> None:
    reminders_sweep(today=date(2025, 9, 4))
    again = reminders_sweep(today=date(2025, 9, 4))
    assert (again.raised, again.statuses_changed) == (0, 0)
    assert Reminder.objects.count() == 1


def test_the_jobs_run_through_the_queue(episode: LeaveEpisode, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2025, 9, 4))
    assert reminders_now().get().raised == 1  # the test settings run huey in immediate mode
    assert _open(episode) == {"return_overdue"}
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2025, 9, 10))
    assert daily_reminders.call_local().raised == 1  # the periodic job, as the consumer runs it
