"""The example record set (examples/records), lines built from it, and an import helper."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from kopir.exchange.importing import ImportResult, import_records

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "records"
BODIES: list[dict[str, Any]] = [json.loads(line) for line in (EXAMPLE / "bodies.jsonl").read_text().splitlines()]
EMPLOYEES: list[dict[str, Any]] = [json.loads(line) for line in (EXAMPLE / "employees.jsonl").read_text().splitlines()]


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def jsonl(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()


def bodies() -> list[dict[str, Any]]:
    return copy.deepcopy(BODIES)


def employees() -> list[dict[str, Any]]:
    return copy.deepcopy(EMPLOYEES)


def run_import(
    body_rows: list[dict[str, Any]] | None = None,
    employee_rows: list[dict[str, Any]] | None = None,
    *,
    dry_run: bool = False,
) -> ImportResult:
    return import_records(
        jsonl(bodies() if body_rows is None else body_rows),
        jsonl(employees() if employee_rows is None else employee_rows),
        dry_run=dry_run,
        actor=None,
    )


def problems(result: ImportResult) -> set[tuple[str, int, str, str]]:
    return {(p.file, p.line, p.path, p.reason.code) for p in result.problems}
