from __future__ import annotations

import csv

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from kopir.publication.models import Release
from kopir.publication.records import CONTRACT_FIELDS

pytestmark = pytest.mark.django_db


def test_the_list_names_each_release_and_its_files(client: Client, release: Release) -> None:
    response = client.get("/api/v1/open-data/releases")
    assert response.status_code == 200
    (listed,) = response.json()["releases"]
    assert listed["id"] == release.pk
    assert listed["policy"] == "sdc-v1"
    assert listed["csv"] == f"/api/v1/open-data/releases/{release.pk}.csv"


def test_one_release_as_json_has_metadata_and_contract_cells(client: Client, release: Release) -> None:
    document = client.get(f"/api/v1/open-data/releases/{release.pk}").json()
    assert document["release"] == release.pk
    assert document["policy"]["rate_min_denominator"] == 20
    assert len(document["cells"]) == len(release.cells)
    assert all(tuple(cell) == CONTRACT_FIELDS for cell in document["cells"])
    assert all(cell["value"] is None for cell in document["cells"] if cell["status"].startswith("suppressed"))


def test_one_release_as_csv(client: Client, release: Release) -> None:
    response = client.get(f"/api/v1/open-data/releases/{release.pk}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(response.content.decode().splitlines()))
    assert tuple(rows[0]) == CONTRACT_FIELDS
    assert len(rows) == len(release.cells) + 1


def test_a_missing_release_is_a_translated_404(client: Client) -> None:
    response = client.get("/api/v1/open-data/releases/999?lang=ru")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "release"
    assert "There is no release" not in response.json()["errors"][0]["message"]
    assert client.get("/api/v1/open-data/releases/999.csv").status_code == 404


@override_settings(KOPIR_API_RATE="2/m")
def test_the_open_data_is_throttled(client: Client, release: Release) -> None:
    cache.clear()
    statuses = [client.get("/api/v1/open-data/releases").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    cache.clear()
