"""The two checks at the return on hand-built pay histories, and the second approval of a failed one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kopir.accounts.models import AccessLog, Role, User
from kopir.cases.models import Employee, LeaveEpisode, ReturnMode
from kopir.cases.services.outcomes import return_record
from kopir.organisation.models import Corps, ManagerialLevel, Position, StateBody
from kopir.returns.models import CheckKind, ReturnCheck
from kopir.returns.services.checks import check_approve, check_justify, return_checks_run
from tests.cases.builders import make_body, make_employee, make_position, make_user
from tests.returns.builders import appoint, open_episode, pay, refused

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)
RETURN_DAY = date(2026, 3, 2)
BEFORE = date(2020, 1, 1)
DURING = date(2025, 10, 1)


@pytest.fixture
def body() -> StateBody:
    return make_body()


@pytest.fixture
def her(body: StateBody) -> Employee:
    employee = make_employee(body)
    appoint(employee, date(2018, 9, 1))
    pay(employee, (BEFORE, 300_000))
    return employee


@pytest.fixture
def episode(her: Employee) -> LeaveEpisode:
    return open_episode(her)


def _colleague(body: StateBody, *history: tuple[date, int]) -> Employee:
    colleague = make_employee(body, surname="Коллегова")  # a B-5 specialist, as she is
    pay(colleague, *history)
    return colleague


def _back(episode: LeaveEpisode, salary: int, position: Position | None = None) -> None:
    episode.refresh_from_db()
    return_record(
        episode=episode,
        first_working_day=RETURN_DAY,
        mode=ReturnMode.SAME_POST,
        position=position or episode.employee.position,
        monthly_salary=Decimal(salary),
        expected_version=episode.version,
        actor=None,
        today=TODAY,
    )


def _run(episode: LeaveEpisode) -> dict[str, ReturnCheck]:
    return {check.kind: check for check in return_checks_run(episode=episode, actor=None, today=TODAY)}


def _position(body: StateBody, **changes: Any) -> Position:
    attributes = {"corps": Corps.B, "category": "B-5", "managerial_level": ManagerialLevel.SPECIALIST} | changes
    return Position.objects.create(body=body, name_kk="Лауазым", name_ru="Должность", name_en="Post", **attributes)


def test_the_checks_need_a_recorded_return(episode: LeaveEpisode) -> None:
    refused(lambda: return_checks_run(episode=episode, actor=None, today=TODAY), "Record the return to work first")


def test_raises_during_the_leave_must_be_caught_up(body: StateBody, episode: LeaveEpisode) -> None:
    _colleague(body, (BEFORE, 300_000), (DURING, 330_000))  # +10%
    _colleague(body, (BEFORE, 300_000))  # no raise: the mean is 5%
    _back(episode, 310_000)
    checks = _run(episode)
    catch_up = checks[CheckKind.PAY_CATCH_UP]
    assert not catch_up.passed
    assert catch_up.detail == {
        "outcome": "behind",
        "category": "B-5",
        "leave_start": "2025-05-01",
        "return_day": "2026-03-02",
        "comparators": 2,
        "raised": 1,
        "mean_raise": "0.050000",
        "pre_leave_salary": "300000.00",
        "required_salary": "315000.00",
        "return_salary": "310000.00",
    }
    assert checks[CheckKind.SAME_POST].passed  # same post, more pay than before: the post is fine
    assert AccessLog.objects.filter(record_type="returns.returncheck").count() == 2


def test_pay_at_the_catch_up_level_passes(body: StateBody, episode: LeaveEpisode) -> None:
    _colleague(body, (BEFORE, 300_000), (DURING, 330_000))
    _colleague(body, (BEFORE, 300_000))
    _back(episode, 315_000)
    check = _run(episode)[CheckKind.PAY_CATCH_UP]
    assert (check.passed, check.detail["outcome"]) == (True, "caught_up")


def test_the_required_salary_is_rounded_up_to_the_tiyn(body: StateBody, episode: LeaveEpisode) -> None:
    _colleague(body, (BEFORE, 300_000), (DURING, 310_000))  # +1/30
    _colleague(body, (BEFORE, 300_000))
    _colleague(body, (BEFORE, 300_000))  # mean 1/90: 300,000 x 91/90 = 303,333.33...
    _back(episode, 303_333)
    check = _run(episode)[CheckKind.PAY_CATCH_UP]
    assert check.detail["required_salary"] == "303333.34"
    assert not check.passed


def test_without_raises_the_catch_up_passes_trivially(body: StateBody, episode: LeaveEpisode) -> None:
    _colleague(body, (BEFORE, 300_000))
    _colleague(body, (BEFORE, 290_000), (date(2025, 1, 1), 300_000), (date(2026, 6, 1), 350_000))  # before and after
    _back(episode, 280_000)
    checks = _run(episode)
    catch_up = checks[CheckKind.PAY_CATCH_UP]
    assert (catch_up.passed, catch_up.detail["outcome"], catch_up.detail["raised"]) == (True, "no_raises", 0)
    same_post = checks[CheckKind.SAME_POST]
    assert (same_post.passed, same_post.detail["outcome"]) == (False, "lower_pay")  # the pay fell: that is flagged here


def test_only_her_body_and_category_are_compared(body: StateBody, episode: LeaveEpisode) -> None:
    other_category = make_employee(body, surname="Другая")
    other_category.position = _position(body, category="B-4")
    other_category.save()
    pay(other_category, (BEFORE, 400_000), (DURING, 500_000))
    pay(make_employee(make_body("ELSE")), (BEFORE, 300_000), (DURING, 400_000))
    _back(episode, 300_000)
    check = _run(episode)[CheckKind.PAY_CATCH_UP]
    assert (check.passed, check.detail["outcome"], check.detail["comparators"]) == (True, "no_raises", 0)


def test_a_colleague_hired_during_the_leave_is_not_compared(body: StateBody, episode: LeaveEpisode) -> None:
    _colleague(body, (date(2025, 6, 1), 250_000), (DURING, 300_000))
    _back(episode, 300_000)
    assert _run(episode)[CheckKind.PAY_CATCH_UP].detail["comparators"] == 0


def test_raises_but_no_pay_on_record_before_the_leave_fails(body: StateBody) -> None:
    newcomer = make_employee(body, surname="Новая")
    episode = open_episode(newcomer)
    _colleague(body, (BEFORE, 300_000), (DURING, 330_000))
    _back(episode, 400_000)
    checks = _run(episode)
    assert checks[CheckKind.PAY_CATCH_UP].detail["outcome"] == "no_pre_leave_pay"
    assert checks[CheckKind.SAME_POST].detail["outcome"] == "no_pre_leave_pay"
    assert not any(check.passed for check in checks.values())


def test_an_equivalent_post_is_accepted(body: StateBody, episode: LeaveEpisode) -> None:
    _back(episode, 300_000, _position(body))
    check = _run(episode)[CheckKind.SAME_POST]
    assert (check.passed, check.detail["post"], check.detail["outcome"]) == (True, "equivalent", "equivalent_post")


@pytest.mark.parametrize(
    "changes",
    [{"category": "B-6"}, {"managerial_level": ManagerialLevel.HEAD_OF_SECTOR}, {"corps": Corps.A}],
)
def test_a_different_post_is_refused(body: StateBody, episode: LeaveEpisode, changes: dict[str, Any]) -> None:
    _back(episode, 350_000, _position(body, **changes))
    check = _run(episode)[CheckKind.SAME_POST]
    assert (check.passed, check.detail["outcome"]) == (False, "different_post")
    assert (
        check.detail["return_position"] | {"id": 0}
        == {
            "id": 0,
            "corps": Corps.B,
            "category": "B-5",
            "managerial_level": ManagerialLevel.SPECIALIST,
        }
        | changes
    )


def test_the_pre_leave_post_is_her_last_appointment_before_the_leave(
    body: StateBody, her: Employee, episode: LeaveEpisode
) -> None:
    promoted = _position(body, category="B-4", managerial_level=ManagerialLevel.HEAD_OF_SECTOR)
    appoint(her, date(2024, 1, 1), promoted, kind="promotion")
    appoint(her, date(2025, 6, 1), _position(body, category="B-6"), kind="transfer")  # during the leave: not counted
    _back(episode, 320_000, promoted)
    check = _run(episode)[CheckKind.SAME_POST]
    assert (check.passed, check.detail["post"], check.detail["position_source"]) == (True, "same", "appointment")


def test_without_appointments_the_post_on_her_record_is_used(body: StateBody) -> None:
    employee = make_employee(body, surname="Безназначения")
    pay(employee, (BEFORE, 300_000))
    episode = open_episode(employee)
    _back(episode, 300_000)
    check = _run(episode)[CheckKind.SAME_POST]
    assert (check.passed, check.detail["position_source"]) == (True, "employee")


# The sign-off of a failed check


@pytest.fixture
def failed(body: StateBody, episode: LeaveEpisode) -> ReturnCheck:
    _back(episode, 280_000, make_position(body, level=ManagerialLevel.HEAD_OF_SECTOR))
    return _run(episode)[CheckKind.SAME_POST]


@pytest.fixture
def officer(body: StateBody) -> User:
    return make_user(Role.HR_OFFICER, body)


@pytest.fixture
def head(body: StateBody) -> User:
    return make_user(Role.BODY_HEAD, body)


def _justify(check: ReturnCheck, actor: User, text: str = "She asked for this post in writing.") -> ReturnCheck:
    return check_justify(check=check, justification=text, actor=actor, today=TODAY)


def test_a_failed_check_is_justified_then_approved_by_the_head(failed: ReturnCheck, officer: User, head: User) -> None:
    assert not failed.settled
    _justify(failed, officer)
    approved = check_approve(check=failed, approver=head, today=TODAY)
    stored = ReturnCheck.objects.get(pk=failed.pk)
    assert (stored.justified_by, stored.approved_by, stored.approved_on) == (officer, head, TODAY)
    assert approved.settled
    refused(lambda: check_approve(check=stored, approver=head, today=TODAY), "already been approved")
    refused(lambda: _justify(stored, officer, "Another text"), "already been approved")


def test_approval_needs_a_justification_first(failed: ReturnCheck, head: User) -> None:
    refused(lambda: check_approve(check=failed, approver=head, today=TODAY), "has no justification yet")


def test_the_second_approval_comes_from_someone_else(failed: ReturnCheck, officer: User) -> None:
    _justify(failed, officer)
    officer.role = Role.BODY_HEAD  # the same person, now a head, cannot approve her own justification
    officer.save()
    refused(lambda: check_approve(check=failed, approver=officer, today=TODAY), "someone other than the person")


@pytest.mark.parametrize("role", [Role.HR_OFFICER, Role.EMPLOYEE, Role.ANALYST, Role.ADMINISTRATOR])
def test_only_a_head_approves(failed: ReturnCheck, officer: User, body: StateBody, role: Role) -> None:
    _justify(failed, officer)
    other = make_user(role, body if role in (Role.HR_OFFICER, Role.EMPLOYEE) else None)
    refused(lambda: check_approve(check=failed, approver=other, today=TODAY), "Only the head of her state body")


def test_the_head_of_another_body_does_not_approve(failed: ReturnCheck, officer: User) -> None:
    _justify(failed, officer)
    stranger = make_user(Role.BODY_HEAD, make_body("ELSE"))
    refused(lambda: check_approve(check=failed, approver=stranger, today=TODAY), "Only the head of her state body")


@pytest.mark.parametrize("role", [Role.BODY_HEAD, Role.ADMINISTRATOR, Role.EMPLOYEE])
def test_only_an_hr_officer_of_her_body_justifies(failed: ReturnCheck, body: StateBody, role: Role) -> None:
    someone = make_user(role, body if role != Role.ADMINISTRATOR else None)
    refused(lambda: _justify(failed, someone), "justified by an HR officer of her state body")
    refused(lambda: _justify(failed, make_user(Role.HR_OFFICER, make_body("ELSE"))), "HR officer of her state body")


def test_a_justification_is_not_empty(failed: ReturnCheck, officer: User) -> None:
    refused(lambda: _justify(failed, officer, "   "), "Write why")


def test_a_passed_check_needs_no_sign_off(episode: LeaveEpisode, officer: User, head: User) -> None:
    _back(episode, 300_000)
    passed = _run(episode)[CheckKind.SAME_POST]
    assert passed.settled
    refused(lambda: _justify(passed, officer), "needs no justification")
    refused(lambda: check_approve(check=passed, approver=head, today=TODAY), "needs no justification")


def test_running_again_keeps_the_sign_off_unless_the_result_changes(
    failed: ReturnCheck, officer: User, head: User
) -> None:
    _justify(failed, officer)
    check_approve(check=failed, approver=head, today=TODAY)
    episode = failed.episode
    again = _run(episode)[CheckKind.SAME_POST]
    assert (again.pk, again.approved_by) == (failed.pk, head)
    back = episode.return_to_work
    back.monthly_salary = Decimal(290_000)
    back.save()
    changed = _run(episode)[CheckKind.SAME_POST]
    assert (changed.passed, changed.justification, changed.approved_by) == (False, "", None)
    assert ReturnCheck.objects.filter(episode=episode).count() == 2
