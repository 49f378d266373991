"""The home pages in a real browser: HR from her home page to a recorded return; the employee's home.

axe-core finds nothing serious on either home page; screenshots are artifacts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kopir.accounts.models import Role
from kopir.cases.models import EpisodeKind, PayRecord, Reminder, ReminderKind
from kopir.cases.services.leave import leave_episode_open
from tests.accounts.signing_in import code_for, confirmed_device_for
from tests.browser.conftest import serious_violations
from tests.cases.builders import make_body, make_employee, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "x" * 12


@pytest.fixture
def office() -> dict[str, Any]:
    body = make_body("MLSP")
    officer = make_user(Role.HR_OFFICER, body, username="hr-officer")
    her = make_user(Role.EMPLOYEE, body, username="aigerim")
    employee = make_employee(body, surname="Ахметова", user=her)
    PayRecord.objects.create(employee=employee, effective_from=date(2024, 1, 1), monthly_salary=Decimal("400000"))
    episode = leave_episode_open(
        employee=employee,
        kind=EpisodeKind.BIRTH,
        actor=None,
        today=date(2025, 5, 1),
        leave_start=date(2025, 5, 1),
        birth_date=date(2025, 7, 8),
    )
    today = timezone.localdate()
    Reminder.objects.create(episode=episode, kind=ReminderKind.RETURN_OVERDUE, due_on=today, raised_on=today)
    return {"officer": officer, "phone": confirmed_device_for(officer), "episode": episode}


def _sign_in(page: Page, username: str) -> None:
    page.goto("/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_hr_walks_from_her_home_to_a_return(
    page: Page, office: dict[str, Any], axe_source: str, screenshot: Callable[[str, str], Path]
) -> None:
    _sign_in(page, "hr-officer")
    page.fill("#id_otp_token", code_for(office["phone"]))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text("The HR office")
    expect(page.locator('[data-testid="figure-returns-due"]')).to_have_text("1")
    screenshot("en", "1-hr-home")
    assert not serious_violations(page, axe_source, "home-hr-en")

    page.locator('[data-testid="returns-due"] a', has_text="Ахметова").click()
    form = page.locator('form[action$="/return/"]')
    expect(form).to_be_visible()  # her leave episode's page
    form.locator('[name="first_working_day"]').fill("2025-10-01")
    form.locator('input[name="mode"][value="same_post"]').check()
    form.locator('[name="monthly_salary"]').fill("420000")
    form.locator('button[type="submit"]').click()
    expect(page.locator("h1")).to_contain_text("Returned to work")
    screenshot("en", "2-returned")


def test_the_employee_sees_her_leave_and_opens_her_calculator(
    page: Page, office: dict[str, Any], axe_source: str, screenshot: Callable[[str, str], Path]
) -> None:
    _sign_in(page, "aigerim")
    expect(page.locator("h1")).to_have_text("My leave")
    expect(page.locator('[data-testid="due-back"]')).to_be_visible()
    expect(page.locator('[data-testid="total-net"]')).to_be_visible()
    screenshot("en", "3-employee-home")
    assert not serious_violations(page, axe_source, "home-employee-en")

    page.locator("button", has_text="Open the calculator with my record").click()
    expect(page.locator("main")).to_contain_text("8 July 2025")  # her child's date of birth, from her record
    screenshot("en", "4-her-calculator")
