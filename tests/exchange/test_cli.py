"""``kopir records import`` and ``kopir records export``: status 2 and the report on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kopir.accounts.models import AccessLog
from kopir.cases.models import Employee
from kopir.cli import main
from tests.exchange.conftest import EXAMPLE, bodies, employees, jsonl

pytestmark = pytest.mark.django_db


def _records(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["records", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_import_then_export(tmp_path: Path) -> None:
    status, out, _ = _records("import", str(EXAMPLE))
    assert status == 0
    assert json.loads(out)["employees"] == {"new": 6, "unchanged": 0}
    status, out, _ = _records("export", str(tmp_path))
    assert (status, json.loads(out)) == (0, {"bodies": 3, "employees": 6})
    assert len((tmp_path / "employees.jsonl").read_text().splitlines()) == 6
    assert AccessLog.objects.filter(action="export", detail="records export: 6 employees").count() == 1


def test_a_dry_run_writes_nothing() -> None:
    status, out, _ = _records("import", "--dry-run", str(EXAMPLE))
    assert (status, json.loads(out)["dry_run"]) == (0, True)
    assert not Employee.objects.exists()


def test_bad_input_exits_2_with_the_report_in_the_chosen_language(tmp_path: Path) -> None:
    rows = employees()
    rows[1]["separation"]["reason"] = "quit"
    (tmp_path / "bodies.jsonl").write_bytes(jsonl(bodies()))
    (tmp_path / "employees.jsonl").write_bytes(jsonl(rows))
    status, out, err = _records("import", "--lang", "ru", str(tmp_path))
    assert status == 2
    assert out == ""
    report = json.loads(err[err.index("{") :])
    [error] = report["errors"]
    assert (error["file"], error["line"], error["field"]) == ("employees.jsonl", 2, "separation.reason")
    assert error["message"].startswith("Допустимые значения")
    assert rows[1]["iin"] not in err
    assert not Employee.objects.exists()
