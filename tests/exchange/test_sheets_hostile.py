"""Hostile spreadsheets get a report naming the place, never a crash: a zip bomb, XML entities, formulas,
too many rows, wrong types, not a workbook at all, a CSV that is not UTF-8; and over HTTP a 4xx."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.test import Client

from kopir.accounts.models import Role
from kopir.cases.models import Employee
from kopir.exchange import sheet_reading
from kopir.exchange.sheet_import import import_csv, import_workbook, sheets_report
from kopir.exchange.sheet_layout import BODIES_SHEET, EMPLOYEES_SHEET, SHEET_COLUMNS
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_user
from tests.exchange.conftest import bodies, employees
from tests.exchange.sheets import cells, from_template, workbook

pytestmark = pytest.mark.django_db


def _codes(result: Any) -> set[str]:
    return {c.reason.code for c in result.problems}


def test_a_zip_bomb_is_refused_before_it_is_inflated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_reading, "MAX_UNPACKED_BYTES", 10 * 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))  # 20 MB of zeros, ~20 KB packed
    assert len(out.getvalue()) < 100 * 1024
    result = import_workbook(out.getvalue(), dry_run=False, actor=None)
    assert [(c.sheet, c.row, c.reason.code) for c in result.problems] == [("", 0, "unpacked_too_large")]


def _with_sheet_xml(data: bytes, replace: Any) -> bytes:
    """The workbook with its employees sheet's XML rewritten."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            target.writestr(entry, replace(content) if entry.filename == "xl/worksheets/sheet2.xml" else content)
    return out.getvalue()


def test_xml_entities_are_refused_not_expanded() -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = _with_sheet_xml(
        from_template(bodies(), employees()), lambda xml: laughs + re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
    )
    result = import_workbook(data, dry_run=False, actor=None)
    assert _codes(result) == {"not_a_workbook"}
    assert not Employee.objects.exists()


@pytest.mark.parametrize("data", [b"", b'{"code": 1}\n', b"PK\x03\x04 broken", b"\x89PNG\r\n\x1a\n" + b"\0" * 100])
def test_what_is_not_a_workbook_is_said_so(data: bytes) -> None:
    assert _codes(import_workbook(data, dry_run=False, actor=None)) == {"not_a_workbook"}


def test_a_formula_is_refused_at_its_cell_even_with_a_good_cached_value() -> None:
    header = list(SHEET_COLUMNS[EMPLOYEES_SHEET])
    data = workbook(
        {
            BODIES_SHEET: [list(SHEET_COLUMNS[BODIES_SHEET])],
            EMPLOYEES_SHEET: [header, ["employee", "R-1", '=CONCATENATE("9005","15401230")', "F", "1990-05-15", "B"]],
        }
    )
    result = import_workbook(data, dry_run=False, actor=None)
    assert (EMPLOYEES_SHEET, 2, "iin", "formula") in cells(result)
    formulas = [e for e in sheets_report(result.problems, "en")["errors"] if e["code"] == "formula"]
    assert [(e["row"], e["column"]) for e in formulas] == [(2, "C")]


def test_too_many_rows_stop_at_the_first_row_too_many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_reading, "MAX_ROWS", 5)
    result = import_workbook(from_template(bodies(), employees()), dry_run=False, actor=None)
    assert (EMPLOYEES_SHEET, 6, "row", "too_many_rows") in cells(result)
    assert not Employee.objects.exists()


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("birth_date", 12345, "not_date"),
        ("birth_date", True, "not_date"),
        ("iin", 900515401230, "not_text"),  # typed as a number: it would lose a leading zero
        ("sex", 1.5, "not_choice"),
    ],
)
def test_a_value_of_the_wrong_type_is_named_at_its_cell(column: str, value: Any, code: str) -> None:
    people = employees()
    people[0][column] = value
    result = import_workbook(from_template(bodies(), people), dry_run=False, actor=None)
    assert (EMPLOYEES_SHEET, 2, column, code) in cells(result)


def test_missing_sheets_are_named() -> None:
    result = import_workbook(workbook({"Sheet": [["x"]]}), dry_run=False, actor=None)
    assert {(c.sheet, c.reason.code) for c in result.problems} == {
        (BODIES_SHEET, "missing_sheet"),
        (EMPLOYEES_SHEET, "missing_sheet"),
    }


def test_a_csv_that_is_not_utf8_names_its_row() -> None:
    result = import_csv(None, b"row,ref\nemployee,\xff\xfe\n", dry_run=False, actor=None)
    assert (EMPLOYEES_SHEET, 2, "", "not_utf8") in cells(result)


def test_a_huge_csv_field_is_refused() -> None:
    result = import_csv(None, b"row,ref\nemployee," + b"x" * 200_000 + b"\n", dry_run=False, actor=None)
    assert "cell_too_long" in _codes(result)


def test_over_http_a_hostile_workbook_is_a_422_naming_the_problem(client: Client) -> None:
    sign_in(client, make_user(Role.ADMINISTRATOR, username="admin"))
    response = client.post("/api/v1/records/imports", {"workbook": io.BytesIO(b"not a zip at all")})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "not_a_workbook"
