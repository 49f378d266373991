"""The calculator in a real browser, in Kazakh, Russian and English: the answer, the errors, the switcher, the .ics.

Asserts amounts, data-testid, ids and ``lang`` attributes, not translated prose (the texts change with the
translations). Each step leaves a full-page screenshot in artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import EXAMPLE, LANGUAGES, fill_form, spaces

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[str, str], Path]

# The example's answer: the total, the maternity payment (net, once) and the GFSS childcare payment (net, monthly)
EXPECTED = {
    "kk": ("3 227 416 ₸", "1 134 000 ₸", "108 000 ₸"),
    "ru": ("3 227 416 ₸", "1 134 000 ₸", "108 000 ₸"),
    "en": ("3,227,416 ₸", "1,134,000 ₸", "108,000 ₸"),
}
BAD_ANSWERS = EXAMPLE | {
    "children": "0",
    "income_form": "gross_salary",  # chosen, and left empty
    "gross_salary": "",
    "average_so_base": "",
    "monthly": "2025-13 1000",
}
BAD_FIELDS = ["children", "gross_salary", "monthly"]


def _open(page: Page, lang: str) -> None:
    page.goto(f"/{lang}/")
    expect(page.locator("html")).to_have_attribute("lang", lang)


def _submit(page: Page) -> None:
    page.locator("main form button[type=submit]").click()


def _answer_the_example(page: Page, lang: str) -> None:
    _open(page, lang)
    fill_form(page, EXAMPLE)
    _submit(page)
    page.get_by_test_id("total-net").wait_for()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_example_gives_its_amounts(page: Page, screenshot: Screenshot, lang: str) -> None:
    _open(page, lang)
    screenshot(lang, "1-form")
    fill_form(page, EXAMPLE)
    screenshot(lang, "2-filled")
    _submit(page)
    total = page.get_by_test_id("total-net")
    total.wait_for()
    screenshot(lang, "3-result")

    expect(page.locator("html")).to_have_attribute("lang", lang)
    maternity = page.get_by_test_id("payment-maternity").get_by_test_id("amount")
    childcare = page.get_by_test_id("payment-childcare_gfss").get_by_test_id("amount")
    shown = tuple(spaces(element.text_content() or "") for element in (total, maternity, childcare))
    assert shown == EXPECTED[lang]
    expect(page.get_by_test_id("timeline").locator("tbody tr").first).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bad_answers_are_marked_and_linked(page: Page, screenshot: Screenshot, lang: str) -> None:
    _open(page, lang)
    fill_form(page, BAD_ANSWERS)
    _submit(page)
    summary = page.locator(".error-summary")
    summary.wait_for()
    screenshot(lang, "1-errors")

    expect(page.locator("html")).to_have_attribute("lang", lang)
    links = summary.locator("a")
    assert sorted(link.get_attribute("href") or "" for link in links.all()) == sorted(f"#id_{f}" for f in BAD_FIELDS)
    for field in BAD_FIELDS:
        expect(page.locator(f"#id_{field}-error")).to_be_visible()
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_monthly")).to_have_value("2025-13 1000")  # nothing she typed is lost

    # The summary's links are reached with the keyboard and take her to the field.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.error-summary') !== null"):
            break
    else:
        pytest.fail("Tab never reaches the error summary's links")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first == f"#id_{BAD_FIELDS[0]}"
    page.keyboard.press("Enter")
    expect(page.locator(first)).to_be_focused()
    screenshot(lang, "2-first-error-followed")

    for field in BAD_FIELDS[1:]:
        summary.locator(f'a[href="#id_{field}"]').click()
        expect(page.locator(f"#id_{field}")).to_be_focused()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_switcher_changes_the_language(page: Page, screenshot: Screenshot, lang: str) -> None:
    other = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
    _open(page, lang)
    expect(page.locator("#language")).to_have_value(lang)
    screenshot(lang, "1-before")

    page.locator("#language").select_option(other)
    page.locator(".language-switcher button").click()
    page.wait_for_url(f"**/{other}/")
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("#language")).to_have_value(other)
    screenshot(lang, f"2-switched-to-{other}")

    page.goto("/")  # the choice is remembered
    expect(page.locator("html")).to_have_attribute("lang", other)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dates_download_as_a_calendar(page: Page, screenshot: Screenshot, lang: str) -> None:
    _answer_the_example(page, lang)
    screenshot(lang, "1-result")

    with page.expect_download() as download_info:
        page.locator('form[action$="timeline.ics"] button[type=submit]').click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".ics")
    calendar = Path(download.path()).read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in calendar
    assert "DTSTART;VALUE=DATE:20250501" in calendar  # the leave starts on the day she gave
    expect(page.get_by_test_id("total-net")).to_be_visible()  # the download leaves the page where it was
