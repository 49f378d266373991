"""Whatever a line holds, the parser reports problems and never fails: fuzzed values in every field."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kopir.exchange.parsing import parse_bodies, parse_employees
from kopir.exchange.problems import Problem
from tests.exchange.conftest import BODIES, EMPLOYEES

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _replaced(row: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(row))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


EMPLOYEE_PATHS = _paths(EMPLOYEES[0])
BODY_PATHS = _paths(BODIES[1])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EMPLOYEE_PATHS), JSON)
def test_any_value_in_any_employee_field_is_parsed_or_reported(path: tuple[Any, ...], value: Any) -> None:
    found: list[Problem] = []
    line = json.dumps(_replaced(EMPLOYEES[0], path, value))
    records = parse_employees(line, found)
    assert len(records) + bool(found) >= 1
    assert all(problem.line == 1 for problem in found)
    if records:
        assert not found
    assert EMPLOYEES[0]["iin"] not in "".join(problem.message("en") for problem in found)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(BODY_PATHS), JSON)
def test_any_value_in_any_body_field_is_parsed_or_reported(path: tuple[Any, ...], value: Any) -> None:
    found: list[Problem] = []
    records = parse_bodies(json.dumps(_replaced(BODIES[1], path, value)), found)
    assert (len(records) == 1) != bool(found)


@given(st.text(max_size=40))
def test_any_text_is_parsed_or_reported(text: str) -> None:
    found: list[Problem] = []
    parse_employees(text, found)
    parse_bodies(text, found)


def test_amounts_keep_their_cents() -> None:
    row = _replaced(EMPLOYEES[0], ("appointments", 0, "monthly_pay"), 1234.5)
    [(_, record)] = parse_employees(json.dumps(row), [])
    assert record.appointments[0].monthly_pay == Decimal("1234.50")
