"""The public statistics portal in a real browser, in each language: a chart and the table under it.

Publishes a release of the demo data (the indicator engine's cells, as `kopir serve` does), opens
/<lang>/statistics/, reads a chart's table as a person would (row headers and cells) and compares it
with the release; screenshots are artifacts.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from kopir.publication.demo import publish_demo_release
from kopir.publication.figures import figures_of
from kopir.publication.models import Release
from tests.browser.conftest import LANGUAGES, spaces

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
KAZAKHSTAN = {"kk": "Қазақстан", "ru": "Казахстан", "en": "Kazakhstan"}
TODAY = date(2026, 6, 30)
DEMO_EMPLOYEES = 400
SUPPRESSED = {"kk": "Шағын топтарды қорғау үшін жасырылған", "ru": "Скрыто для защиты малых групп",
              "en": "Suppressed to protect small groups"}  # fmt: skip


@pytest.fixture
def release() -> Release:
    call_command("demo", employees=DEMO_EMPLOYEES, seed=7, today=TODAY, stdout=io.StringIO())
    return publish_demo_release(year=2025, today=TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_portal_reads_as_a_table_in_each_language(
    page: Page, release: Release, lang: str, screenshot: Callable[[str, str], Path]
) -> None:
    page.goto(f"/{lang}/statistics/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    section = page.locator("section#managerial")
    expect(section.locator("svg[role=img]")).to_be_visible()
    table = section.locator("table[data-chart=managerial]")
    expect(table).to_be_visible()
    first = table.locator("tbody tr").first
    expect(first.locator("th")).to_have_text(KAZAKHSTAN[lang])
    figures = figures_of(release.pk)
    assert figures is not None
    national = figures.get("women_managerial_share")
    assert national.value is not None
    shown = spaces(first.locator("td").first.inner_text()).replace(",", ".")
    # one decimal, none for a whole number ("39%", not "39.0%": the figure tag's rule)
    assert shown == (f"{national.value:.1f}%" if national.value % 1 else f"{national.value:.0f}%")
    # a suppressed cell is a marked symbol whose explanation a screen reader also hears
    marked = page.locator("abbr.suppressed[title]").first
    expect(marked).to_have_attribute("title", SUPPRESSED[lang])
    screenshot(lang, "portal")
    section.scroll_into_view_if_needed()
    path = screenshot(lang, "managerial")
    assert path.stat().st_size > 10_000


def test_the_tables_need_no_javascript(browser, live_server, release: Release) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/statistics/")
    rows = page.locator("table[data-chart=managerial] tbody tr")
    figures = figures_of(release.pk)
    assert figures is not None
    assert rows.count() == 1 + len(figures.regions())  # the country, then each region
    assert "Kazakhstan" in rows.first.inner_text()
    context.close()
