"""Spreadsheets in (issue 18): a workbook made from the template imports to the same records as the
JSON Lines example, and every JSON Lines rejection has its twin naming sheet, row and column."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from openpyxl import load_workbook

from kopir.cases.models import Employee
from kopir.exchange.exporting import body_records, employee_records
from kopir.exchange.importing import import_records
from kopir.exchange.sheet_import import import_csv, import_workbook, sheets_report
from kopir.exchange.sheet_layout import BODIES_SHEET, EMPLOYEES_SHEET, SHEET_COLUMNS, body_row, employee_rows
from kopir.exchange.sheet_writing import workbook_template, write_workbook
from kopir.organisation.models import StateBody
from tests.exchange.conftest import EXAMPLE, bodies, employees
from tests.exchange.sheets import cells, from_template, workbook
from tests.exchange.test_rejections import BODY_CASES, EMPLOYEE_CASES

pytestmark = pytest.mark.django_db
STRUCTURAL = {"not_list", "not_object", "unknown_field"}
"""JSON shapes a sheet cannot hold (a list where an object goes); their twins are tested on their own."""


def _import_example() -> Any:
    example = (EXAMPLE / "bodies.jsonl").read_bytes(), (EXAMPLE / "employees.jsonl").read_bytes()
    return import_records(*example, dry_run=False, actor=None)


def _held() -> tuple[list[Any], list[Any]]:
    return [b.to_json() for b in body_records()], [e.to_json() for e in employee_records()]


def test_a_workbook_from_the_template_imports_to_the_same_records_as_the_json_lines() -> None:
    with transaction.atomic():
        assert _import_example().accepted
        from_json_lines = _held()
        transaction.set_rollback(True)
    assert not Employee.objects.exists()
    result = import_workbook(from_template(bodies(), employees(), lang="kk"), dry_run=False, actor=None)
    assert result.accepted, sheets_report(result.problems, "en")
    assert result.summary()["employees"] == {"new": 6, "unchanged": 0}
    assert _held() == from_json_lines
    again = import_workbook(from_template(bodies(), employees()), dry_run=False, actor=None)
    assert again.summary()["employees"] == {"new": 0, "unchanged": 6}  # idempotent, as the JSON Lines import


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...], delimiter: str = ",") -> bytes:
    def text(value: Any) -> str:
        return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)

    lines = [delimiter.join(columns)] + [delimiter.join(text(row.get(c)) for c in columns) for row in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def test_csv_files_import_to_the_same_records() -> None:
    body_csv = _csv([body_row(b) for b in bodies()], SHEET_COLUMNS[BODIES_SHEET], ";")
    people = [row for person in employees() for row in employee_rows(person)]
    result = import_csv(body_csv, _csv(people, SHEET_COLUMNS[EMPLOYEES_SHEET]), dry_run=False, actor=None)
    assert result.accepted, sheets_report(result.problems, "en")
    assert Employee.objects.count() == 6


def _cell_of(person: dict[str, Any], path: str) -> tuple[int, str]:
    """The row (the person is written from row 2) and column where `path` of her JSON object is written."""
    rows = employee_rows(person)
    leaf = re.split(r"[.\]]", path)[-1] or "row"
    leaf = "row" if "[" in leaf or leaf in ("appointments", "children", "episodes") else leaf
    wanted: Callable[[int, dict[str, Any]], bool]
    if match := re.match(r"(appointments|children)\[(\d+)\]", path):
        kind, index = {"appointments": "appointment", "children": "child"}[match[1]], int(match[2])
        wanted = lambda i, r: r["row"] == kind and [x["row"] for x in rows[:i]].count(kind) == index  # noqa: E731
    elif match := re.match(r"episodes\[(\d+)\]\.segments\[(\d+)\]", path):
        wanted = lambda i, r: r["row"] == "segment" and [x["row"] for x in rows[:i]].count("segment") == int(match[2])  # noqa: E731
    elif re.match(r"episodes\[\d+\]\.return", path):
        wanted = lambda i, r: r["row"] == "return"  # noqa: E731
    elif path.startswith("episodes"):
        wanted = lambda i, r: r["row"] == "segment"  # noqa: E731 - the episode's first segment names its child
    elif path.startswith("separation"):
        wanted = lambda i, r: r["row"] == "separation"  # noqa: E731
    else:
        wanted = lambda i, r: r["row"] == "employee"  # noqa: E731
    return next(2 + i for i, r in enumerate(rows) if wanted(i, r)), leaf


@pytest.mark.parametrize(("code", "change", "path"), [case for case in EMPLOYEE_CASES if case[0] not in STRUCTURAL])
def test_each_employee_rejection_has_its_twin_at_the_cell(code: str, change: Callable[[Any], None], path: str) -> None:
    people = employees()
    change(people[0])
    result = import_workbook(from_template(bodies(), people), dry_run=False, actor=None)
    row, column = _cell_of(people[0], path)
    assert (EMPLOYEES_SHEET, row, column, code) in cells(result), sheets_report(result.problems, "en")
    assert not StateBody.objects.exists()
    assert not Employee.objects.exists()


@pytest.mark.parametrize(("code", "change", "path"), [case for case in BODY_CASES if case[0] not in STRUCTURAL])
def test_each_body_rejection_has_its_twin_at_the_cell(code: str, change: Callable[[Any], None], path: str) -> None:
    rows = bodies()
    change(rows[0])
    result = import_workbook(from_template(rows, employees()), dry_run=False, actor=None)
    assert (BODIES_SHEET, 2, path.replace(".", "_"), code) in cells(result)
    assert not StateBody.objects.exists()


def test_an_unknown_column_is_named_at_its_header_cell() -> None:
    extra = {EMPLOYEES_SHEET: {"nmae": "x"}, BODIES_SHEET: {"name_de": "Finanzministerium"}}
    result = import_workbook(from_template(bodies(), employees(), extra=extra), dry_run=False, actor=None)
    report = sheets_report(result.problems, "en")["errors"]
    assert {(e["sheet"], e["row"], e["column"], e["code"]) for e in report} == {
        (BODIES_SHEET, 1, "H", "unknown_field"),
        (EMPLOYEES_SHEET, 1, "W", "unknown_field"),
    }
    assert not Employee.objects.exists()


def test_twins_of_line_level_problems_duplicates_refer_to_rows() -> None:
    people = employees()
    people.append(dict(people[0]))  # the same reference and IIN again
    result = import_workbook(from_template(bodies(), people), dry_run=False, actor=None)
    last = 2 + sum(len(employee_rows(p)) for p in people[:-1])
    duplicates = [c for c in result.problems if c.reason.code == "duplicate_ref"]
    assert [(c.row, c.field, c.params) for c in duplicates] == [(last, "ref", (("line", "2"),))]
    assert duplicates[0].message("en") == "This reference is already used for the body in row 2."


def test_rows_the_layout_cannot_place() -> None:
    header = list(SHEET_COLUMNS[EMPLOYEES_SHEET])
    result = import_workbook(
        workbook(
            {
                BODIES_SHEET: [list(SHEET_COLUMNS[BODIES_SHEET])],
                EMPLOYEES_SHEET: [header, ["child", None, None, None, "2020-01-01"], ["parent"]],
            }
        ),
        dry_run=False,
        actor=None,
    )
    assert {(c.row, c.field, c.reason.code) for c in result.problems} >= {
        (2, "row", "row_before_employee"),
        (3, "row", "not_choice"),
    }


def test_the_template_describes_its_columns_in_each_language() -> None:
    for lang, title, words in (
        ("en", "Columns", "the IIN, 12 digits"),
        ("ru", "Столбцы", "ИИН"),
        ("kk", "Бағандар", "ЖСН"),
    ):
        book = load_workbook(io.BytesIO(workbook_template(lang)))
        assert book.sheetnames == [BODIES_SHEET, EMPLOYEES_SHEET, title]
        assert [c.value for c in book[EMPLOYEES_SHEET][1]] == list(SHEET_COLUMNS[EMPLOYEES_SHEET])
        guide = {row[1]: row[2] for row in book[title].iter_rows(min_row=2, values_only=True)}
        assert words in str(guide["iin"])
        assert words in str(book[EMPLOYEES_SHEET]["C1"].comment.text)


def test_export_to_xlsx_reads_back_the_same_records() -> None:
    assert _import_example().accepted
    held = _held()
    out = io.BytesIO()
    write_workbook(out, held[0], held[1], "ru")
    book = load_workbook(io.BytesIO(out.getvalue()), read_only=True)
    assert book[EMPLOYEES_SHEET]["A2"].value == "employee"
    again = import_workbook(out.getvalue(), dry_run=True, actor=None)
    assert again.summary()["employees"] == {"new": 0, "unchanged": 6}
