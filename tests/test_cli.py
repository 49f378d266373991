"""``kopir calc``: the command-line door of contract v1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import REPO, make_request
from tests.rules.test_contract import REJECTED

EXAMPLE = REPO / "examples" / "contract-example.json"


def _kopir(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "kopir.cli", *args], input=stdin, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_calc_answers_the_contract_example(lang: str, response_schema: Draft202012Validator) -> None:
    result = _kopir("calc", "--lang", lang, str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    response = json.loads(result.stdout)
    response_schema.validate(response)
    assert response["total_net"] == 3227416
    assert "2776666.67" not in result.stdout  # no float noise; exact decimals only


def test_calc_reads_standard_input() -> None:
    result = _kopir("calc", stdin=EXAMPLE.read_text())
    assert result.returncode == 0
    assert json.loads(result.stdout)["payments"][1]["net"] == 1134000


def test_exact_decimals_survive_the_round_trip(tmp_path: Path) -> None:
    request = json.loads(EXAMPLE.read_text())
    request["income"] = {"average_so_base": 595000}
    request["event"]["complicated_birth"] = True
    path = tmp_path / "r.json"
    path.write_text(json.dumps(request))
    result = _kopir("calc", str(path))
    assert '"gross": 2776666.67' in result.stdout
    assert '"net": 2499000' in result.stdout


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"claimant": {"employment": "employee"}, "event": {"type": "birth"}}', "income"),
        ("{not json", "request"),
        (
            (
                '{"claimant": {"employment": "employee"}, "event": {"type": "birth", "birth_date": "2025-07-08"},'
                ' "income": {"monthly": [{"month": "2025-13", "so_base": 1}]}}'
            ),
            "income.monthly[0].month",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_bad_input_exits_2_with_errors_on_stderr_only(
    body: str, field: str, lang: str, errors_schema: Draft202012Validator
) -> None:
    result = _kopir("calc", "--lang", lang, stdin=body)
    assert result.returncode == 2
    assert result.stdout == ""
    errors = json.loads(result.stderr)
    errors_schema.validate(errors)
    assert field in [e["field"] for e in errors["errors"]]


@pytest.mark.parametrize(("case", "change", "field"), REJECTED, ids=[c[0] for c in REJECTED])
def test_every_required_rejection_exits_2_naming_the_field(case: str, change: Any, field: str) -> None:
    request = make_request()
    change(request)
    result = _kopir("calc", "--lang", "ru", stdin=json.dumps(request, default=str))
    assert result.returncode == 2, case
    assert result.stdout == ""
    assert field in [e["field"] for e in json.loads(result.stderr)["errors"]]
