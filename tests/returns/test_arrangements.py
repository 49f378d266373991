"""Requests for flexible, remote or part-time work: a deadline in working days, reasons for a refusal."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kopir.accounts.models import AccessLog, Role, User
from kopir.returns.models import ArrangementKind, ArrangementRequest, Decision, ReturnPlan
from kopir.returns.services.arrangements import (
    arrangement_decide,
    arrangement_request,
    decision_deadline,
    is_overdue,
)
from kopir.workdays import add_working_days
from tests.cases.builders import make_body, make_employee, make_user
from tests.returns.builders import make_plan, open_episode, refused

pytestmark = pytest.mark.django_db
TODAY = date(2026, 4, 30)


@pytest.fixture
def plan() -> ReturnPlan:
    return make_plan(open_episode(make_employee(make_body())))


@pytest.fixture
def officer() -> User:
    return make_user(Role.HR_OFFICER, make_body("HR"))


def _request(plan: ReturnPlan, requested_on: date = date(2026, 3, 20), **changes: Any) -> ArrangementRequest:
    arguments: dict[str, Any] = {
        "plan": plan,
        "kind": ArrangementKind.PART_TIME,
        "starts_on": date(2026, 4, 1),
        "ends_on": date(2026, 9, 30),
        "requested_on": requested_on,
        "details": "6 hours a day",
        "actor": None,
        "today": TODAY,
    }
    return arrangement_request(**(arguments | changes))


def test_the_deadline_counts_kazakhstan_working_days() -> None:
    # 21-25 March 2026 are Nauryz days off: the 10th working day after Friday 20 March is 8 April.
    assert decision_deadline(date(2026, 3, 20)) == date(2026, 4, 8)
    assert decision_deadline(date(2026, 3, 20)) == add_working_days(date(2026, 3, 20), 10)


def test_the_number_of_working_days_is_a_setting(settings: Any) -> None:
    settings.KOPIR_ARRANGEMENT_DECISION_WORKING_DAYS = 1
    assert decision_deadline(date(2026, 3, 20)) == date(2026, 3, 26)


def test_a_request_waits_with_its_deadline(plan: ReturnPlan) -> None:
    request = _request(plan)
    assert (request.decision, request.deadline) == (Decision.PENDING, date(2026, 4, 8))
    assert not is_overdue(request, date(2026, 4, 8))
    assert is_overdue(request, date(2026, 4, 9))
    assert AccessLog.objects.latest("id").record_type == "returns.arrangementrequest"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": date(2026, 3, 1)}, "cannot end before it starts"),
        ({"requested_on": date(2026, 5, 4)}, "in the future"),
    ],
)
def test_a_request_that_does_not_hold_is_refused(plan: ReturnPlan, changes: dict[str, Any], message: str) -> None:
    refused(lambda: _request(plan, **changes), message)


def test_granting_in_time(plan: ReturnPlan, officer: User) -> None:
    request = arrangement_decide(
        request=_request(plan), decision=Decision.GRANTED, decided_on=date(2026, 4, 8), actor=officer, today=TODAY
    )
    assert (request.decision, request.decided_by, request.decided_late) == (Decision.GRANTED, officer, False)


def test_a_late_decision_is_allowed_and_flagged(plan: ReturnPlan, officer: User) -> None:
    request = arrangement_decide(
        request=_request(plan),
        decision=Decision.REFUSED,
        decided_on=date(2026, 4, 9),
        reasons="The post needs presence on all five days during the audit.",
        actor=officer,
        today=TODAY,
    )
    assert (request.decision, request.decided_late) == (Decision.REFUSED, True)
    assert "after the deadline" in AccessLog.objects.latest("id").detail


@pytest.mark.parametrize(
    ("decision", "decided_on", "reasons", "message"),
    [
        (Decision.REFUSED, date(2026, 4, 1), "  ", "Give the reasons for the refusal"),
        (Decision.PENDING, date(2026, 4, 1), "", "Choose to grant or to refuse"),
        (Decision.GRANTED, date(2026, 3, 19), "", "cannot be decided before it was made"),
        (Decision.GRANTED, date(2026, 5, 4), "", "in the future"),
    ],
)
def test_a_decision_that_does_not_hold_is_refused(
    plan: ReturnPlan, officer: User, decision: Decision, decided_on: date, reasons: str, message: str
) -> None:
    request = _request(plan)
    refused(
        lambda: arrangement_decide(
            request=request, decision=decision, decided_on=decided_on, reasons=reasons, actor=officer, today=TODAY
        ),
        message,
    )
    assert ArrangementRequest.objects.get(pk=request.pk).decision == Decision.PENDING


def test_a_request_is_decided_once(plan: ReturnPlan, officer: User) -> None:
    request = _request(plan)
    stale = ArrangementRequest.objects.get(pk=request.pk)
    arrangement_decide(request=request, decision=Decision.GRANTED, decided_on=TODAY, actor=officer, today=TODAY)
    refused(
        lambda: arrangement_decide(
            request=stale, decision=Decision.REFUSED, decided_on=TODAY, reasons="No.", actor=officer, today=TODAY
        ),
        "already been decided",
    )
    assert ArrangementRequest.objects.get(pk=request.pk).decision == Decision.GRANTED
