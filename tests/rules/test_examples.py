"""Every worked example of the domain spec, as data: tests/rules/examples/*.yaml.

Each case names its source (a published figure, or 'derived' with the arithmetic beside it),
gives a contract-v1 request and the exact values expected at dotted paths of the response
(``payments.maternity.net``, ``payments.childcare_gfss.schedule.0.net``, ``leave.end``).
Compared exactly: a difference of one tiyn fails.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from kopir.rules import calculate

EXAMPLES = Path(__file__).parent / "examples"


def _cases() -> list[Any]:
    return [
        pytest.param(case, id=f"{file.stem}: {case['name']}")
        for file in sorted(EXAMPLES.glob("*.yaml"))
        for case in yaml.safe_load(file.read_text(encoding="utf-8"))
    ]


def _exact(value: Any) -> Any:
    """YAML numbers (possibly floats like 2776666.67) as exact Decimals; dates as ISO text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_exact(v) for v in value]
    return value


def _request(raw: Any) -> Any:
    """The request as a JSON client would send it (dates as text, decimals exact)."""
    return json.loads(json.dumps(raw, default=str), parse_float=Decimal)


def _at(response: dict[str, Any], path: str) -> Any:
    parts = path.split(".")
    node: Any = response
    if parts[0] == "payments" and len(parts) > 1 and not parts[1].isdigit():
        node = next(p for p in response["payments"] if p["id"] == parts[1])
        parts = parts[2:]
    for part in parts:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def test_there_are_examples_for_every_payment() -> None:
    names = {file.stem for file in EXAMPLES.glob("*.yaml")}
    assert {"birth_allowance", "maternity", "childcare_gfss", "childcare_allowance", "contract"} <= names


@pytest.mark.parametrize("case", _cases())
def test_worked_example(case: dict[str, Any], request_schema: Draft202012Validator) -> None:
    assert case.get("source"), "every example names its source"
    request = _request(case["request"])
    request_schema.validate(json.loads(json.dumps(request, default=float)))
    response = calculate(request, today=date(2026, 11, 23))
    mismatches = {
        path: (_at(response, path), _exact(expected))
        for path, expected in case["expect"].items()
        if _exact(_at(response, path)) != _exact(expected)
    }
    assert mismatches == {}
