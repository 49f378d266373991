"""Two-step sign-in in a real browser, in each language: an HR officer enrols her app, then signs in with a code.

The enrolment and verify pages run no script and carry no inline style (the coming CSP has no
'unsafe-inline'); axe finds no serious or critical violation on them. Screenshots are artifacts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from kopir.accounts.models import Role
from tests.accounts.signing_in import code_for
from tests.browser.conftest import LANGUAGES, serious_violations
from tests.cases.builders import make_body, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "x" * 12
HR_HOME = {"kk": "Персоналды басқару қызметі", "ru": "Кадровая служба", "en": "The HR office"}
ENROL = {"kk": "Екі қадамды кіруді баптау", "ru": "Настройка двухэтапного входа", "en": "Set up two-step sign-in"}
VERIFY = {"kk": "Кодты енгізіңіз", "ru": "Введите код", "en": "Enter your code"}


def _password(page: Page, lang: str) -> None:
    page.goto(f"/{lang}/accounts/login/")
    page.fill("#id_username", "hr-officer")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_hr_officer_enrols_and_signs_in_with_a_code(
    page: Page, axe_source: str, lang: str, screenshot: Callable[[str, str], Path]
) -> None:
    officer = make_user(Role.HR_OFFICER, make_body("MLSP"), username="hr-officer")
    _password(page, lang)
    expect(page.locator("h1")).to_have_text(ENROL[lang])
    expect(page.locator("main figure svg")).to_be_visible()
    assert page.locator("script").count() == 0
    assert page.locator("[style], style").count() == 0
    screenshot(lang, "1-enrol")
    assert not serious_violations(page, axe_source, f"second-factor-enrol-{lang}")

    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    page.fill("#id_otp_token", code_for(device))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text(HR_HOME[lang])

    page.context.clear_cookies()  # a new day: signed out
    _password(page, lang)
    expect(page.locator("h1")).to_have_text(VERIFY[lang])
    screenshot(lang, "2-verify")
    assert not serious_violations(page, axe_source, f"second-factor-verify-{lang}")
    device.refresh_from_db()
    page.fill("#id_otp_token", code_for(device))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text(HR_HOME[lang])
