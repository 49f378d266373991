"""One leave episode end to end in a real browser, as an HR officer works it.

Sign in, record the leave, add annual leave to the chain, start the return plan, record the
return, run the checks at return and see their results. Screenshots of each step are artifacts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kopir.accounts.models import Role
from kopir.cases.models import PayRecord
from tests.accounts.signing_in import code_for, confirmed_device_for
from tests.cases.builders import make_body, make_employee, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "x" * 12


@pytest.fixture
def office() -> dict[str, Any]:
    body = make_body("MLSP")
    officer = make_user(Role.HR_OFFICER, body, username="hr-officer")
    employee = make_employee(body, surname="Ахметова")
    PayRecord.objects.create(employee=employee, effective_from=date(2024, 1, 1), monthly_salary=Decimal("400000"))
    return {"officer": officer, "employee": employee, "phone": confirmed_device_for(officer)}


def _submit(page: Page, action_suffix: str, fields: dict[str, str]) -> None:
    form = page.locator(f'form[action$="{action_suffix}"]').first
    for name, value in fields.items():
        field = form.locator(f'[name$="{name}"]').first  # the plan page prefixes its forms' fields
        if field.get_attribute("type") == "radio":
            form.locator(f'input[name$="{name}"][value="{value}"]').check()
        else:
            field.fill(value)
    form.locator('button[type="submit"]').click()


def test_an_episode_from_the_leave_to_the_checks(
    page: Page, office: dict[str, Any], screenshot: Callable[[str, str], Path]
) -> None:
    page.goto("/en/accounts/login/")
    page.fill("#id_username", "hr-officer")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Enter your code")  # an HR officer's second factor
    page.fill("#id_otp_token", code_for(office["phone"]))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text("The HR office")  # her home page

    page.goto(f"/en/hr/employees/{office['employee'].pk}/")
    page.locator("summary", has_text="Open a leave episode").click()
    _submit(page, "/episodes/", {"kind": "birth", "leave_start": "2025-05-01", "birth_date": "2025-07-08"})
    expect(page.locator('[data-testid="segments"]')).to_contain_text("Maternity leave")
    screenshot("en", "1-leave-recorded")

    _submit(page, "/segments/", {"kind": "annual", "planned_start": "2025-09-04", "planned_end": "2025-09-30"})
    expect(page.locator('[data-testid="segments"]')).to_contain_text("Annual paid leave")
    screenshot("en", "2-annual-leave-added")

    page.locator("a", has_text="The return plan").click()
    _submit(page, "/plan/", {"planned_return_date": "2025-10-01"})
    expect(page.locator("main")).to_contain_text("1 October 2025")
    screenshot("en", "3-return-planned")

    page.go_back()
    page.go_back()
    page.reload()
    _submit(page, "/return/", {"first_working_day": "2025-10-01", "mode": "same_post", "monthly_salary": "420000"})
    expect(page.locator("h1")).to_contain_text("Returned to work")
    screenshot("en", "4-returned")

    page.locator("a", has_text="The return plan").click()
    page.locator('form[action$="/checks/"] button[type=submit]').click()
    expect(page.locator('[data-testid="check-same_post"]')).to_contain_text("passed")
    expect(page.locator('[data-testid="check-pay_catch_up"]')).to_be_visible()
    screenshot("en", "5-checks")
