"""Hostile lines in a records import: each reported at its line with its field, never a traceback.

The same nesting that once ended ``kopir records import`` with a traceback and exit status 1, and
``POST /api/v1/records/imports`` with a 500, is now a line of the report: exit status 2 (nothing on
standard output) and HTTP 422, in the caller's language; nothing is written.
"""

from __future__ import annotations

import json
import tracemalloc
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.test import Client

from kopir.accounts.models import Role
from kopir.cases.models import Employee
from kopir.cli import main
from kopir.exchange.lines import MAX_LINE_BYTES
from kopir.exchange.parsing import parse_employees
from kopir.exchange.problems import Problem
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_user
from tests.exchange.conftest import bodies, employees, jsonl

pytestmark = pytest.mark.django_db
URL = "/api/v1/records/imports"


def _employee_lines(replace_second: bytes) -> bytes:
    """The example's employees.jsonl with its second line replaced."""
    lines = jsonl(employees()).splitlines(keepends=True)
    lines[1] = replace_second + b"\n"
    return b"".join(lines)


def _second_with(path: tuple[str | int, ...], literal: str) -> bytes:
    """The example's second employee with one value replaced by a literal JSON text (not a Python value)."""
    row = employees()[1]
    target = row
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = "@@VALUE@@"
    return json.dumps(row).replace('"@@VALUE@@"', literal).encode()


PAY = ("appointments", 0, "monthly_pay")
SECOND = json.dumps(employees()[1])
# (the second line of employees.jsonl, the field reported, the code)
HOSTILE: dict[str, tuple[bytes, str, str]] = {
    "nested 30,000 deep": (b"[" * 30_000 + b"]" * 30_000, "$", "too_deep"),
    "5,000-digit pay": (_second_with(PAY, "9" * 5000), "appointments[0].monthly_pay", "too_many_digits"),
    "NaN pay": (_second_with(PAY, "NaN"), "appointments[0].monthly_pay", "not_a_number"),
    "Infinity pay": (_second_with(PAY, "Infinity"), "appointments[0].monthly_pay", "not_a_number"),
    "1e999999 pay": (_second_with(PAY, "1e999999"), "appointments[0].monthly_pay", "number_out_of_range"),
    "a key twice": (SECOND.replace('"sex": ', '"sex": "F", "sex": ').encode(), "sex", "duplicate_key"),
    "a date in year 9999": (_second_with(("birth_date",), '"9999-01-01"'), "birth_date", "date_out_of_range"),
    "a date in year 1066": (
        _second_with(("children", 0, "birth_date"), '"1066-10-14"'),
        "children[0].birth_date",
        "date_out_of_range",
    ),
    "bad UTF-8": (SECOND.encode().replace(b'"ref"', b'"r\xffef"'), "$", "not_utf8"),
    "UTF-16": (SECOND.encode("utf-16"), "$", "not_utf8"),
    "not JSON": (b"{not json", "$", "not_json"),
    "a line over the limit": (b"[" + b" " * (MAX_LINE_BYTES + 10) + b"]", "$", "line_too_long"),
}


def _found(report: dict) -> set[tuple[int, str, str]]:
    return {(error["line"], error["field"], error["code"]) for error in report["errors"]}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_cli_exits_2_naming_the_line_and_field(tmp_path: Path, name: str) -> None:
    line, field, code = HOSTILE[name]
    (tmp_path / "bodies.jsonl").write_bytes(jsonl(bodies()))
    (tmp_path / "employees.jsonl").write_bytes(_employee_lines(line))
    result = CliRunner().invoke(main, ["records", "import", "--lang", "ru", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    report = json.loads(result.stderr[result.stderr.index("{") :])
    assert (2, field, code) in _found(report)
    assert not Employee.objects.exists()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_upload_is_a_422_naming_the_line_and_field(client: Client, name: str) -> None:
    line, field, code = HOSTILE[name]
    sign_in(client, make_user(Role.ADMINISTRATOR, username="admin"))
    files = {"bodies": BytesIO(jsonl(bodies())), "employees": BytesIO(_employee_lines(line))}
    response = client.post(URL, files, headers={"Accept-Language": "kk"})
    assert response.status_code == 422
    assert (2, field, code) in _found(response.json())
    assert not Employee.objects.exists()


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "nested deeper than 16"), ("ru", "Вложенность этой строки"), ("kk", "кірістірілуі")]
)
def test_the_report_speaks_the_chosen_language(tmp_path: Path, lang: str, words: str) -> None:
    (tmp_path / "bodies.jsonl").write_bytes(jsonl(bodies()))
    (tmp_path / "employees.jsonl").write_bytes(_employee_lines(b"[" * 100))
    result = CliRunner().invoke(main, ["records", "import", "--lang", lang, str(tmp_path)], catch_exceptions=False)
    report = json.loads(result.stderr[result.stderr.index("{") :])
    assert words in report["errors"][0]["message"]


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_files_are_refused_clearly(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "bodies.jsonl").write_bytes(content)
    (tmp_path / "employees.jsonl").write_bytes(content)
    result = CliRunner().invoke(main, ["records", "import", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 2
    report = json.loads(result.stderr[result.stderr.index("{") :])
    assert _found(report) == {(0, "", "empty_file")}
    assert "nothing to import" in report["errors"][0]["message"]


def test_bad_utf8_is_reported_at_its_real_line_and_the_others_are_read(tmp_path: Path) -> None:
    lines = jsonl(employees()).splitlines(keepends=True)
    lines[4] = lines[4].replace(b'"ref"', b'"r\xc3"', 1)
    (tmp_path / "bodies.jsonl").write_bytes(jsonl(bodies()))
    (tmp_path / "employees.jsonl").write_bytes(b"".join(lines))
    result = CliRunner().invoke(main, ["records", "import", str(tmp_path)], catch_exceptions=False)
    report = json.loads(result.stderr[result.stderr.index("{") :])
    assert _found(report) == {(5, "$", "not_utf8")}


def test_a_huge_line_in_a_file_is_read_past_without_holding_it(tmp_path: Path) -> None:
    path = tmp_path / "employees.jsonl"
    with path.open("wb") as stream:
        stream.write(b'["')
        for _ in range(20):
            stream.write(b"x" * 1024 * 1024)
        stream.write(b'"]\n' + jsonl(employees()[:1]))
    found: list[Problem] = []
    tracemalloc.start()
    try:
        records = parse_employees(path, found)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(problem.line, problem.reason.code) for problem in found] == [(1, "line_too_long")]
    assert [number for number, _ in records] == [2]
    assert peak < 4 * MAX_LINE_BYTES  # a 20 MB line, never more than a few of its megabytes in memory


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
@pytest.mark.parametrize("extra", [0, 1])
def test_a_line_at_the_limit_with_its_line_ending(ending: bytes, extra: int) -> None:
    """A line of exactly the limit is read (its line ending does not count); one byte more is refused."""
    from kopir.exchange.lines import read_lines  # noqa: PLC0415

    value = b'{"a": "' + b"x" * (MAX_LINE_BYTES - 9 + extra) + b'"}'
    assert len(value) == MAX_LINE_BYTES + extra
    [(number, parsed, problem)] = list(read_lines(value + ending + b"\n"))
    assert number == 1
    if extra:
        assert (parsed, problem) == (None, ("$", problem[1], {"limit": MAX_LINE_BYTES}))
        assert problem[1].code == "line_too_long"
    else:
        assert (len(parsed["a"]), problem) == (MAX_LINE_BYTES - 9, None)
