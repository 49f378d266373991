"""The replacement is found by a search on the episode page, not picked from a list of the whole body."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kopir.cases.models import LeaveEpisode
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_employee

pytestmark = pytest.mark.django_db


def _page(client: Client, world: dict[str, Any], find: str) -> str:
    sign_in(client, world["users"]["hr_officer"])
    episode = world["episodes"]["colleague"]
    return client.get(f"/en/hr/episodes/{episode.pk}/", {"find": find}).content.decode()


def test_the_search_offers_her_colleagues_only(client: Client, world: dict) -> None:
    namesake = make_employee(world["employees"]["colleague"].body, surname="Серикбаева")
    page = _page(client, world, "Сери")
    form = page.split('data-testid="replacement-form"')[1].split("</form>")[0]
    assert f'value="{namesake.pk}"' in form
    assert f'value="{world["employees"]["stranger"].pk}"' not in form  # Серикова, of another body
    assert f'value="{world["employees"]["colleague"].pk}"' not in form  # not herself


def test_without_a_search_no_colleague_is_listed(client: Client, world: dict) -> None:
    page = _page(client, world, "")
    assert 'data-testid="replacement-form"' not in page
    assert 'name="find"' in page


def test_a_search_finding_no_one_says_so(client: Client, world: dict) -> None:
    assert 'data-testid="replacement-none"' in _page(client, world, "Zzz")


def test_the_page_does_not_grow_with_the_body(client: Client, world: dict) -> None:
    body = world["employees"]["colleague"].body
    _page(client, world, "Ахм")
    with CaptureQueriesContext(connection) as few:
        small = _page(client, world, "Ахм")
    for _ in range(30):
        make_employee(body, surname="Ахметова")
    with CaptureQueriesContext(connection) as many:
        large = _page(client, world, "Ахм")
    assert len(many.captured_queries) == len(few.captured_queries)
    assert large.count('name="replacement"') == 20  # the search shows at most 20
    assert small.count('name="replacement"') == 1


@pytest.mark.parametrize("chosen", ["abc", "-1", "99999999", ""])
def test_a_bad_choice_is_refused_naming_the_field(client: Client, world: dict, chosen: str) -> None:
    sign_in(client, world["users"]["hr_officer"])
    episode: LeaveEpisode = world["episodes"]["colleague"]
    response = client.post(
        f"/en/hr/episodes/{episode.pk}/replacement/", {"replacement": chosen, "version": episode.version}
    )
    assert response.status_code == 422
    assert 'id="field-replacement"' in response.content.decode()
    assert LeaveEpisode.objects.get(pk=episode.pk).replacement_id is None
