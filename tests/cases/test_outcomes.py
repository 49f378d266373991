"""Returns and separations: the chain closes, the post and pay are recorded, protection holds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kopir.cases.leave_state import is_protected
from kopir.cases.models import (
    Destination,
    EpisodeKind,
    EpisodeStatus,
    LeaveEpisode,
    ProtectedGround,
    ReturnMode,
    SegmentKind,
    Separation,
    SeparationReason,
)
from kopir.cases.services.leave import leave_episode_open, leave_segment_add
from kopir.cases.services.outcomes import return_record, separation_record
from tests.cases.builders import make_body, make_employee

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 1)


@pytest.fixture
def episode() -> LeaveEpisode:
    employee = make_employee(make_body())
    episode = leave_episode_open(
        employee=employee,
        kind=EpisodeKind.BIRTH,
        actor=None,
        today=TODAY,
        leave_start=date(2025, 5, 1),
        birth_date=date(2025, 7, 8),
    )
    leave_segment_add(
        episode=episode,
        kind=SegmentKind.CHILDCARE,
        planned_start=date(2025, 9, 4),
        planned_end=date(2026, 9, 3),
        expected_version=1,
        actor=None,
        today=TODAY,
    )
    return episode


def test_an_early_return_ends_the_chain(episode: LeaveEpisode) -> None:
    employee = episode.employee
    record = return_record(
        episode=episode,
        first_working_day=date(2026, 3, 2),
        mode=ReturnMode.PHASED,
        position=employee.position,
        monthly_salary=Decimal("420000"),
        expected_version=2,
        actor=None,
        today=date(2026, 3, 2),
    )
    childcare = episode.segments.get(kind="childcare")
    assert childcare.actual_end == date(2026, 3, 1)
    assert episode.status == EpisodeStatus.RETURNED
    assert record.mode == "phased"
    assert employee.appointments.get().kind == "return"
    assert employee.pay_records.get(effective_from=date(2026, 3, 2)).monthly_salary == Decimal("420000")


def test_segments_not_yet_begun_are_dropped_on_return(episode: LeaveEpisode) -> None:
    return_record(
        episode=episode,
        first_working_day=date(2025, 9, 4),
        mode=ReturnMode.SAME_POST,
        position=episode.employee.position,
        monthly_salary=Decimal("400000"),
        expected_version=2,
        actor=None,
        today=date(2025, 9, 4),
    )
    assert list(episode.segments.values_list("kind", flat=True)) == ["maternity"]


def test_a_closed_episode_takes_no_second_return(episode: LeaveEpisode) -> None:
    kwargs = {
        "mode": ReturnMode.SAME_POST,
        "position": episode.employee.position,
        "monthly_salary": Decimal("400000"),
        "actor": None,
        "today": date(2026, 3, 2),
    }
    return_record(episode=episode, first_working_day=date(2026, 3, 2), expected_version=2, **kwargs)
    with pytest.raises(ValidationError, match="closed"):
        return_record(episode=episode, first_working_day=date(2026, 4, 1), expected_version=3, **kwargs)


def test_a_return_before_the_leave_is_refused(episode: LeaveEpisode) -> None:
    with pytest.raises(ValidationError) as caught:
        return_record(
            episode=episode,
            first_working_day=date(2025, 4, 1),
            mode=ReturnMode.SAME_POST,
            position=episode.employee.position,
            monthly_salary=Decimal("1"),
            expected_version=2,
            actor=None,
            today=TODAY,
        )
    assert "first_working_day" in caught.value.message_dict
    assert not hasattr(LeaveEpisode.objects.get(pk=episode.pk), "return_to_work")


def test_dismissal_protection_needs_a_legal_ground(episode: LeaveEpisode) -> None:
    employee = episode.employee
    assert is_protected(employee.children.all(), date(2026, 1, 1))
    with pytest.raises(ValidationError) as caught:
        separation_record(
            employee=employee,
            last_day=date(2026, 1, 1),
            reason=SeparationReason.OTHER_DISMISSAL,
            destination=Destination.UNKNOWN,
            actor=None,
            today=date(2026, 1, 1),
        )
    assert "protected_ground" in caught.value.message_dict
    assert Separation.objects.count() == 0
    separation = separation_record(
        employee=employee,
        last_day=date(2026, 1, 1),
        reason=SeparationReason.RESIGNATION,
        destination=Destination.PRIVATE_SECTOR,
        protected_ground=ProtectedGround.OWN_INITIATIVE,
        actor=None,
        today=date(2026, 1, 1),
    )
    assert separation.during_leave
    assert LeaveEpisode.objects.get(pk=episode.pk).status == EpisodeStatus.EXITED


def test_protection_ends_at_the_third_birthday(episode: LeaveEpisode) -> None:
    assert is_protected(episode.employee.children.all(), date(2028, 7, 7))
    assert not is_protected(episode.employee.children.all(), date(2028, 7, 8))
