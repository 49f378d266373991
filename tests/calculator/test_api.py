"""POST /api/v1/calculations: contract v1 over HTTP, limits, languages and the OpenAPI document."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from jsonschema import Draft202012Validator

from tests.conftest import CONTRACT_EXAMPLE, make_request
from tests.rules.test_contract import REJECTED

pytestmark = pytest.mark.django_db

URL = "/api/v1/calculations"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def _post(client: Client, body: Any, **headers: str) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body, default=str)
    return client.post(URL, data=data, content_type="application/json", headers=headers)


def test_the_contract_example_over_http(client: Client, response_schema: Draft202012Validator) -> None:
    response = _post(client, CONTRACT_EXAMPLE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content, parse_float=Decimal)
    response_schema.validate(document)
    assert document["total_net"] == 3227416


def test_exact_decimals_over_http(client: Client) -> None:
    request = make_request(income={"average_so_base": 595000}, event__complicated_birth=True)
    body = _post(client, request).content.decode()
    assert '"gross": 2776666.67' in body


@pytest.mark.parametrize(("case", "change", "field"), REJECTED, ids=[c[0] for c in REJECTED])
def test_every_required_rejection_is_a_422(
    client: Client, case: str, change: Any, field: str, errors_schema: Draft202012Validator
) -> None:
    request = make_request()
    change(request)
    response = _post(client, request)
    assert response.status_code == 422, case
    document = response.json()
    errors_schema.validate(document)
    assert field in [e["field"] for e in document["errors"]]


@pytest.mark.parametrize(
    ("headers", "query", "word"),
    [
        ({}, "", "required"),
        ({"Accept-Language": "ru"}, "", "обязательно"),
        ({"Accept-Language": "ru"}, "?lang=kk", "міндетті"),
    ],
)
def test_the_language_comes_from_the_query_then_the_header_then_english(
    client: Client, headers: dict[str, str], query: str, word: str
) -> None:
    response = client.post(URL + query, data="{}", content_type="application/json", headers=headers)
    assert response.status_code == 422
    assert word in response.json()["errors"][0]["message"].lower()


def test_invalid_json_is_a_422_naming_the_request(client: Client) -> None:
    response = _post(client, "{not json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "request"


@override_settings(KOPIR_API_MAX_BODY_BYTES=1000)
def test_a_large_body_is_refused_with_413(client: Client, errors_schema: Draft202012Validator) -> None:
    request = make_request(income={"monthly": [{"month": "2024-01", "so_base": 1}] * 100})
    response = _post(client, request)
    assert response.status_code == 413
    errors_schema.validate(response.json())


@override_settings(KOPIR_API_RATE="3/m")
def test_the_public_endpoint_is_rate_limited(client: Client, errors_schema: Draft202012Validator) -> None:
    statuses = [_post(client, CONTRACT_EXAMPLE).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    limited = _post(client, CONTRACT_EXAMPLE)
    errors_schema.validate(limited.json())
    assert int(limited["Retry-After"]) > 0


def test_the_openapi_document_publishes_the_contract(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    operation = document["paths"][URL]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["claimant", "event", "income"]
    assert set(operation["responses"]) >= {"200", "413", "422", "429"}


def test_the_api_docs_are_served_without_outside_scripts(client: Client) -> None:
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
