"""The law's changes page: in three languages, every change with its values, unit and act, never a 500."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kopir.rules.law_changes import law_changes
from kopir.rules.law_files import default_law
from tests.calculator.test_views import FORM

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr data-testid="law-change" data-parameter="([^"]+)">(.*?)</tr>', re.S)
ACT = re.compile(r'<a href="([^"]+)" rel="external noopener" data-testid="law-act">')


@pytest.mark.parametrize(
    ("lang", "heading", "mrp_2026", "mrp_2025"),
    [
        ("kk", "Заңнамадағы өзгерістер", "4\u00a0325", "3\u00a0932"),
        ("ru", "Изменения законодательства", "4\u00a0325", "3\u00a0932"),
        ("en", "The law's changes", "4,325", "3,932"),
    ],
)
def test_the_page_lists_every_change_in_the_language(
    client: Client, lang: str, heading: str, mrp_2026: str, mrp_2025: str
) -> None:
    response = client.get(f"/{lang}/law/")
    page = response.content.decode()
    assert response.status_code == 200
    assert heading in page
    rows = ROW.findall(page)
    assert len(rows) == len(law_changes(default_law()).changes)
    mrp = [cells for path, cells in rows if path == "general.mrp"]
    assert mrp_2025 in mrp[0]  # newest first: from 2025's value ...
    assert mrp_2026 in mrp[0]  # ... to 2026's
    assert all(ACT.search(cells) for _, cells in rows)  # every change links its act
    assert all(href.startswith("https://") for href in ACT.findall(page))


def test_the_social_contribution_rate_of_2025_shows_as_percentages(client: Client) -> None:
    page = client.get("/ru/law/").content.decode()
    so_rate = [cells for path, cells in ROW.findall(page) if path == "contributions.so_rate"]
    assert any("<td>3,5%</td>" in cells and "<td>5%</td>" in cells for cells in so_rate), so_rate
    assert "Социальный кодекс" in " ".join(so_rate)


def test_the_page_says_which_values_are_not_yet_published(client: Client) -> None:
    page = client.get("/en/law/").content.decode()
    notice = page[page.index('data-testid="not-yet-published"') :]
    assert "31 December 2026" in notice
    assert "Monthly calculation index (MRP)" in notice


def _main(page: bytes) -> bytes:
    return page[page.index(b"<main") : page.index(b"</main>")]


@pytest.mark.parametrize(
    "query",
    ["?year=abc", "?lang=xx&%00=1", "?" + "a=1&" * 500, "?date=9999-99-99", "?%ff%fe=%c0"],
)
def test_a_strange_query_string_changes_nothing(client: Client, query: str) -> None:
    plain = _main(client.get("/kk/law/").content)
    response = client.get("/kk/law/" + query)
    assert response.status_code == 200
    assert _main(response.content) == plain  # the header's language switcher keeps the address, as on every page


def test_only_reading_is_allowed(client: Client) -> None:
    assert client.post("/en/law/", {"x": "1"}).status_code == 405
    assert client.head("/en/law/").status_code == 200


def test_the_result_page_and_the_navigation_link_the_changes(client: Client) -> None:
    result = client.post("/en/", FORM).content.decode()
    assert 'href="/en/law/" data-testid="law-changes-link"' in result
    form = client.get("/ru/").content.decode()
    nav = form[form.index('class="site-nav"') : form.index("</nav>")]
    assert 'href="/ru/law/"' in nav
