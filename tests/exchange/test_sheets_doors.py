"""Spreadsheets through the doors: ``kopir records import|export|template`` and the administrator's upload."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from kopir.accounts.models import AccessLog, Role
from kopir.cases.models import Employee
from kopir.cli import main
from kopir.exchange.sheet_layout import BODIES_SHEET, EMPLOYEES_SHEET, SHEET_COLUMNS, body_row, employee_rows
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body, make_user
from tests.exchange.conftest import bodies, employees
from tests.exchange.sheets import from_template

pytestmark = pytest.mark.django_db
URL = "/api/v1/records/imports"


def _records(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["records", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _broken() -> list[dict]:
    people = employees()
    people[0]["sex"] = "W"
    return people


def test_the_command_imports_a_workbook_and_refuses_a_bad_one_with_status_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(from_template(bodies(), _broken()))
    status, _, err = _records("import", "--lang", "ru", str(bad))
    assert status == 2
    (error,) = json.loads(err[err.index("{") :])["errors"]
    assert (error["sheet"], error["row"], error["column"], error["field"]) == (EMPLOYEES_SHEET, 2, "D", "sex")
    assert error["message"] == "Допустимые значения: F, M."
    assert not Employee.objects.exists()
    good = tmp_path / "records.xlsx"
    good.write_bytes(from_template(bodies(), employees()))
    status, out, _ = _records("import", str(good))
    assert (status, json.loads(out)["employees"]) == (0, {"new": 6, "unchanged": 0})


def test_the_command_imports_two_csv_files(tmp_path: Path) -> None:
    for name, rows in ((BODIES_SHEET, [body_row(b) for b in bodies()]), (EMPLOYEES_SHEET, employees())):
        columns = SHEET_COLUMNS[name]
        table = rows if name == BODIES_SHEET else [r for person in rows for r in employee_rows(person)]
        text = [",".join(columns)] + [
            ",".join(
                "" if r.get(c) is None else str(r[c]).lower() if isinstance(r[c], bool) else str(r[c]) for c in columns
            )
            for r in table
        ]
        (tmp_path / f"{name}.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    status, out, err = _records("import", "--dry-run", str(tmp_path))
    assert status == 0, err
    assert json.loads(out)["employees"] == {"new": 6, "unchanged": 0}


def test_export_to_xlsx_and_the_template(tmp_path: Path) -> None:
    assert _records("import", str(Path(__file__).resolve().parents[2] / "examples" / "records"))[0] == 0
    status, out, _ = _records("export", "--xlsx", "--lang", "kk", str(tmp_path))
    assert (status, json.loads(out)) == (0, {"bodies": 3, "employees": 6})
    book = load_workbook(tmp_path / "records.xlsx", read_only=True)
    assert book.sheetnames == [BODIES_SHEET, EMPLOYEES_SHEET, "Бағандар"]
    assert sum(1 for row in book[EMPLOYEES_SHEET].iter_rows(min_row=2) if row[0].value == "employee") == 6
    assert AccessLog.objects.filter(action="export", detail="records export (XLSX): 6 employees").count() == 1
    status, _, _ = _records("template", "--lang", "ru", str(tmp_path / "template.xlsx"))
    assert status == 0
    assert "Столбцы" in load_workbook(tmp_path / "template.xlsx").sheetnames


@pytest.fixture
def admin(client: Client) -> Client:
    sign_in(client, make_user(Role.ADMINISTRATOR, username="admin"))
    return client


def test_the_administrator_uploads_a_workbook(admin: Client) -> None:
    refused = admin.post(
        URL, {"workbook": io.BytesIO(from_template(bodies(), _broken()))}, headers={"Accept-Language": "kk"}
    )
    assert refused.status_code == 422
    (error,) = refused.json()["errors"]
    assert (error["sheet"], error["row"], error["column"], error["code"]) == (EMPLOYEES_SHEET, 2, "D", "not_choice")
    accepted = admin.post(URL, {"workbook": io.BytesIO(from_template(bodies(), employees()))})
    assert accepted.status_code == 200
    assert Employee.objects.count() == 6
    log = AccessLog.objects.filter(actor__username="admin", detail__startswith="records import:")
    assert list(log.order_by("pk").values_list("detail", flat=True)) == [
        "records import: rejected, 1 problems",
        "records import: accepted",
    ]


def test_the_administrator_uploads_csv_files(admin: Client) -> None:
    columns = SHEET_COLUMNS[BODIES_SHEET]
    body_csv = "\n".join([",".join(columns)] + [",".join(str(body_row(b)[c] or "") for c in columns) for b in bodies()])
    files = {
        "bodies": SimpleUploadedFile("bodies.csv", body_csv.encode()),
        "employees": SimpleUploadedFile("employees.csv", b"row,ref\nemployee,X-1\n"),
    }
    response = admin.post(URL, files)
    assert response.status_code == 422
    fields = {(e["sheet"], e["row"], e["field"], e["code"]) for e in response.json()["errors"]}
    assert (EMPLOYEES_SHEET, 2, "iin", "missing") in fields
    assert not Employee.objects.exists()


def test_anyone_signed_in_downloads_the_template_in_her_language(client: Client) -> None:
    sign_in(client, make_user(Role.HR_OFFICER, make_body("OWN")))
    response = client.get("/api/v1/records/template?lang=ru")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kopir-records-ru.xlsx"'
    assert "Столбцы" in load_workbook(io.BytesIO(response.content)).sheetnames
