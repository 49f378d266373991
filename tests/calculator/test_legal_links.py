"""The result page shows each step's legal basis as a link to the act, in the page's language."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.calculator.test_views import FORM

pytestmark = pytest.mark.django_db

BASIS_LINK = re.compile(r'<a href="([^"]+)" rel="external noopener" data-testid="legal-basis">([^<]+)</a>')


@pytest.mark.parametrize(
    ("lang", "social_code", "value_since"),
    [
        ("kk", "Әлеуметтік кодексі", "мәні"),
        ("ru", "Социальный кодекс", "значение действует с"),
        ("en", "Social Code", "value in force since"),
    ],
)
def test_each_step_links_its_act_in_the_language(client: Client, lang: str, social_code: str, value_since: str) -> None:
    page = client.post(f"/{lang}/", FORM).content.decode()
    steps = page.count('<span class="source">')
    links = BASIS_LINK.findall(page)
    assert steps > 10
    assert len(links) == steps  # every step's basis is a link
    assert all(href.startswith("https://adilet.zan.kz/") or ".gov.kz/" in href for href, _ in links)
    assert any(social_code in title for _, title in links)
    assert value_since in page
    assert "in force since 1 January 2019" not in page
