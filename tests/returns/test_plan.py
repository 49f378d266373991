"""The return plan and its phased schedule: one plan per episode, locked edits, phases that add up."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from kopir.accounts.models import AccessLog
from kopir.cases.models import Destination, LeaveEpisode, SeparationReason
from kopir.cases.services.outcomes import separation_record
from kopir.returns.models import ReturnPlan
from kopir.returns.services.plan import (
    return_phase_add,
    return_plan_create,
    return_plan_update,
    schedule_complete,
)
from tests.cases.builders import make_body, make_employee
from tests.returns.builders import PLANNED_RETURN, make_plan, open_episode, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode() -> LeaveEpisode:
    return open_episode(make_employee(make_body()))


@pytest.fixture
def plan(episode: LeaveEpisode) -> ReturnPlan:
    return make_plan(episode)


def _phase(plan: ReturnPlan, start: date, end: date, percent: int, version: int | None = None) -> object:
    return return_phase_add(
        plan=plan,
        starts_on=start,
        ends_on=end,
        work_percent=percent,
        expected_version=plan.version if version is None else version,
        actor=None,
    )


def test_a_plan_is_created_once_and_logged(episode: LeaveEpisode) -> None:
    plan = return_plan_create(episode=episode, planned_return_date=PLANNED_RETURN, actor=None)
    assert (plan.planned_return_date, plan.version) == (PLANNED_RETURN, 1)
    entry = AccessLog.objects.latest("id")
    assert (entry.action, entry.record_type, entry.subject_id) == ("create", "returns.returnplan", episode.employee_id)
    refused(
        lambda: return_plan_create(episode=episode, planned_return_date=date(2026, 1, 5), actor=None),
        "already has a return plan",
    )


def test_a_return_is_not_planned_before_the_leave(episode: LeaveEpisode) -> None:
    refused(
        lambda: return_plan_create(episode=episode, planned_return_date=date(2025, 4, 1), actor=None),
        "before the leave starts",
    )


def test_no_plan_for_someone_who_left(episode: LeaveEpisode) -> None:
    separation_record(
        employee=episode.employee,
        last_day=date(2025, 6, 15),
        reason=SeparationReason.RESIGNATION,
        destination=Destination.PRIVATE_SECTOR,
        protected_ground="own_initiative",
        actor=None,
        today=date(2025, 6, 15),
    )
    episode.refresh_from_db()
    refused(
        lambda: return_plan_create(episode=episode, planned_return_date=PLANNED_RETURN, actor=None), "has left the body"
    )


def test_updating_the_date_is_version_checked(plan: ReturnPlan) -> None:
    return_plan_update(plan=plan, planned_return_date=date(2025, 10, 1), expected_version=1, actor=None)
    assert ReturnPlan.objects.get(pk=plan.pk).version == 2
    stale = ReturnPlan.objects.get(pk=plan.pk)
    refused(
        lambda: return_plan_update(plan=stale, planned_return_date=date(2025, 11, 3), expected_version=1, actor=None),
        "changed by someone else",
    )
    assert ReturnPlan.objects.get(pk=plan.pk).planned_return_date == date(2025, 10, 1)


def test_a_phased_schedule_50_75_100(plan: ReturnPlan) -> None:
    _phase(plan, date(2025, 9, 4), date(2025, 10, 3), 50)
    _phase(plan, date(2025, 10, 4), date(2025, 11, 3), 75)
    assert not schedule_complete(list(plan.phases.order_by("starts_on")))
    _phase(plan, date(2025, 11, 4), date(2025, 12, 31), 100)
    assert [p.work_percent for p in plan.phases.order_by("starts_on")] == [50, 75, 100]
    assert schedule_complete(list(plan.phases.order_by("starts_on")))
    assert ReturnPlan.objects.get(pk=plan.pk).version == 4


@pytest.mark.parametrize(
    ("start", "end", "percent", "message"),
    [
        (date(2025, 9, 20), date(2025, 10, 10), 75, "overlaps the phase from 4 September 2025 to 3 October 2025"),
        (date(2025, 9, 1), date(2025, 9, 3), 50, "starts on the planned return date"),
        (date(2025, 10, 10), date(2025, 10, 4), 50, "cannot end before it starts"),
        (date(2025, 12, 1), date(2025, 12, 31), 100, "cannot come before the phase from 1 January 2026"),
        (date(2026, 2, 1), date(2026, 2, 28), 75, "reaches full time on 1 January 2026"),
    ],
)
def test_phases_do_not_overlap_and_end_at_full_time(
    plan: ReturnPlan, start: date, end: date, percent: int, message: str
) -> None:
    _phase(plan, date(2025, 9, 4), date(2025, 10, 3), 50)
    _phase(plan, date(2026, 1, 1), date(2026, 1, 31), 100)
    plan.refresh_from_db()
    refused(lambda: _phase(plan, start, end, percent), message)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", "Бұл кезең 2025 жылғы 4 қыркүйек – 2025 жылғы 3 қазан аралығындағы кезеңмен қабаттасады."),
        ("ru", "Этот этап пересекается с этапом с 4 сентября 2025 г. по 3 октября 2025 г."),
        ("en", "This phase overlaps the phase from 4 September 2025 to 3 October 2025."),
    ],
)
def test_a_date_in_a_refusal_reads_as_the_page_language_writes_it(plan: ReturnPlan, lang: str, expected: str) -> None:
    """The message is rendered when the page shows it, so its dates follow the page's language, not ISO."""
    _phase(plan, date(2025, 9, 4), date(2025, 10, 3), 50)
    plan.refresh_from_db()
    error = refused(lambda: _phase(plan, date(2025, 9, 20), date(2025, 10, 10), 75), "overlaps")
    with translation.override(lang):
        assert error.messages == [expected]


@pytest.mark.parametrize("percent", [0, 101])
def test_a_share_of_full_time_is_between_1_and_100(plan: ReturnPlan, percent: int) -> None:
    refused(lambda: _phase(plan, date(2025, 9, 4), date(2025, 10, 3), percent), "Ensure this value")


def test_a_phase_on_a_stale_plan_is_refused(plan: ReturnPlan) -> None:
    refused(lambda: _phase(plan, date(2025, 9, 4), date(2025, 10, 3), 50, version=7), "changed by someone else")


def test_the_date_cannot_move_past_the_first_phase(plan: ReturnPlan) -> None:
    _phase(plan, date(2025, 9, 4), date(2025, 10, 3), 50)
    plan.refresh_from_db()
    refused(
        lambda: return_plan_update(
            plan=plan, planned_return_date=date(2025, 9, 15), expected_version=plan.version, actor=None
        ),
        "change the phases first",
    )
