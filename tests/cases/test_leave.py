"""The leave chain: maternity leave by the rules, segments in order, the 3-year clock, the status."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kopir.cases.models import Child, EpisodeKind, EpisodeStatus, LeaveEpisode, LeaveSegment, SegmentKind
from kopir.cases.services.leave import (
    childcare_days_remaining,
    childcare_last_day,
    episode_status_refresh,
    leave_episode_open,
    leave_segment_add,
)
from kopir.cases.services.locking import ConcurrentEdit
from tests.cases.builders import make_body, make_employee

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 1)


@pytest.fixture
def episode() -> LeaveEpisode:
    employee = make_employee(make_body())
    return leave_episode_open(
        employee=employee,
        kind=EpisodeKind.BIRTH,
        actor=None,
        today=TODAY,
        leave_start=date(2025, 5, 1),
        birth_date=date(2025, 7, 8),
    )


def test_the_maternity_leave_is_planned_by_the_rules(episode: LeaveEpisode) -> None:
    segment = episode.segments.get()
    assert (segment.kind, segment.planned_start, segment.planned_end) == (
        "maternity",
        date(2025, 5, 1),
        date(2025, 9, 3),
    )
    assert episode.status == EpisodeStatus.MATERNITY
    assert episode.child.birth_order == 1


def test_twins_get_the_longer_leave() -> None:
    employee = make_employee(make_body())
    twins = leave_episode_open(
        employee=employee, kind=EpisodeKind.BIRTH, actor=None, today=TODAY, leave_start=date(2025, 5, 1), children=2
    )
    assert (twins.segments.get().planned_end - twins.segments.get().planned_start).days + 1 == 140


def test_impossible_dates_are_refused_on_their_field_and_nothing_is_written() -> None:
    employee = make_employee(make_body())
    with pytest.raises(ValidationError) as caught:
        leave_episode_open(
            employee=employee,
            kind=EpisodeKind.BIRTH,
            actor=None,
            today=TODAY,
            leave_start=date(2025, 5, 1),
            birth_date=date(2025, 1, 1),
        )
    assert "birth_date" in caught.value.message_dict
    assert (LeaveEpisode.objects.count(), Child.objects.count(), LeaveSegment.objects.count()) == (0, 0, 0)


def test_annual_then_childcare_leave_follow_in_order(episode: LeaveEpisode) -> None:
    leave_segment_add(
        episode=episode,
        kind=SegmentKind.ANNUAL,
        planned_start=date(2025, 9, 4),
        planned_end=date(2025, 10, 3),
        expected_version=1,
        actor=None,
        today=TODAY,
    )
    leave_segment_add(
        episode=episode,
        kind=SegmentKind.CHILDCARE,
        planned_start=date(2025, 10, 4),
        planned_end=date(2026, 10, 3),
        expected_version=2,
        actor=None,
        today=TODAY,
    )
    assert [s.kind for s in episode.segments.order_by("planned_start")] == ["maternity", "annual", "childcare"]
    assert episode.version == 3
    assert childcare_last_day(episode) == date(2028, 7, 7)
    assert childcare_days_remaining(episode) == (date(2028, 7, 7) - date(2026, 10, 3)).days


def test_an_overlapping_segment_is_refused(episode: LeaveEpisode) -> None:
    with pytest.raises(ValidationError, match="overlaps"):
        leave_segment_add(
            episode=episode,
            kind=SegmentKind.ANNUAL,
            planned_start=date(2025, 9, 1),
            planned_end=date(2025, 9, 30),
            expected_version=1,
            actor=None,
            today=TODAY,
        )
    assert episode.segments.count() == 1


def test_childcare_leave_cannot_pass_the_third_birthday(episode: LeaveEpisode) -> None:
    with pytest.raises(ValidationError, match="at the latest on 7 July 2028, the day before the child turns 3"):
        leave_segment_add(
            episode=episode,
            kind=SegmentKind.CHILDCARE,
            planned_start=date(2025, 9, 4),
            planned_end=date(2028, 7, 8),
            expected_version=1,
            actor=None,
            today=TODAY,
        )


def test_a_second_maternity_segment_is_refused(episode: LeaveEpisode) -> None:
    with pytest.raises(ValidationError, match="Only annual leave and childcare leave"):
        leave_segment_add(
            episode=episode,
            kind=SegmentKind.MATERNITY,
            planned_start=date(2025, 9, 4),
            planned_end=date(2025, 10, 3),
            expected_version=1,
            actor=None,
            today=TODAY,
        )


def test_two_edits_from_the_same_version_never_lose_one(episode: LeaveEpisode) -> None:
    stale_copy = LeaveEpisode.objects.get(pk=episode.pk)
    leave_segment_add(
        episode=episode,
        kind=SegmentKind.ANNUAL,
        planned_start=date(2025, 9, 4),
        planned_end=date(2025, 9, 30),
        expected_version=1,
        actor=None,
        today=TODAY,
    )
    with pytest.raises(ConcurrentEdit):
        leave_segment_add(
            episode=stale_copy,
            kind=SegmentKind.CHILDCARE,
            planned_start=date(2025, 10, 1),
            planned_end=date(2026, 1, 31),
            expected_version=1,
            actor=None,
            today=TODAY,
        )
    assert [s.kind for s in episode.segments.order_by("planned_start")] == ["maternity", "annual"]


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2025, 4, 30), EpisodeStatus.PLANNED),
        (date(2025, 5, 1), EpisodeStatus.MATERNITY),
        (date(2025, 9, 10), EpisodeStatus.ANNUAL),
        (date(2025, 10, 2), EpisodeStatus.BETWEEN),
        (date(2025, 11, 1), EpisodeStatus.CHILDCARE),
        (date(2026, 2, 1), EpisodeStatus.RETURN_DUE),
    ],
)
def test_the_status_follows_the_calendar(episode: LeaveEpisode, today: date, status: EpisodeStatus) -> None:
    LeaveSegment.objects.create(
        episode=episode, kind=SegmentKind.ANNUAL, planned_start=date(2025, 9, 4), planned_end=date(2025, 9, 30)
    )
    LeaveSegment.objects.create(
        episode=episode, kind=SegmentKind.CHILDCARE, planned_start=date(2025, 10, 15), planned_end=date(2026, 1, 31)
    )
    assert episode_status_refresh(episode, today) == status
    assert LeaveEpisode.objects.get(pk=episode.pk).status == status
