"""The home pages in a real browser, in Kazakh, Russian and English: HR from her home page to a recorded
return; the employee from her home page to her leave and her return plan; the analyst from her home page
to the statistics and the costing page.

Each step asserts the page's own words in the language asked for, read from the message catalogues
(`words`), so an untranslated heading or button fails in kk and ru; axe-core finds nothing serious on
any page; screenshots are artifacts.
"""

from __future__ import annotations

import re
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
from kopir.returns.services.plan import return_plan_create
from kopir.rules import formats
from tests.accounts.signing_in import code_for, confirmed_device_for
from tests.browser.conftest import LANGUAGES, serious_violations, spaces, words
from tests.cases.builders import make_body, make_employee, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "x" * 12
PLANNED_RETURN = date(2026, 7, 1)


@pytest.fixture
def office() -> dict[str, Any]:
    body = make_body("MLSP")
    officer = make_user(Role.HR_OFFICER, body, username="hr-officer")
    her = make_user(Role.EMPLOYEE, body, username="aigerim")
    make_user(Role.ANALYST, username="analyst")
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
    return_plan_create(episode=episode, planned_return_date=PLANNED_RETURN, actor=officer)
    today = timezone.localdate()
    Reminder.objects.create(episode=episode, kind=ReminderKind.RETURN_OVERDUE, due_on=today, raised_on=today)
    return {"officer": officer, "phone": confirmed_device_for(officer), "episode": episode}


def _sign_in(page: Page, lang: str, username: str) -> None:
    page.goto(f"/{lang}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()


def _page_in(page: Page, lang: str, heading: str, axe_source: str, name: str) -> None:
    """The page is in `lang`, its heading is the catalogue's `heading`, and axe finds nothing serious."""
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_text(words(lang, heading))
    assert serious_violations(page, axe_source, f"{name}-{lang}") == []


def _signs_in_at_home(page: Page, lang: str, username: str, heading: str, axe_source: str) -> None:
    """A role without a second factor signs in and lands on her home page, headed `heading`."""
    _sign_in(page, lang, username)
    _page_in(page, lang, heading, axe_source, f"home-{username}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hr_walks_from_her_home_to_a_return(
    page: Page, office: dict[str, Any], axe_source: str, lang: str, screenshot: Callable[[str, str], Path]
) -> None:
    _sign_in(page, lang, "hr-officer")
    expect(page.locator("h1")).to_have_text(words(lang, "Enter your code"))  # her second factor
    page.fill("#id_otp_token", code_for(office["phone"]))
    page.locator("main form button[type=submit]").first.click()
    _page_in(page, lang, "The HR office", axe_source, "home-hr")
    expect(page.locator('[data-testid="figure-returns-due"]')).to_have_text("1")
    screenshot(lang, "1-hr-home")

    page.locator('[data-testid="returns-due"] a', has_text="Ахметова").click()
    form = page.locator('form[action$="/return/"]')
    expect(form).to_be_visible()  # her leave episode's page
    expect(form.locator('button[type="submit"]')).to_have_text(words(lang, "Record the return"))
    assert serious_violations(page, axe_source, f"hr-episode-{lang}") == []
    form.locator('[name="first_working_day"]').fill("2025-10-01")
    form.locator('input[name="mode"][value="same_post"]').check()
    form.locator('[name="monthly_salary"]').fill("420000")
    form.locator('button[type="submit"]').click()
    expect(page.locator("h1")).to_contain_text(words(lang, "Returned to work"))
    assert serious_violations(page, axe_source, f"hr-returned-{lang}") == []
    screenshot(lang, "2-returned")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_employee_walks_from_her_home_to_her_return_plan(
    page: Page, office: dict[str, Any], axe_source: str, lang: str, screenshot: Callable[[str, str], Path]
) -> None:
    _signs_in_at_home(page, lang, "aigerim", "My leave", axe_source)
    expect(page.locator('[data-testid="due-back"]')).to_be_visible()
    expect(page.locator('[data-testid="total-net"]')).to_be_visible()
    expect(page.locator('[data-testid="my-payments"] h2')).to_have_text(words(lang, "My payments"))
    screenshot(lang, "3-employee-home")

    page.locator("nav.site-nav a", has_text=words(lang, "My leave")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/me/$"))
    _page_in(page, lang, "My leave", axe_source, "my-leave")
    screenshot(lang, "4-my-leave")

    page.locator("main a", has_text=words(lang, "My return plan")).first.click()
    _page_in(page, lang, "My return to work", axe_source, "my-return-plan")
    shown = spaces(page.locator('[data-testid="planned-return"]').inner_text())
    assert shown == spaces(formats.day(PLANNED_RETURN, lang))  # the date in her language's own form
    screenshot(lang, "5-my-return-plan")

    page.locator("nav.site-nav a", has_text=words(lang, "Home")).click()
    page.locator("button", has_text=words(lang, "Open the calculator with my record")).click()
    # her child's date of birth, from her record, as her language writes a date
    expect(page.locator("main")).to_contain_text(spaces(formats.day(date(2025, 7, 8), lang)))
    screenshot(lang, "6-her-calculator")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_analyst_walks_from_her_home_to_the_statistics_and_the_costing(
    page: Page, office: dict[str, Any], axe_source: str, lang: str, screenshot: Callable[[str, str], Path]
) -> None:
    _signs_in_at_home(page, lang, "analyst", "Statistics and costing", axe_source)
    links = page.locator('[data-testid="analyst-links"]')
    for name in ("Exact indicators", "Policy costing", "Statistics", "Statistics methodology"):
        expect(links.get_by_role("link", name=words(lang, name), exact=True)).to_be_visible()
    screenshot(lang, "7-analyst-home")

    links.get_by_role("link", name=words(lang, "Statistics"), exact=True).click()
    _page_in(page, lang, "Statistics: return to work after parental leave", axe_source, "analyst-statistics")
    expect(page.locator("main .notice")).to_have_text(words(lang, "No statistics have been published yet."))
    screenshot(lang, "8-statistics")

    page.go_back()
    links.get_by_role("link", name=words(lang, "Policy costing"), exact=True).click()
    _page_in(page, lang, "Policy costing", axe_source, "analyst-costing")
    expect(page.locator('form[data-testid="simulate"] button[type=submit]')).to_have_text(
        words(lang, "Run the simulation")
    )
    screenshot(lang, "9-costing")
