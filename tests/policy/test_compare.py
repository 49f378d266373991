"""Two finished runs side by side; a bad question is answered 422 naming the field, never 500."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kopir.accounts.models import Role, User
from kopir.policy.compare_form import run_choices
from kopir.policy.models import RunStatus, SavedReform, SimulationRun
from kopir.rules import formats
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body, make_user
from tests.policy.documents import finished_run, reform_document, with_range

pytestmark = pytest.mark.django_db


def _analyst(client: Client) -> User:
    analyst = make_user(Role.ANALYST)
    sign_in(client, analyst)
    return analyst


def test_two_reforms_side_by_side(client: Client) -> None:
    analyst = _analyst(client)
    first = finished_run(analyst, with_range(reform_document("childcare-2-years")))
    second = finished_run(analyst, reform_document("nursery-subsidy"))
    response = client.get(f"/en/policy/compare/?first={first.pk}&second={second.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Childcare payment until the age of 2" in page
    assert "Nursery place subsidy" in page
    changes = re.findall(r'data-testid="compared-change">(.*?)</td>', page)
    assert changes == [
        formats.number(run.result["total"]["change"] / 1e9, "en", 2, exact=True) for run in (first, second)
    ]
    assert page.count('data-testid="compared-group"') == 3
    assert page.count('data-testid="reform-changes"') == 1  # the nursery subsidy changes no parameter
    assert 'data-testid="reform-payment"' in page  # it adds a payment, with its settings


def test_the_page_without_a_question_offers_the_finished_runs(client: Client) -> None:
    analyst = _analyst(client)
    run = finished_run(analyst, reform_document())
    SimulationRun.objects.create(actor=analyst, shipped_reform="nursery-subsidy", size=10_000, seed=0)
    response = client.get(f"/kk/policy/compare/?first={run.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(f'<option value="{run.pk}"') == 2
    assert "Бөбекжай" not in page  # the queued run is not offered


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("first=abc&second=1", "first"),
        ("first=1&second=1", "second"),
        ("first=0&second=", "first"),
        ("first=99999999999&second=1", "first"),
    ],
)
def test_a_bad_question_names_the_field(client: Client, query: str, field: str) -> None:
    _analyst(client)
    response = client.get(f"/en/policy/compare/?{query}")
    assert response.status_code == 422
    assert f'id="id_{field}-error"' in response.content.decode()


def test_a_run_without_result_cannot_be_compared(client: Client) -> None:
    analyst = _analyst(client)
    done = finished_run(analyst, reform_document())
    queued = SimulationRun.objects.create(actor=analyst, shipped_reform="nursery-subsidy", size=10_000, seed=0)
    response = client.get(f"/ru/policy/compare/?first={done.pk}&second={queued.pk}")
    assert response.status_code == 422
    assert 'id="id_second-error"' in response.content.decode()


def test_a_run_she_may_not_see_is_refused_as_on_its_own_page(client: Client) -> None:
    analyst = _analyst(client)
    done = finished_run(analyst, reform_document())
    unseen = done.pk + 1000
    own_page = client.get(f"/en/policy/runs/{unseen}/").status_code
    assert own_page in (403, 404)
    assert client.get(f"/en/policy/compare/?first={done.pk}&second={unseen}").status_code == own_page
    client.logout()
    sign_in(client, make_user(Role.HR_OFFICER, make_body("OWN")))
    assert client.get(f"/en/policy/compare/?first={done.pk}&second={done.pk}").status_code == 403


def test_the_choices_are_labelled_by_the_reforms_title_without_reading_a_result() -> None:
    analyst = make_user(Role.ANALYST)
    shipped = finished_run(analyst, reform_document("nursery-subsidy"))
    titles = {f"title_{lang}": f"Reform {lang}" for lang in ("kk", "ru", "en")}
    texts = titles | {f"description_{lang}": "-" for lang in ("kk", "ru", "en")}
    saved = SavedReform.objects.create(owner=analyst, slug="mine", document="id: mine", **texts)
    mine = SimulationRun.objects.create(
        actor=analyst, saved_reform=saved, size=10_000, seed=0, status=RunStatus.DONE, result={}
    )
    with translation.override("ru"), CaptureQueriesContext(connection) as queries:
        choices = dict(run_choices(analyst, "ru"))
    assert choices[str(shipped.pk)].startswith(f"{reform_document('nursery-subsidy')['reform']['title']['ru']}: ")
    assert choices[str(shipped.pk)].endswith(f"(расчёт № {shipped.pk})")
    assert choices[str(mine.pk)].startswith("Reform ru: ")
    [query] = queries.captured_queries
    assert '"policy_simulationrun"."result"' not in query["sql"]
