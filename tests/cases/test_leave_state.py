"""The leave chain's state: the rules over plain data, and the one place every caller takes them from."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from kopir.cases.leave_state import Stretch, is_protected, status_on, third_birthday, third_birthday_eve
from kopir.cases.models import EpisodeStatus

SRC = Path(__file__).resolve().parents[2] / "src" / "kopir"
STATE_MODULE = "kopir.cases.leave_state"
CHAIN = [
    Stretch("maternity", date(2025, 5, 1), date(2025, 8, 18)),
    Stretch("childcare", date(2025, 9, 1), date(2026, 8, 31)),
    Stretch("annual", date(2025, 8, 19), date(2025, 8, 25)),
]


@dataclass
class _Child:
    birth_date: date | None
    expected_birth: date | None = None


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2025, 4, 30), EpisodeStatus.PLANNED),
        (date(2025, 5, 1), EpisodeStatus.MATERNITY),
        (date(2025, 8, 19), EpisodeStatus.ANNUAL),
        (date(2025, 8, 28), EpisodeStatus.BETWEEN),
        (date(2026, 8, 31), EpisodeStatus.CHILDCARE),
        (date(2026, 9, 1), EpisodeStatus.RETURN_DUE),
    ],
)
def test_the_calendar_says_what_an_open_episode_is(today: date, status: EpisodeStatus) -> None:
    assert status_on(CHAIN, returned=False, exited=False, today=today) == status


def test_a_return_then_a_separation_closes_the_episode_whatever_the_calendar_says() -> None:
    on_leave = date(2025, 6, 1)
    assert status_on(CHAIN, returned=True, exited=True, today=on_leave) == EpisodeStatus.RETURNED
    assert status_on(CHAIN, returned=False, exited=True, today=on_leave) == EpisodeStatus.EXITED
    assert status_on([], returned=False, exited=False, today=on_leave) == EpisodeStatus.PLANNED


def test_protection_runs_from_pregnancy_to_the_eve_of_the_third_birthday() -> None:
    born = date(2025, 7, 8)
    assert third_birthday(born) == date(2028, 7, 8)
    assert third_birthday_eve(born) == date(2028, 7, 7)
    assert is_protected([_Child(born)], date(2028, 7, 7))
    assert not is_protected([_Child(born)], date(2028, 7, 8))
    assert is_protected([_Child(None, expected_birth=date(2025, 7, 8))], date(2025, 7, 8))
    assert not is_protected([_Child(None, expected_birth=date(2025, 7, 8))], date(2025, 7, 9))
    assert not is_protected([], date(2025, 7, 8))


def test_a_leap_day_birth_has_its_third_birthday_on_the_last_day_of_february() -> None:
    assert third_birthday(date(2024, 2, 29)) == date(2027, 2, 28)


def _modules() -> dict[str, ast.Module]:
    return {
        ".".join(path.relative_to(SRC.parent).with_suffix("").parts): ast.parse(path.read_text(encoding="utf-8"))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
    }


def _imported_from_state(tree: ast.Module) -> set[str]:
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == STATE_MODULE
        for alias in node.names
    }


def test_every_caller_takes_the_state_from_the_one_module() -> None:
    modules = _modules()
    callers = {
        "kopir.cases.services.leave": {"status_on", "third_birthday_eve"},
        "kopir.cases.services.outcomes": {"is_protected"},
        "kopir.cases.views": {"is_protected"},
        "kopir.cases.demo.leave": {"status_on", "is_protected", "third_birthday_eve"},
        "kopir.exchange.importing": {"status_on"},
        "kopir.exchange.parsing": {"third_birthday_eve"},
    }
    for module, names in callers.items():
        assert names <= _imported_from_state(modules[module]), module


def test_no_other_module_writes_the_state_again() -> None:
    """No second definition of the rules, no second segment-to-status table, no second three-year clock."""
    rule_names = {"status_on", "is_protected", "third_birthday", "third_birthday_eve", "SEGMENT_STATUS"}
    for module, tree in _modules().items():
        if module == STATE_MODULE:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                assert node.name.lstrip("_") not in rule_names, f"{module}: {node.name}"
            if isinstance(node, ast.Assign):
                targets = {t.id for t in node.targets if isinstance(t, ast.Name)}
                assert not targets & rule_names, f"{module}: {targets}"
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "add_months":
                months = node.args[1] if len(node.args) > 1 else None
                assert not (isinstance(months, ast.Constant) and months.value == 36), f"{module}: line {node.lineno}"
