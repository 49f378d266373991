"""``kopir stats compute`` on imported records whose GRI 401-3 figures are worked out by hand.

One body, six people, the year 2025. The figures below are derived in the comments from the
methodology (docs/decisions/0009-indicator-engine.md, domain spec A.2), not read off the engine:

- Aigerim: maternity 2024, childcare to 31 Mar 2025, back 1 Apr 2025        -> due 2025, returned 2025
- Bota:    back 1 Jul 2024, still employed                                  -> returned 2024, retained
- Dana:    back 1 Feb 2024, resigned 15 Oct 2024                            -> returned 2024, not retained
- Elmira:  maternity from 1 Feb 2025, childcare into 2027                   -> took leave 2025, not due (still on leave)
- Farida:  maternity 2024, childcare 2025, resigned 31 Aug 2025 during it   -> took leave, due 2025, not returned
- Galym:   a father's childcare leave 15 Jan-30 Jun 2025, back 1 Jul 2025   -> took leave, due and returned 2025

took_leave 2025 (a day of maternity, adoption or childcare leave in 2025): Aigerim, Elmira, Farida (F=3), Galym (M=1).
due_to_return 2025 (leave ended in 2025, still-on-leave excluded): Aigerim, Farida (F=2), Galym (M=1).
returned 2025: Aigerim (F=1), Galym (M=1); return_rate F 1/2 = 50.0, M 1/1 = 100.0, all 2/3 = 66.7.
returned_prior_year (returned in 2024): Bota, Dana (F=2); retained_12m: Bota (F=1); retention_rate F 50.0.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kopir.cli import main
from kopir.reference.iin import make_iin
from tests.exchange.conftest import jsonl

pytestmark = pytest.mark.django_db

BODY = {
    "code": "KZ-71-TEST",
    "name": {"kk": "Сынақ министрлігі", "ru": "Министерство испытаний", "en": "Ministry of Trials"},
    "parent": None,
    "level": "central",
    "region": "KZ-71",
}


def _person(
    serial: int, sex: str, born: str, episode: dict[str, Any], separation: dict[str, str] | None = None
) -> dict[str, Any]:
    ends = separation["date"] if separation else None
    return {
        "ref": f"T-{serial}",
        "iin": make_iin(date.fromisoformat(born), {"F": "female", "M": "male"}[sex], serial),
        "sex": sex,
        "birth_date": born,
        "body": "KZ-71-TEST",
        "appointments": [
            {
                "from": "2015-01-05",
                "to": ends,
                "body": "KZ-71-TEST",
                "position": "Chief expert",
                "corps": "B",
                "category": "C-4",
                "managerial_level": "specialist",
                "monthly_pay": 400000,
            }
        ],
        "children": [{"birth_date": episode["child_birth_date"], "adopted": False}],
        "episodes": [episode],
        "separation": separation,
    }


def _episode(child: str, segments: list[tuple[str, str, str]], back: str | None) -> dict[str, Any]:
    return {
        "child_birth_date": child,
        "segments": [{"kind": kind, "start": start, "end": end} for kind, start, end in segments],
        "return": {"date": back, "mode": "same_post"} if back else None,
    }


PEOPLE = [
    _person(
        101,
        "F",
        "1990-03-14",
        _episode(
            "2024-03-10",
            [("maternity", "2024-01-10", "2024-05-20"), ("childcare", "2024-05-21", "2025-03-31")],
            "2025-04-01",
        ),
    ),
    _person(
        102,
        "F",
        "1991-07-02",
        _episode(
            "2023-05-01",
            [("maternity", "2023-03-01", "2023-07-01"), ("childcare", "2023-07-02", "2024-06-30")],
            "2024-07-01",
        ),
    ),
    _person(
        103,
        "F",
        "1989-11-20",
        _episode(
            "2022-12-01",
            [("maternity", "2022-10-01", "2023-02-01"), ("childcare", "2023-02-02", "2024-01-31")],
            "2024-02-01",
        ),
        {"date": "2024-10-15", "reason": "resignation", "destination": "private_sector"},
    ),
    _person(
        104,
        "F",
        "1993-01-25",
        _episode(
            "2025-04-01",
            [("maternity", "2025-02-01", "2025-06-10"), ("childcare", "2025-06-11", "2027-01-31")],
            None,
        ),
    ),
    _person(
        105,
        "F",
        "1994-06-08",
        _episode(
            "2024-10-30",
            [("maternity", "2024-09-01", "2025-01-05"), ("childcare", "2025-01-06", "2025-08-31")],
            None,
        ),
        {"date": "2025-08-31", "reason": "resignation", "destination": "not_working"},
    ),
    _person(
        106,
        "M",
        "1988-09-30",
        _episode("2024-11-20", [("childcare", "2025-01-15", "2025-06-30")], "2025-07-01"),
    ),
]

EXPECTED = {
    # (indicator, sex): (value, numerator, denominator)
    ("took_leave", "F"): (3, None, None),
    ("took_leave", "M"): (1, None, None),
    ("took_leave", "all"): (4, None, None),
    ("due_to_return", "F"): (2, None, None),
    ("due_to_return", "M"): (1, None, None),
    ("returned", "F"): (1, None, None),
    ("returned", "M"): (1, None, None),
    ("return_rate", "F"): (Decimal("50.0"), 1, 2),
    ("return_rate", "M"): (Decimal("100.0"), 1, 1),
    ("return_rate", "all"): (Decimal("66.7"), 2, 3),
    ("returned_prior_year", "F"): (2, None, None),
    ("returned_prior_year", "all"): (2, None, None),
    ("retained_12m", "F"): (1, None, None),
    ("retention_rate", "F"): (Decimal("50.0"), 1, 2),
    ("retention_rate", "all"): (Decimal("50.0"), 1, 2),
}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def _figures(out: str) -> dict[tuple[str, str], tuple[Any, Any, Any]]:
    figures = {}
    for cell in json.loads(out, parse_float=Decimal):
        if cell["breakdown"] == "":  # the command prints the total, or the one body's cells
            value = cell["value"]
            if isinstance(value, str):
                value = Decimal(value)
            figures[cell["indicator"], cell["sex"]] = (value, cell.get("numerator"), cell.get("denominator"))
    return figures


@pytest.mark.parametrize("body", [None, "KZ-71-TEST"])
def test_the_gri_figures_of_a_hand_built_record_set(tmp_path: Path, body: str | None) -> None:
    (tmp_path / "bodies.jsonl").write_bytes(jsonl([BODY]))
    (tmp_path / "employees.jsonl").write_bytes(jsonl(PEOPLE))
    status, _ = _run("records", "import", str(tmp_path))
    assert status == 0

    status, out = _run("stats", "compute", "--year", "2025", "--json", *(["--body", body] if body else []))
    assert status == 0
    figures = _figures(out)
    for key, expected in EXPECTED.items():
        value, numerator, denominator = figures[key]
        if expected[1] is None:
            assert value == expected[0], key
        else:
            assert (value, numerator, denominator) == expected, key


def test_an_unknown_body_is_refused_by_name() -> None:
    result = CliRunner().invoke(main, ["stats", "compute", "--year", "2025", "--body", "KZ-00-NONE"])
    assert result.exit_code == 2
    assert "KZ-00-NONE" in result.stderr
