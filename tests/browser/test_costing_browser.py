"""The costing page as analysts read it, in a real browser and in kk, ru and en: each reform described on
the form, a result with its charts, tables and range, and two runs side by side. axe-core finds nothing
(of any impact) on any of them, and none scrolls sideways on a 360 px wide phone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kopir.accounts.models import User
from tests.browser.conftest import AXE_REPORTS, LANGUAGES, serious_violations
from tests.browser.test_policy_browser import _sign_in as sign_in_as_analyst
from tests.policy.documents import finished_run, reform_document, with_range

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def _sign_in(page: Page, lang: str) -> User:
    """The analyst of the costing page's other browser test, signed in the same way."""
    sign_in_as_analyst(page, lang)
    return User.objects.get(username="analyst")


def _axe_findings(page: Page, axe_source: str, name: str) -> list[str]:
    """Every violation axe-core reports, whatever its impact (the report is kept in artifacts/axe)."""
    serious_violations(page, axe_source, name)
    report = json.loads((AXE_REPORTS / f"{name}.json").read_text(encoding="utf-8"))
    return [f"{v['impact']} {v['id']}: {v['help']}" for v in report["violations"]]


def _fits_a_phone(page: Page, lang: str, step: str, screenshot: Callable[[str, str], Path]) -> None:
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(lang, f"{step}-360px")
    page.set_viewport_size({"width": 1024, "height": 800})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_form_describes_each_reform(
    page: Page, axe_source: str, lang: str, screenshot: Callable[[str, str], Path]
) -> None:
    _sign_in(page, lang)
    page.goto(f"/{lang}/policy/")
    hint = page.locator("#id_reform_0-hint")
    expect(hint).to_be_visible()
    assert page.locator("#id_reform_0").get_attribute("aria-describedby") == "id_reform_0-hint"
    facts = page.locator('[data-testid="reform-facts"]').first
    facts.locator("summary").click()
    expect(facts.locator('[data-testid="reform-changes"]')).to_be_visible()
    screenshot(lang, "costing-form")
    assert _axe_findings(page, axe_source, f"costing-form-{lang}") == []
    _fits_a_phone(page, lang, "costing-form", screenshot)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_result_with_its_range_charts_and_downloads(
    page: Page, axe_source: str, lang: str, screenshot: Callable[[str, str], Path]
) -> None:
    analyst = _sign_in(page, lang)
    run = finished_run(analyst, with_range(reform_document()))
    page.goto(f"/{lang}/policy/runs/{run.pk}/")
    expect(page.locator('svg[role="img"]')).to_have_count(4)
    expect(page.locator('[data-testid="total-range"]')).to_be_visible()
    expect(page.locator('[data-testid="range-note"]')).to_be_visible()
    with page.expect_download() as download:
        page.locator('[data-testid="downloads"] a[href$="tables.xlsx"]').click()
    assert download.value.suggested_filename == f"kopir-run-{run.pk}.xlsx"
    screenshot(lang, "costing-result")
    assert _axe_findings(page, axe_source, f"costing-result-{lang}") == []
    _fits_a_phone(page, lang, "costing-result", screenshot)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_runs_side_by_side(page: Page, axe_source: str, lang: str, screenshot: Callable[[str, str], Path]) -> None:
    analyst = _sign_in(page, lang)
    first = finished_run(analyst, with_range(reform_document("childcare-2-years")))
    second = finished_run(analyst, reform_document("nursery-subsidy"))
    page.goto(f"/{lang}/policy/")
    form = page.locator('[data-testid="compare"]')
    form.locator('select[name="first"]').select_option(str(first.pk))
    form.locator('select[name="second"]').select_option(str(second.pk))
    form.locator("button[type=submit]").click()
    expect(page.locator('[data-testid="compared-costs"]')).to_be_visible()
    expect(page.locator('[data-testid="compared-title"]')).to_have_count(2)
    expect(page.locator('[data-testid="compared-change"]')).to_have_count(2)
    screenshot(lang, "costing-comparison")
    assert _axe_findings(page, axe_source, f"costing-comparison-{lang}") == []
    _fits_a_phone(page, lang, "costing-comparison", screenshot)
