"""The costing page in a real browser: an analyst signs in, runs a reform and reads it; axe finds no
serious or critical violation on the form or the result, in any language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kopir.accounts.models import Role
from tests.browser.conftest import LANGUAGES, serious_violations
from tests.cases.builders import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "x" * 12


def _sign_in(page: Page, lang: str) -> None:
    make_user(Role.ANALYST, username="analyst")
    page.goto(f"/{lang}/accounts/login/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_analyst_costs_a_reform_in_her_language(
    page: Page, axe_source: str, lang: str, screenshot: Callable[[str, str], Path]
) -> None:
    _sign_in(page, lang)
    page.goto(f"/{lang}/policy/")
    assert page.locator("html").get_attribute("lang") == lang
    assert serious_violations(page, axe_source, f"policy-form-{lang}") == []
    page.locator('input[name="reform"][value="childcare-2-years"]').check()
    page.select_option('select[name="size"]', "10000")
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-testid="costs"]')).to_be_visible()
    titles = {
        "kk": "Бала 2 жасқа толғанға дейін күтімі бойынша төлемдер",
        "ru": "Выплаты по уходу за ребёнком до достижения им 2 лет",
    }
    expect(page.locator("h1")).to_have_text(titles.get(lang, "Childcare payment until the age of 2"))
    assert not page.locator('[data-testid="total-change"]').inner_text().startswith(("0,00", "0.00"))
    screenshot(lang, "policy-result")
    assert serious_violations(page, axe_source, f"policy-result-{lang}") == []
