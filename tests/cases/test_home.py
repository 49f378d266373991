"""The home page after sign-in: each role lands on its own page and sees only what it may."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.utils import timezone, translation

from kopir.accounts.models import AccessAction, AccessLog
from kopir.calculator import journey
from kopir.cases.models import PayRecord, Reminder, ReminderKind
from kopir.returns.models import ArrangementKind, ArrangementRequest, CheckKind, ReturnCheck, ReturnPlan
from tests.accounts.signing_in import sign_in

pytestmark = pytest.mark.django_db

HEADINGS = {
    "hr_officer": "The HR office",
    "body_head": "Waiting for your approval",
    "analyst": "Statistics and costing",
    "employee": "My leave",
    "administrator": "Administration",
}


def _as(client: Client, world: dict[str, Any], role: str) -> Client:
    sign_in(client, world["users"][role])
    return client


def _remind(episode: Any, kind: str, due_on: date) -> Reminder:
    return Reminder.objects.create(episode=episode, kind=kind, due_on=due_on, raised_on=due_on)


def test_sign_in_lands_on_the_home_page() -> None:
    with translation.override("en"):
        assert resolve_url(settings.LOGIN_REDIRECT_URL) == "/en/home/"


@pytest.mark.parametrize("role", list(HEADINGS))
def test_each_role_lands_on_its_own_page(client: Client, world: dict, role: str) -> None:
    response = _as(client, world, role).get("/en/home/")
    assert response.status_code == 200
    assert f"<h1>{HEADINGS[role]}</h1>" in response.content.decode()


def test_the_hr_office_sees_its_own_body_only(client: Client, world: dict) -> None:
    today = timezone.localdate()
    _remind(world["episodes"]["colleague"], ReminderKind.RETURN_OVERDUE, today)
    _remind(world["episodes"]["stranger"], ReminderKind.RETURN_OVERDUE, today)
    _remind(world["episodes"]["mine"], ReminderKind.INTERVIEW_NOT_HELD, today)
    page = _as(client, world, "hr_officer").get("/en/home/").content.decode()
    returns_due = page.split('data-testid="returns-due"')[1].split("</ul>")[0]
    assert "Бекова" in returns_due
    assert "Серикова" not in page
    assert 'data-testid="figure-employees">2<' in page
    assert 'data-testid="figure-returns-due">1<' in page
    assert "return interview" in page.split('data-testid="reminders"')[1]
    hr = world["users"]["hr_officer"]
    assert AccessLog.objects.filter(actor=hr, action=AccessAction.READ, detail="home page of the HR office").exists()


def test_the_head_sees_checks_and_requests_waiting_for_him(client: Client, world: dict) -> None:
    today = timezone.localdate()
    hr = world["users"]["hr_officer"]
    colleague = world["episodes"]["colleague"]
    ReturnCheck.objects.create(
        episode=colleague, kind=CheckKind.SAME_POST, passed=False, computed_on=today, justification="reorganised",
        justified_by=hr, justified_on=today,
    )  # fmt: skip
    ReturnCheck.objects.create(episode=colleague, kind=CheckKind.PAY_CATCH_UP, passed=False, computed_on=today)
    plan = ReturnPlan.objects.create(episode=world["episodes"]["mine"], planned_return_date=today)
    near, far = today + timedelta(days=1), today + timedelta(days=60)
    for deadline in (near, far):
        ArrangementRequest.objects.create(
            plan=plan, kind=ArrangementKind.choices[0][0], starts_on=today, ends_on=far, requested_on=today,
            deadline=deadline,
        )  # fmt: skip
    page = _as(client, world, "body_head").get("/en/home/").content.decode()
    checks = page.split('data-testid="checks-to-approve"')[1].split("</ul>")[0]
    assert checks.count("<li>") == 1  # the unjustified one is still HR's to justify
    assert "Бекова" in checks
    near_deadline = page.split('data-testid="requests-near-deadline"')[1].split("</ul>")[0]
    assert near_deadline.count("<li>") == 1
    plan_page = checks.split('href="')[1].split('"')[0]
    assert client.get(plan_page).status_code == 200  # the head can open what waits for him


def test_the_analyst_gets_no_403_and_no_personal_data(client: Client, world: dict) -> None:
    page = _as(client, world, "analyst").get("/en/home/").content.decode()
    assert "/en/analysis/indicators/" in page
    assert "/en/policy/" in page
    assert "Бекова" not in page


def test_the_employee_sees_her_dates_payments_and_requests(client: Client, world: dict) -> None:
    mine = world["employees"]["mine"]
    PayRecord.objects.create(employee=mine, effective_from=date(2024, 1, 1), monthly_salary=Decimal(400000))
    page = _as(client, world, "employee").get("/en/home/").content.decode()
    assert 'data-testid="due-back"' in page
    assert 'data-testid="total-net"' in page
    assert "Серикова" not in page
    assert "Бекова" not in page
    episode = world["episodes"]["mine"]
    assert AccessLog.objects.filter(
        action=AccessAction.READ, record_id=str(episode.pk), subject_id=mine.pk, actor=world["users"]["employee"]
    ).exists()


def test_her_calculator_is_filled_from_her_record(client: Client, world: dict) -> None:
    mine = world["employees"]["mine"]
    PayRecord.objects.create(employee=mine, effective_from=date(2024, 1, 1), monthly_salary=Decimal(400000))
    client = _as(client, world, "employee")
    response = client.post("/en/home/calculator/")
    assert response.status_code == 302
    assert response["Location"] == "/en/calculator/check/"
    answers = client.session[journey.SESSION_KEY]
    assert answers["leave_start"] == "2025-05-01"
    assert answers["birth_date"] == "2025-07-08"
    assert answers["gross_salary"] == "400000.00"
    assert journey.first_unanswered(answers) is None
    assert client.get("/en/calculator/result/").status_code == 200


def test_a_refused_role_is_logged(client: Client, world: dict) -> None:
    analyst = world["users"]["analyst"]
    response = _as(client, world, "analyst").post("/en/home/calculator/")
    assert response.status_code == 403
    assert AccessLog.objects.filter(actor=analyst, action=AccessAction.REFUSED).exists()


@pytest.mark.parametrize(
    ("status", "expected"),
    [("", {"mine", "colleague"}), ("on_leave", {"mine", "colleague"}), ("return_due", {"colleague"}),
     ("decision_overdue", {"mine"}), ("nonsense", {"mine", "colleague"})],
)  # fmt: skip
def test_the_employee_list_filters_by_status(client: Client, world: dict, status: str, expected: set[str]) -> None:
    today = timezone.localdate()
    _remind(world["episodes"]["colleague"], ReminderKind.LEAVE_ENDS_SOON, today)
    _remind(world["episodes"]["mine"], ReminderKind.DECISION_DUE, today - timedelta(days=1))
    _remind(world["episodes"]["stranger"], ReminderKind.DECISION_DUE, today - timedelta(days=1))
    response = _as(client, world, "hr_officer").get("/en/hr/", {"status": status})
    assert response.status_code == 200
    shown = {employee.pk for employee in response.context["page"]}
    assert shown == {world["employees"][name].pk for name in expected}
