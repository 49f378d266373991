"""The public statistics portal: charts with their tables, downloads, GRI 401-3 per body."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook

from kopir.disclosure import load_policy
from kopir.publication.figures import figures_of
from kopir.publication.models import Release
from kopir.publication.services import publish_release
from kopir.statistics.cells import Cell

pytestmark = pytest.mark.django_db
SECTIONS = ("years", "regions", "time-to-return", "managerial", "pay-gap", "exits")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_each_chart_comes_with_its_table(client: Client, release: Release, lang: str) -> None:
    response = client.get(f"/{lang}/statistics/")
    assert response.status_code == 200
    page = response.content.decode()
    for key in SECTIONS:
        assert f'id="{key}"' in page
        assert f'data-chart="{key}"' in page
    assert page.count("<svg") == len(SECTIONS)
    assert 'class="suppressed"' in page


def test_the_tables_show_what_the_release_publishes(client: Client, release: Release) -> None:
    figures = figures_of(release.pk)
    assert figures is not None
    national = figures.get("return_rate")
    assert national.shown
    section = next(s for s in client.get("/en/statistics/").context["sections"] if s.key == "regions")
    assert section.rows[0][0] == "Kazakhstan"
    assert section.rows[0][1][0] == national
    assert section.table[0][1][0] == (national, "%")
    assert {figure.state for _, row in section.rows for figure in row} >= {"shown"}


def test_a_missing_indicator_says_not_published(client: Client) -> None:
    cells = [Cell("took_leave", "2025", value=120)]
    publish_release(cells, year=2025, cut_off=date(2026, 1, 1), policy=load_policy(), bodies=None)
    page = client.get("/en/statistics/").content.decode()
    assert page.count("Not published in this release.") == len(SECTIONS)
    assert "<svg" not in page


def test_without_a_release_the_portal_says_so(client: Client) -> None:
    assert "No statistics have been published yet." in client.get("/en/statistics/").content.decode()


def test_the_release_downloads_as_a_workbook(client: Client, release: Release) -> None:
    response = client.get(f"/en/statistics/releases/{release.pk}.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["cells"].iter_rows(values_only=True))
    assert rows[0][0] == "indicator"
    assert len(rows) == len(release.cells) + 1
    settings = {row[0]: row[1] for row in book["metadata"].iter_rows(values_only=True)}
    assert settings["policy.primary_threshold"] == 5


def test_gri_401_3_of_a_body(client: Client, release: Release) -> None:
    figures = figures_of(release.pk)
    assert figures is not None
    body = figures.bodies()[0]
    index = client.get("/en/statistics/gri/").content.decode()
    assert f"/en/statistics/gri/{body}/" in index
    page = client.get(f"/en/statistics/gri/{body}/").content.decode()
    for item in ("401-3-a", "401-3-b", "401-3-c", "401-3-d", "401-3-e"):
        assert item in page
    rows = list(csv.reader(client.get(f"/en/statistics/gri/{body}/gri-401-3.csv").content.decode().splitlines()))
    assert rows[0] == ["GRI", "Disclosure", "Women", "Men", "All"]
    entitled = figures.get("entitled", sex="F", body=body)
    assert rows[1][2] == ("" if entitled.value is None else str(entitled.value))
    book = load_workbook(io.BytesIO(client.get(f"/en/statistics/gri/{body}/gri-401-3.xlsx").content))
    assert book.active.max_row == 8
    assert client.get("/en/statistics/gri/NOPE/").status_code == 404
