"""The public statistics portal in a real browser, in each language: a chart and the table under it.

Publishes a release of hand-built cells, opens /<lang>/statistics/, reads the regional chart's table
as a person would (row headers and cells) and compares it with the release; screenshots are artifacts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kopir.disclosure import BodyNode, load_policy
from kopir.publication.figures import figures_of
from kopir.publication.models import Release
from kopir.publication.services import publish_release
from tests.browser.conftest import LANGUAGES, spaces
from tests.publication.sample import bodies_of, exact_cells

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
KAZAKHSTAN = {"kk": "Қазақстан", "ru": "Казахстан", "en": "Kazakhstan"}
SUPPRESSED = {"kk": "Шағын топтарды қорғау үшін жасырылған", "ru": "Скрыто для защиты малых групп",
              "en": "Suppressed to protect small groups"}  # fmt: skip


@pytest.fixture
def release() -> Release:
    bodies = bodies_of(3, 4)
    return publish_release(
        exact_cells(2025, bodies),
        year=2025,
        cut_off=date(2026, 3, 1),
        policy=load_policy(),
        bodies={code: BodyNode(None, region) for code, region in bodies.items()},
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_portal_reads_as_a_table_in_each_language(
    page: Page, release: Release, lang: str, screenshot: Callable[[str, str], Path]
) -> None:
    page.goto(f"/{lang}/statistics/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    section = page.locator("section#regions")
    expect(section.locator("svg[role=img]")).to_be_visible()
    table = section.locator("table[data-chart=regions]")
    expect(table).to_be_visible()
    first = table.locator("tbody tr").first
    expect(first.locator("th")).to_have_text(KAZAKHSTAN[lang])
    figures = figures_of(release.pk)
    assert figures is not None
    national = figures.get("return_rate")
    assert national.value is not None
    shown = spaces(first.locator("td").first.inner_text()).replace(",", ".")
    assert shown == f"{national.value:.1f}%"
    # a suppressed cell is a marked symbol whose explanation a screen reader also hears
    marked = page.locator("abbr.suppressed[title]").first
    expect(marked).to_have_attribute("title", SUPPRESSED[lang])
    screenshot(lang, "portal")
    section.scroll_into_view_if_needed()
    path = screenshot(lang, "regions")
    assert path.stat().st_size > 10_000


def test_the_tables_need_no_javascript(browser, live_server, release: Release) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/statistics/")
    rows = page.locator("table[data-chart=exits] tbody tr")
    assert rows.count() == 6
    assert "Resignation" in rows.first.inner_text()
    context.close()
