"""The law's changes page in a browser: reached from the result page, readable, accessible, in each language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import EXAMPLE, LANGUAGES, fill_form, spaces

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[str, str], Path]
HEADINGS = {"kk": "Заңнамадағы өзгерістер", "ru": "Изменения законодательства", "en": "The law's changes"}
MRP_2026 = {"kk": "4 325", "ru": "4 325", "en": "4,325"}
BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_result_page_leads_to_the_changes_of_the_law(
    page: Page, screenshot: Screenshot, axe_source: str, lang: str
) -> None:
    page.goto(f"/{lang}/")
    fill_form(page, EXAMPLE)
    page.locator("main form button[type=submit]").click()
    page.get_by_test_id("law-changes-link").click()
    page.wait_for_url(f"**/{lang}/law/")
    assert page.locator("h1").inner_text() == HEADINGS[lang]
    mrp = page.locator('[data-parameter="general.mrp"]').first
    assert MRP_2026[lang] in spaces(mrp.inner_text())
    assert mrp.get_by_test_id("law-act").get_attribute("href") == "https://adilet.zan.kz/rus/docs/Z2500000239"
    assert page.get_by_test_id("law-change-day").count() >= 6
    screenshot(lang, "1-changes")

    page.evaluate(axe_source)
    report: dict[str, Any] = page.evaluate("() => axe.run(document)")
    blocking = [v["id"] for v in report["violations"] if v["impact"] in BLOCKING]
    assert not blocking, blocking
