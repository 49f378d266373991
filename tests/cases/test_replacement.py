"""The temporary replacement: same body, not herself, and a term tied to the chain and the return."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kopir.cases.models import EpisodeKind, LeaveEpisode, ReturnMode, SegmentKind
from kopir.cases.services.leave import leave_episode_open, leave_segment_add
from kopir.cases.services.outcomes import return_record
from kopir.cases.services.replacement import replacement_assign
from tests.cases.builders import make_body, make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode() -> LeaveEpisode:
    return leave_episode_open(
        employee=make_employee(make_body()),
        kind=EpisodeKind.BIRTH,
        actor=None,
        today=date(2025, 5, 1),
        leave_start=date(2025, 5, 1),
        birth_date=date(2025, 7, 8),
    )


def test_the_term_follows_the_chain_and_ends_before_her_return(episode: LeaveEpisode) -> None:
    stand_in = make_employee(episode.employee.body, surname="Омарова")
    replacement_assign(episode=episode, replacement=stand_in, expected_version=1, actor=None)
    assert episode.replacement_until == date(2025, 9, 3)
    leave_segment_add(
        episode=episode,
        kind=SegmentKind.CHILDCARE,
        planned_start=date(2025, 9, 4),
        planned_end=date(2026, 9, 3),
        expected_version=2,
        actor=None,
        today=date(2025, 9, 1),
    )
    assert LeaveEpisode.objects.get(pk=episode.pk).replacement_until == date(2026, 9, 3)
    return_record(
        episode=episode,
        first_working_day=date(2026, 3, 2),
        mode=ReturnMode.SAME_POST,
        position=episode.employee.position,
        monthly_salary=Decimal("400000"),
        expected_version=3,
        actor=None,
        today=date(2026, 3, 2),
    )
    assert LeaveEpisode.objects.get(pk=episode.pk).replacement_until == date(2026, 3, 1)


def test_a_replacement_from_another_body_or_herself_is_refused(episode: LeaveEpisode) -> None:
    with pytest.raises(ValidationError, match="same state body"):
        replacement_assign(
            episode=episode, replacement=make_employee(make_body("OTHER")), expected_version=1, actor=None
        )
    with pytest.raises(ValidationError, match="herself"):
        replacement_assign(episode=episode, replacement=episode.employee, expected_version=1, actor=None)
    assert LeaveEpisode.objects.get(pk=episode.pk).replacement_id is None
