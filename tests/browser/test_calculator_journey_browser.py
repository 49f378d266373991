"""The calculator as a service in a real browser, in Kazakh, Russian and English, with axe-core on every page.

Start page → one question a page → check your answers → result → comparison → printable page, clicking
as she would (no JavaScript on the pages). Asserts amounts, ids and addresses, not translated prose. Each
page leaves a full-page screenshot in artifacts/screenshots/ and its axe report in artifacts/axe/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LANGUAGES, fill_form, serious_violations, spaces
from tests.calculator.journey_answers import BIRTH_STEPS as STEPS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[str, str], Path]

TOTAL = {"kk": "3 227 416 ₸", "ru": "3 227 416 ₸", "en": "3,227,416 ₸"}


def _no_serious_violations(page: Page, axe_source: str, name: str) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    found = serious_violations(page, axe_source, name)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_journey_from_the_start_page_to_the_printable_page(
    page: Page, axe_source: str, screenshot: Screenshot, lang: str
) -> None:
    addresses: list[str] = []
    page.on("request", lambda request: addresses.append(request.url))
    page.goto(f"/{lang}/calculator/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    screenshot(lang, "0-start")
    _no_serious_violations(page, axe_source, f"journey-start-{lang}")
    page.get_by_test_id("start").click()

    for number, (slug, answers) in enumerate(STEPS, start=1):
        page.wait_for_url(f"**/{lang}/calculator/question/{slug}/")
        expect(page.get_by_test_id(f"step-{slug}")).to_be_visible()
        fill_form(page, answers)
        if slug in {"employment", "birth-dates", "income-average"}:
            screenshot(lang, f"{number}-{slug}")
            _no_serious_violations(page, axe_source, f"journey-{slug}-{lang}")
        page.get_by_test_id("continue").click()

    page.wait_for_url(f"**/{lang}/calculator/check/")
    leaking = [address for address in addresses if "300000" in address or "2025" in address]
    assert leaking == []  # the answers travel in POST bodies and stay in the session, never in an address
    expect(page.get_by_test_id("answer-average_so_base")).to_contain_text("300")
    screenshot(lang, "11-check")
    _no_serious_violations(page, axe_source, f"journey-check-{lang}")
    page.get_by_test_id("calculate").click()

    page.wait_for_url(f"**/{lang}/calculator/result/")
    assert spaces(page.get_by_test_id("total-net").text_content() or "") == TOTAL[lang]
    expect(page.get_by_test_id("headline-maternity")).to_be_visible()
    expect(page.get_by_test_id("income-chart")).to_be_visible()
    expect(page.get_by_test_id("income-table").locator("tbody tr")).to_have_count(20)
    expect(page.get_by_test_id("deadlines").locator("tbody tr").first).to_be_visible()
    screenshot(lang, "12-result")
    _no_serious_violations(page, axe_source, f"journey-result-{lang}")

    page.get_by_test_id("compare-link").click()
    page.wait_for_url(f"**/{lang}/calculator/compare/")
    totals = page.get_by_test_id("compare-total").locator("td")
    expect(totals).to_have_count(5)
    assert spaces(totals.first.text_content() or "") == TOTAL[lang]
    assert spaces(totals.nth(1).text_content() or "") != TOTAL[lang]  # back at work when the child is 1
    screenshot(lang, "13-compare")
    _no_serious_violations(page, axe_source, f"journey-compare-{lang}")

    page.goto(f"/{lang}/calculator/result/")
    page.get_by_test_id("print-link").click()
    page.wait_for_url(f"**/{lang}/calculator/print/")
    assert spaces(page.get_by_test_id("total-net").text_content() or "") == TOTAL[lang]
    _no_serious_violations(page, axe_source, f"journey-print-{lang}")
    page.emulate_media(media="print")
    expect(page.locator(".site-header form")).to_be_hidden()  # the print stylesheet drops the forms
    expect(page.locator(".printable .back-link")).to_be_hidden()
    screenshot(lang, "14-print")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_wrong_date_is_marked_and_linked_to_the_day_box(
    page: Page, axe_source: str, screenshot: Screenshot, lang: str
) -> None:
    page.goto(f"/{lang}/calculator/")
    page.get_by_test_id("start").click()
    for slug, answers in STEPS[:3]:
        page.wait_for_url(f"**/question/{slug}/")
        fill_form(page, answers)
        page.get_by_test_id("continue").click()
    page.wait_for_url("**/question/birth-dates/")
    fill_form(page, {"leave_start_day": "31", "leave_start_month": "2", "leave_start_year": "2026"})
    page.get_by_test_id("continue").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    screenshot(lang, "1-date-error")
    expect(page.locator("#id_leave_start-error")).to_be_visible()
    expect(page.locator("#id_leave_start_month")).to_have_value("2")  # what she typed is kept
    _no_serious_violations(page, axe_source, f"journey-date-error-{lang}")
    summary.locator('a[href="#id_leave_start"]').click()
    expect(page.locator("#id_leave_start")).to_be_focused()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_example_starts_from_today(page: Page, screenshot: Screenshot, lang: str) -> None:
    page.goto(f"/{lang}/calculator/")
    page.get_by_test_id("example").click()
    page.wait_for_url(f"**/{lang}/calculator/check/")
    page.get_by_test_id("calculate").click()
    page.wait_for_url(f"**/{lang}/calculator/result/")
    expect(page.get_by_test_id("total-net")).to_be_visible()
    # Dated from today, so none of her dates to remember has passed yet.
    expect(page.get_by_test_id("deadlines").locator("tr.past")).to_have_count(0)
    screenshot(lang, "1-example-result")


NARROW = {"width": 360, "height": 740}
PAGES_TO_FIT = ["", "question/birth-dates/", "check/", "result/", "compare/", "print/"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_fits_a_narrow_phone(page: Page, screenshot: Screenshot, lang: str) -> None:
    page.set_viewport_size(NARROW)
    page.goto(f"/{lang}/calculator/")
    page.get_by_test_id("example").click()
    page.wait_for_url(f"**/{lang}/calculator/check/")
    for address in PAGES_TO_FIT:
        page.goto(f"/{lang}/calculator/{address}")
        width = page.evaluate("document.documentElement.scrollWidth")
        name = address.strip("/").replace("/", "-") or "start"
        screenshot(lang, f"360-{name}")
        assert width <= NARROW["width"], f"{address or 'start'} is {width} px wide at {NARROW['width']} px"
