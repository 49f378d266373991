"""Hostile bodies at the calculation doors: HTTP answers 413/415/422 naming the field, ``kopir calc`` exits 2.

Each of these once answered 500 (RecursionError, the int-digits limit, decimal.InvalidOperation,
"year 10000 is out of range") or was silently accepted (UTF-16, a key written twice).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from jsonschema import Draft202012Validator

from kopir.calculator.forms import example_answers
from kopir.cli import CALC_MAX_BYTES
from tests.conftest import CONTRACT_EXAMPLE

pytestmark = pytest.mark.django_db

URL = "/api/v1/calculations"
EXAMPLE_TEXT = json.dumps(CONTRACT_EXAMPLE)


def _with_salary(literal: str) -> str:
    return EXAMPLE_TEXT.replace('"average_so_base": 300000', f'"average_so_base": {literal}')


YEAR_9999 = EXAMPLE_TEXT.replace('"2025-', '"9999-')

# (body, expected field, a word of the English message)
HOSTILE: dict[str, tuple[bytes | str, str, str]] = {
    "60 KB array nested 30,000 deep": ("[" * 30_000 + "]" * 30_000, "request", "nested deeper than 32"),
    "deep object": ('{"a": ' * 40 + "1" + "}" * 40, "request", "nested deeper"),
    "5,000-digit integer": (_with_salary("9" * 5000), "income.average_so_base", "more than 20 digits"),
    "1e999999 decimal": (_with_salary("1e999999"), "income.average_so_base", "too large or too small"),
    "NaN": (_with_salary("NaN"), "income.average_so_base", "NaN and Infinity"),
    "Infinity": (_with_salary("Infinity"), "income.average_so_base", "NaN and Infinity"),
    "-Infinity": (_with_salary("-Infinity"), "income.average_so_base", "NaN and Infinity"),
    "the example in year 9999": (YEAR_9999, "event.leave_start", "outside the dates Kopir accepts"),
    "UTF-16": (EXAMPLE_TEXT.encode("utf-16"), "request", "not UTF-8"),
    "bad UTF-8": (EXAMPLE_TEXT.encode().replace(b"birth", b"b\xffrth", 1), "request", "not UTF-8"),
    "empty body": (b"", "request", "empty"),
    "a key written twice": (EXAMPLE_TEXT.replace('"as_of"', '"as_of": "2025-01-01", "as_of"'), "as_of", "twice"),
    "a month in year 0": (
        _with_salary("1").replace('{"average_so_base": 1}', '{"monthly": [{"month": "0000-01", "so_base": 1}]}'),
        "income.monthly[0].month",
        "not a month",
    ),
    "a month in year 3000": (
        _with_salary("1").replace('{"average_so_base": 1}', '{"monthly": [{"month": "3000-01", "so_base": 1}]}'),
        "income.monthly[0].month",
        "outside the dates",
    ),
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def _post(client: Client, body: bytes | str, content_type: str = "application/json", **headers: str) -> Any:
    return client.post(URL, data=body, content_type=content_type, headers=headers)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_body_is_a_422_naming_the_field(
    client: Client, errors_schema: Draft202012Validator, name: str
) -> None:
    body, field, words = HOSTILE[name]
    response = _post(client, body)
    assert response.status_code == 422, response.content[:300]
    errors_schema.validate(response.json())
    first = response.json()["errors"][0]
    assert first["field"] == field
    assert words in first["message"]


@pytest.mark.parametrize(("lang", "words"), [("ru", "Вложенность запроса"), ("kk", "кірістірілуі"), ("en", "nested")])
def test_refusals_speak_the_callers_language(client: Client, lang: str, words: str) -> None:
    response = client.post(f"{URL}?lang={lang}", data="[" * 100, content_type="application/json")
    assert response.status_code == 422
    assert words in response.json()["errors"][0]["message"]


def test_dates_within_the_range_are_still_computed(client: Client) -> None:
    response = _post(client, EXAMPLE_TEXT)
    assert response.status_code == 200
    assert response.json()["total_net"] == 3227416


def test_a_70_kb_body_is_a_413(client: Client, errors_schema: Draft202012Validator) -> None:
    response = _post(client, '{"a": "' + "x" * 70 * 1024 + '"}')
    assert response.status_code == 413
    errors_schema.validate(response.json())


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16"]
)
def test_a_body_not_declared_as_json_is_a_415(
    client: Client, errors_schema: Draft202012Validator, content_type: str
) -> None:
    response = _post(client, EXAMPLE_TEXT, content_type=content_type)
    assert response.status_code == 415
    errors_schema.validate(response.json())
    assert response.json()["errors"][0]["field"] == "request"


@pytest.mark.parametrize("lang", ["x" * 5000, "../../etc", "\u0000", "ru,kk"])
def test_an_odd_language_parameter_falls_back(client: Client, lang: str) -> None:
    response = client.post(f"{URL}?{urlencode({'lang': lang})}", "{}", content_type="application/json")
    assert response.status_code == 422
    assert "required" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("name", ["60 KB array nested 30,000 deep", "NaN", "the example in year 9999", "bad UTF-8"])
def test_kopir_calc_exits_2_naming_the_field(name: str) -> None:
    body, field, words = HOSTILE[name]
    result = subprocess.run(
        [sys.executable, "-m", "kopir.cli", "calc", "--lang", "en"],
        input=body.encode() if isinstance(body, str) else body,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    error = json.loads(result.stderr)["errors"][0]
    assert (error["field"], words in error["message"]) == (field, True)


@pytest.mark.parametrize(
    "changes",
    [
        {"leave_start": "9999-05-01", "expected_birth": "9999-07-10", "birth_date": "9999-07-08"},
        {"average_so_base": "9" * 5000},
        {"average_so_base": "NaN"},
        {"average_so_base": "Infinity"},
        {"children": "9" * 5000},
    ],
)
def test_the_calculator_page_refuses_the_same_values_with_a_422_page(client: Client, changes: dict[str, str]) -> None:
    answers = {**example_answers(timezone.localdate()), **changes}
    response = client.post("/en/", answers)
    assert response.status_code == 422
    assert response.templates[0].name == "calculator/form.html"  # the questions again, with the problem marked


def test_kopir_calc_refuses_a_file_over_a_megabyte_without_reading_it_all(tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    request.write_bytes(b'{"a": "' + b"x" * (CALC_MAX_BYTES * 3) + b'"}')
    result = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "kopir.cli", "calc", str(request)], capture_output=True, check=False
    )
    assert result.returncode == 2
    assert json.loads(result.stderr)["errors"][0]["field"] == "request"
    assert b"1,048,576" in result.stderr
