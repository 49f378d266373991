"""The result page as analysts read it: the reform described with what it changes in the law, the cost
by year and winners and losers by group as charts beside their tables, and a range only when the run
has one."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kopir.accounts.models import Role, User
from kopir.policy.presentation import DIMENSIONS, cost_tables
from kopir.rules import default_law, formats
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_user
from tests.policy.documents import finished_run, reform_document, with_range

pytestmark = pytest.mark.django_db
SVG = re.compile(r"<svg [^>]*role=\"img\".*?</svg>", re.DOTALL)
ERROR_BAR_LINE = 'stroke="#0b0c0c" stroke-width="2"'


def _analyst(client: Client) -> User:
    analyst = make_user(Role.ANALYST)
    sign_in(client, analyst)
    return analyst


def _billions(amount: float, language: str) -> str:
    return formats.number(amount / 1e9, language, 2, exact=True)  # type: ignore[arg-type]


def test_the_result_shows_the_cost_by_year_and_each_group_as_a_chart_with_its_table(client: Client) -> None:
    document = reform_document()
    run = finished_run(_analyst(client), document)
    page = client.get(f"/en/policy/runs/{run.pk}/").content.decode()
    charts = SVG.findall(page)
    assert len(charts) == 1 + len(document["by"])  # the cost by year, then one per group
    assert "<title>Change in cost by year, billion tenge</title>" in charts[0]
    years = cost_tables(document)["years"]
    for row in years:
        assert f'<th scope="row">{row["year"]}</th>' in page
        assert _billions(row["change"], "en") in page
    assert len(re.findall(r"<rect ", charts[0])) == len(years)
    regions = charts[1 + list(DIMENSIONS).index("region")]  # in the page's order, whatever the JSON's
    assert "Turkistan Region" in regions
    assert "Paid more" in regions
    assert "Paid less" in regions
    assert "Paid the same" in regions
    assert "range" not in page.lower()
    assert 'data-testid="range-note"' not in page
    assert ERROR_BAR_LINE not in page


def test_a_run_with_a_range_shows_it_in_the_tables_and_as_error_bars(client: Client) -> None:
    document = with_range(reform_document(), draws=25)
    run = finished_run(_analyst(client), document)
    page = client.get(f"/ru/policy/runs/{run.pk}/").content.decode()
    total = document["uncertainty"]["cost"]["total"]
    cell = re.search(r'data-testid="total-range">(.*?)</td>', page, re.DOTALL)
    assert cell is not None
    assert _billions(total["low"], "ru") in cell.group(1)
    assert _billions(total["high"], "ru") in cell.group(1)
    assert formats.percent(0.9, "ru", 0) in page  # the column's heading names the level
    assert "25" in re.search(r'data-testid="range-note">(.*?)</p>', page, re.DOTALL).group(1)  # type: ignore[union-attr]
    cost_chart = SVG.findall(page)[0]
    years = len(document["uncertainty"]["cost"]["by_year"])
    assert cost_chart.count(ERROR_BAR_LINE) == 3 * years  # a line and two ticks for each year
    assert SVG.findall(page)[1].count(ERROR_BAR_LINE) == 0  # groups have no range


def test_the_result_describes_the_reform_and_what_it_changes_with_the_act(client: Client) -> None:
    run = finished_run(_analyst(client), reform_document())
    page = client.get(f"/kk/policy/runs/{run.pk}/").content.decode()
    law = default_law()
    months = law["gfss.childcare.months"]
    reading = months.at(months.values[-1].since)
    assert "18 ай емес, 24 ай" in page  # the file's description in Kazakh
    assert months.label["kk"] in page
    assert f'href="{reading.legal_href}"' in page
    changes = re.search(r'data-testid="reform-changes".*?</table>', page, re.DOTALL)
    assert changes is not None
    assert ">18<" in changes.group(0)
    assert ">24<" in changes.group(0)


def test_a_document_without_a_description_still_reads(client: Client) -> None:
    document = reform_document()
    del document["reform"]["description"]
    document["reform"]["id"] = "not-shipped"
    run = finished_run(_analyst(client), document)
    response = client.get(f"/en/policy/runs/{run.pk}/")
    assert response.status_code == 200
    assert 'data-testid="reform-changes"' not in response.content.decode()


def test_the_form_describes_each_reform_under_its_choice(client: Client) -> None:
    _analyst(client)
    page = client.get("/ru/policy/").content.decode()
    assert 'aria-describedby="id_reform_0-hint"' in page
    assert "24 месяца вместо 18" in page
    assert page.count('data-testid="reform-facts"') == 7


def test_a_malformed_range_is_left_out_rather_than_failing(client: Client) -> None:
    document = with_range(reform_document())
    document["uncertainty"]["level"] = "ninety"
    run = finished_run(_analyst(client), document)
    response = client.get(f"/en/policy/runs/{run.pk}/")
    assert response.status_code == 200
    assert 'data-testid="total-range"' not in response.content.decode()
