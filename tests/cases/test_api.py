"""The case API: the same access as the pages, conflicts reported, nothing written on refusal."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.signing_in import sign_in
from tests.cases.conftest import READ, WRITE

pytestmark = pytest.mark.django_db


def test_without_signing_in_the_api_answers_401(client: Client, world: dict) -> None:
    assert client.get("/api/v1/employees").status_code == 401


@pytest.mark.parametrize("role", list(READ))
def test_the_employee_list_follows_the_matrix(client: Client, world: dict, role: str) -> None:
    sign_in(client, world["users"][role])
    ids = {row["id"] for row in client.get("/api/v1/employees").json()}
    assert ids == {world["employees"][name].pk for name in READ[role]}


@pytest.mark.parametrize("role", list(READ))
@pytest.mark.parametrize("whose", ["mine", "colleague", "stranger"])
def test_episodes_follow_the_matrix(client: Client, world: dict, role: str, whose: str) -> None:
    sign_in(client, world["users"][role])
    response = client.get(f"/api/v1/episodes/{world['episodes'][whose].pk}")
    assert response.status_code == (200 if whose in READ[role] else 403)


@pytest.mark.parametrize("role", list(READ))
def test_adding_leave_follows_the_matrix(client: Client, world: dict, role: str) -> None:
    sign_in(client, world["users"][role])
    episode = world["episodes"]["colleague"]
    body = {"kind": "annual", "planned_start": "2025-09-04", "planned_end": "2025-09-30", "version": 1}
    response = client.post(f"/api/v1/episodes/{episode.pk}/segments", body, content_type="application/json")
    allowed = "colleague" in WRITE.get(role, set())
    assert response.status_code == (201 if allowed else 403)
    assert episode.segments.count() == (2 if allowed else 1)


def test_a_stale_version_is_a_409_and_an_overlap_a_422(client: Client, world: dict) -> None:
    sign_in(client, world["users"]["hr_officer"])
    episode = world["episodes"]["colleague"]
    url = f"/api/v1/episodes/{episode.pk}/segments"
    stale = {"kind": "annual", "planned_start": "2025-09-04", "planned_end": "2025-09-30", "version": 5}
    assert client.post(url, stale, content_type="application/json").status_code == 409
    overlap = {"kind": "annual", "planned_start": "2025-08-01", "planned_end": "2025-09-30", "version": 1}
    assert client.post(url, overlap, content_type="application/json").status_code == 422
    assert episode.segments.count() == 1


def test_reading_the_list_is_logged(client: Client, world: dict) -> None:
    from kopir.accounts.models import AccessLog  # noqa: PLC0415

    sign_in(client, world["users"]["hr_officer"])
    client.get("/api/v1/employees")
    assert AccessLog.objects.filter(actor=world["users"]["hr_officer"], detail__startswith="API employee list").exists()


def test_refusals_speak_the_callers_language(client: Client, world: dict) -> None:
    sign_in(client, world["users"]["analyst"])
    response = client.get(f"/api/v1/episodes/{world['episodes']['mine'].pk}", headers={"Accept-Language": "ru"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Ваша роль не даёт доступа к этой записи."


@pytest.mark.parametrize(("limit", "status"), [(1, 200), (200, 200), (201, 422), (10**12, 422)])
def test_a_page_over_200_is_refused_naming_the_limit(client: Client, world: dict, limit: int, status: int) -> None:
    sign_in(client, world["users"]["administrator"])
    response = client.get(f"/api/v1/employees?limit={limit}", headers={"Accept-Language": "ru"})
    assert response.status_code == status
    if status == 200:
        assert len(response.json()) == min(limit, 3)  # mine, colleague, stranger
    else:
        assert [error["field"] for error in response.json()["errors"]] == ["limit"]
