"""Property-based fuzzing of ``POST /api/v1/calculations`` from the API's own OpenAPI document.

Schemathesis reads ``/api/v1/openapi.json`` from the WSGI application itself and generates
requests from that operation: bodies, ``?lang=`` and ``Accept-Language``, valid by the schema
(positive) and deliberately broken (negative). A third stream keeps the schema's shape but draws
dates and amounts where the law is known, so that many requests are computed (200) rather than
rejected (422) and the full response document is checked too.

Every answer must pass: no 5xx, the status code and the content type are documented, and the
body conforms to the schema documented for that status (the contract's response or errors schema).

The document is loaded inside the test, not at import: serving it goes through a view, and with
``ATOMIC_REQUESTS`` every view opens a transaction, which pytest-django only allows in a test.
(``schemathesis.pytest.from_fixture`` would defer it too, but it reads ``Item._nodeid``, gone in pytest 9.)
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from kopir.web.wsgi import application

pytestmark = pytest.mark.django_db

OPENAPI_URL = "/api/v1/openapi.json"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 500

LANGUAGES = st.sampled_from(["kk", "ru", "en"])
DAYS = st.dates(min_value=date(2022, 6, 1), max_value=date(2031, 12, 31))
AMOUNTS = st.one_of(  # whole tenge, or tenge and tiyn (a float with two decimals is exact in JSON text)
    st.integers(min_value=0, max_value=5_000_000),
    st.integers(min_value=0, max_value=1_000_000_000).map(lambda tiyn: tiyn / 100),
    st.floats(min_value=0, allow_nan=False, allow_infinity=False),  # the schema sets no maximum
)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@st.composite
def _income(draw: st.DrawFn, around: date) -> dict[str, Any]:
    form = draw(st.sampled_from(["average_so_base", "gross_salary", "monthly"]))
    if form != "monthly":
        return {form: draw(AMOUNTS)}
    first = draw(st.dates(min_value=around - timedelta(days=800), max_value=around))
    months = draw(st.integers(min_value=0, max_value=14))
    return {
        "monthly": [
            {
                "month": f"{first.year + (first.month - 1 + n) // 12}-{(first.month - 1 + n) % 12 + 1:02d}",
                "so_base": draw(AMOUNTS),
            }
            for n in range(months)
        ]
    }


@st.composite
def _event(draw: st.DrawFn, start: date) -> dict[str, Any]:
    if draw(st.booleans()):
        expected = start + timedelta(days=draw(st.integers(min_value=-10, max_value=120)))
        born = expected + timedelta(days=draw(st.integers(min_value=-30, max_value=20)))
        if draw(st.booleans()):
            born = None
        event = {
            "type": "birth",
            "leave_start": _iso(start),
            "expected_birth": _iso(expected),
            "birth_date": _iso(born),
        }
    else:
        born = start - timedelta(days=draw(st.integers(min_value=0, max_value=200)))
        event = {"type": "adoption", "birth_date": _iso(born), "adoption_date": _iso(start)}
    event["children"] = draw(st.integers(min_value=1, max_value=4))
    event["complicated_birth"] = draw(st.booleans())
    return event


@st.composite
def lawful_requests(draw: st.DrawFn) -> dict[str, Any]:
    """A request of the contract's shape, dated in the years the law is known; amounts up to the largest double."""
    start = draw(DAYS)
    request: dict[str, Any] = {
        "claimant": {
            "employment": draw(st.sampled_from(["employee", "individual_entrepreneur", "uninsured"])),
            "nuclear_test_zone": draw(st.booleans()),
        },
        "event": draw(_event(start)),
        "previous_children": draw(st.integers(min_value=0, max_value=6)),
        "income": draw(_income(start)),
    }
    if draw(st.booleans()):
        request["as_of"] = _iso(start + timedelta(days=draw(st.integers(min_value=-60, max_value=400))))
    if draw(st.booleans()):
        request["return_to_work"] = _iso(start + timedelta(days=draw(st.integers(min_value=0, max_value=1200))))
    return request


def test_fuzz_the_calculations_endpoint_from_its_own_openapi_document(settings: Any) -> None:
    settings.KOPIR_API_RATE = "100000000/m"  # the throttle reads the rate at request time
    cache.clear()
    schema = schemathesis.openapi.from_wsgi(OPENAPI_URL, application)
    operation = schema["/api/v1/calculations"]["POST"]

    @st.composite
    def lawful_cases(draw: st.DrawFn) -> Any:
        query = draw(st.fixed_dictionaries({}, optional={"lang": LANGUAGES}))
        headers = draw(st.fixed_dictionaries({}, optional={"Accept-Language": LANGUAGES}))
        body = draw(lawful_requests())
        return operation.Case(body=body, query=query, headers=headers, media_type="application/json")

    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
        lawful_cases(),
    )
    statuses: Counter[int] = Counter()

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,  # the same examples on every run and in CI
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    @given(case=cases)
    def fuzz(case: Any) -> None:
        statuses[case.call_and_validate(checks=CHECKS).status_code] += 1

    fuzz()
    # both documented bodies were checked, the computed response and the field errors
    assert statuses[200], statuses
    assert statuses[422], statuses
