"""Keeping in touch, notices, training, a nursery place and the interview: allowed and refused steps."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from kopir.accounts.models import AccessLog, Role
from kopir.cases.models import Employee
from kopir.returns.models import (
    ContactKind,
    KeepInTouch,
    LeaveNotice,
    NoticeKind,
    NurseryRequest,
    ReturnPlan,
    TrainingItem,
    TrainingKind,
)
from kopir.returns.services.support import (
    interview_record,
    interview_share,
    keep_in_touch_add,
    notice_acknowledge,
    notice_send,
    nursery_place,
    nursery_queue_set,
    nursery_request,
    training_add,
    training_complete,
)
from tests.cases.builders import make_body, make_employee, make_user
from tests.returns.builders import make_plan, open_episode, refused

pytestmark = pytest.mark.django_db
TODAY = date(2025, 12, 1)


@pytest.fixture
def employee() -> Employee:
    body = make_body()
    return make_employee(body, user=make_user(Role.EMPLOYEE, body, username="her"))


@pytest.fixture
def plan(employee: Employee) -> ReturnPlan:
    return make_plan(open_episode(employee))


def _kit(plan: ReturnPlan, on: date, kind: ContactKind = ContactKind.DAY, consent: bool = True) -> KeepInTouch:
    plan.refresh_from_db()
    return keep_in_touch_add(
        plan=plan, on=on, kind=kind, consent=consent, expected_version=plan.version, actor=None, note="team day"
    )


# Keeping in touch


def test_contacts_need_no_consent_and_are_not_counted(plan: ReturnPlan) -> None:
    contact = _kit(plan, date(2025, 6, 2), ContactKind.CONTACT, consent=False)
    assert contact.kind == ContactKind.CONTACT
    assert AccessLog.objects.latest("id").record_type == "returns.keepintouch"


def test_a_kit_day_needs_her_consent(plan: ReturnPlan) -> None:
    refused(lambda: _kit(plan, date(2025, 6, 2), consent=False), "only with her consent")


def test_at_most_ten_kit_days(plan: ReturnPlan) -> None:
    for week in range(10):
        _kit(plan, date(2025, 6, 2) + timedelta(weeks=week))
    refused(lambda: _kit(plan, date(2025, 8, 25)), "All 10 keeping-in-touch days")
    _kit(plan, date(2025, 8, 25), ContactKind.CONTACT)  # contacts go on


def test_one_kit_day_per_date_within_the_leave(plan: ReturnPlan) -> None:
    _kit(plan, date(2025, 6, 2))
    refused(lambda: _kit(plan, date(2025, 6, 2)), "already recorded on this date")
    refused(lambda: _kit(plan, date(2025, 4, 30)), "falls within her leave, from 1 May 2025 to 3 September 2025")
    refused(lambda: _kit(plan, date(2025, 9, 4)), "falls within her leave")


def test_a_kit_day_on_a_stale_plan_is_refused(plan: ReturnPlan) -> None:
    refused(
        lambda: keep_in_touch_add(
            plan=plan, on=date(2025, 6, 2), kind=ContactKind.DAY, consent=True, expected_version=9, actor=None
        ),
        "changed by someone else",
    )


# Notices


def _notice(plan: ReturnPlan, sent_on: date = date(2025, 7, 1), summary: str = "Head of sector post open") -> Any:
    return notice_send(plan=plan, kind=NoticeKind.VACANCY, sent_on=sent_on, summary=summary, actor=None, today=TODAY)


def test_a_notice_is_acknowledged_by_her(plan: ReturnPlan, employee: Employee) -> None:
    notice = _notice(plan)
    assert employee.user is not None
    notice_acknowledge(notice=notice, actor=employee.user, today=TODAY)
    assert LeaveNotice.objects.get(pk=notice.pk).acknowledged_on == TODAY
    refused(lambda: notice_acknowledge(notice=notice, actor=employee.user, today=TODAY), "already been acknowledged")


@pytest.mark.parametrize("role", [Role.HR_OFFICER, Role.BODY_HEAD, Role.EMPLOYEE, Role.ADMINISTRATOR])
def test_nobody_else_acknowledges_for_her(plan: ReturnPlan, employee: Employee, role: Role) -> None:
    notice = _notice(plan)
    someone = make_user(role, employee.body if role != Role.ADMINISTRATOR else None)
    refused(lambda: notice_acknowledge(notice=notice, actor=someone, today=TODAY), "Only the employee herself")
    assert LeaveNotice.objects.get(pk=notice.pk).acknowledged_on is None


@pytest.mark.parametrize(
    ("sent_on", "summary", "message"),
    [
        (date(2025, 4, 1), "Restructure", "while she is on leave, from 1 May 2025 to 3 September 2025"),
        (date(2025, 7, 1), "   ", "This field is required"),
        (date(2026, 1, 5), "Pay review", "in the future"),
    ],
)
def test_notices_that_do_not_hold_are_refused(plan: ReturnPlan, sent_on: date, summary: str, message: str) -> None:
    refused(lambda: _notice(plan, sent_on, summary), message)


# Training


def test_training_is_planned_and_completed_once(plan: ReturnPlan) -> None:
    item = training_add(
        plan=plan,
        kind=TrainingKind.COURSE,
        title="New e-government procedures",
        planned_on=date(2025, 9, 10),
        actor=None,
    )
    refused(lambda: training_complete(item=item, completed_on=date(2026, 1, 5), actor=None, today=TODAY), "future")
    training_complete(item=item, completed_on=date(2025, 9, 12), actor=None, today=TODAY)
    assert TrainingItem.objects.get(pk=item.pk).completed_on == date(2025, 9, 12)
    refused(lambda: training_complete(item=item, completed_on=TODAY, actor=None, today=TODAY), "already recorded")


def test_training_needs_a_title(plan: ReturnPlan) -> None:
    refused(
        lambda: training_add(plan=plan, kind=TrainingKind.INTERNSHIP, title=" ", planned_on=TODAY, actor=None),
        "This field is required",
    )


# Nursery


def test_a_nursery_place_from_request_through_the_queue_to_placement(plan: ReturnPlan) -> None:
    request = nursery_request(plan=plan, requested_on=date(2025, 8, 1), queue_number="1520", actor=None, today=TODAY)
    nursery_queue_set(request=request, queue_number="312", actor=None)
    refused(
        lambda: nursery_place(request=request, placed_on=date(2025, 7, 1), kindergarten="Балапан", actor=None),
        "cannot start before it was requested",
    )
    refused(
        lambda: nursery_place(request=request, placed_on=date(2025, 9, 1), kindergarten=" ", actor=None), "required"
    )
    nursery_place(request=request, placed_on=date(2025, 9, 1), kindergarten="Балапан No. 12", actor=None)
    stored = NurseryRequest.objects.get(pk=request.pk)
    assert (stored.queue_number, stored.placed_on, stored.kindergarten) == ("312", date(2025, 9, 1), "Балапан No. 12")
    refused(lambda: nursery_queue_set(request=request, queue_number="1", actor=None), "already been recorded")
    refused(
        lambda: nursery_place(request=request, placed_on=date(2025, 9, 2), kindergarten="Other", actor=None),
        "already been recorded",
    )


# Interview


def test_the_interview_record_is_written_shared_and_then_fixed(plan: ReturnPlan) -> None:
    interview = interview_record(plan=plan, held_on=date(2025, 9, 5), record="Wants training.", actor=None, today=TODAY)
    interview = interview_record(
        plan=plan, held_on=date(2025, 9, 5), record="Wants Excel training.", actor=None, today=TODAY
    )
    assert interview.record == "Wants Excel training."
    interview_share(interview=interview, actor=None, today=TODAY)
    refused(lambda: interview_share(interview=interview, actor=None, today=TODAY), "already been shared")
    refused(
        lambda: interview_record(plan=plan, held_on=date(2025, 9, 5), record="Changed", actor=None, today=TODAY),
        "was shared with her on 1 December 2025",
    )


@pytest.mark.parametrize(
    ("held_on", "record", "message"),
    [(date(2025, 9, 5), "  ", "This field is required"), (date(2026, 1, 5), "Record", "in the future")],
)
def test_an_interview_record_that_does_not_hold_is_refused(
    plan: ReturnPlan, held_on: date, record: str, message: str
) -> None:
    refused(lambda: interview_record(plan=plan, held_on=held_on, record=record, actor=None, today=TODAY), message)
