"""The records import over HTTP: administrators only (others refused and logged), same checks, 413."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import Client, override_settings

from kopir.accounts.models import AccessLog, Role
from kopir.cases.models import Employee
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body, make_user
from tests.exchange.conftest import bodies, employees, jsonl

pytestmark = pytest.mark.django_db
URL = "/api/v1/records/imports"


def _files(employee_rows: list[dict] | None = None, **fields: str) -> dict[str, object]:
    return {
        "bodies": BytesIO(jsonl(bodies())),
        "employees": BytesIO(jsonl(employees() if employee_rows is None else employee_rows)),
        **fields,
    }


def test_without_signing_in_the_answer_is_401(client: Client) -> None:
    assert client.post(URL, _files()).status_code == 401
    assert not Employee.objects.exists()


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.HR_OFFICER, Role.BODY_HEAD, Role.ANALYST])
def test_other_roles_are_refused_and_logged(client: Client, role: Role) -> None:
    user = make_user(role, make_body("OWN") if role != Role.ANALYST else None)
    sign_in(client, user)
    response = client.post(URL, _files(), headers={"Accept-Language": "ru"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Импортировать записи может только администратор."
    assert not Employee.objects.exists()
    assert AccessLog.objects.filter(actor=user, action="refused", detail="records import").count() == 1


@pytest.fixture
def admin(client: Client) -> Client:
    sign_in(client, make_user(Role.ADMINISTRATOR, username="admin"))
    return client


def test_an_administrator_imports_and_the_import_is_logged(admin: Client) -> None:
    response = admin.post(URL, _files())
    assert response.status_code == 200
    assert response.json()["employees"] == {"new": 6, "unchanged": 0}
    assert Employee.objects.count() == 6
    log = AccessLog.objects.filter(actor__username="admin")
    assert log.filter(action="create", detail="records import: accepted").count() == 1
    assert log.filter(action="create", record_type="cases.employee").count() == 6


@pytest.mark.parametrize("in_query", [False, True])
def test_a_dry_run_over_http_writes_nothing(admin: Client, in_query: bool) -> None:
    response = admin.post(f"{URL}?dry_run=true", _files()) if in_query else admin.post(URL, _files(dry_run="true"))
    assert response.status_code == 200
    assert response.json()["dry_run"] is True
    assert not Employee.objects.exists()


def test_rejected_files_answer_422_in_the_request_language(admin: Client) -> None:
    rows = employees()
    rows[0]["iin"] = "900515401231"
    response = admin.post(URL, _files(rows), headers={"Accept-Language": "kk"})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["line"], error["field"], error["code"]) == (1, "iin", "iin_checksum")
    assert error["message"] == "ЖСН құрамындағы соңғы цифр бақылау цифрына сәйкес келмейді."
    assert "900515401231" not in response.content.decode()
    assert not Employee.objects.exists()


def test_a_missing_file_is_reported(admin: Client) -> None:
    response = admin.post(URL, {"bodies": BytesIO(jsonl(bodies()))})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "missing_file"


@override_settings(KOPIR_RECORDS_UPLOAD_MAX_BYTES=1000)
def test_an_oversized_upload_answers_413(admin: Client) -> None:
    response = admin.post(URL, _files())
    assert response.status_code == 413
    assert response.json()["detail"] == "The upload is larger than 1000 bytes."
    assert not Employee.objects.exists()


@override_settings(KOPIR_RECORDS_UPLOAD_MAX_BYTES=1000)
def test_the_size_is_refused_before_the_csrf_check_reads_the_upload() -> None:
    strict = Client(enforce_csrf_checks=True)
    sign_in(strict, make_user(Role.ADMINISTRATOR, username="admin"))
    assert strict.post(URL, _files()).status_code == 413
    with override_settings(KOPIR_RECORDS_UPLOAD_MAX_BYTES=10**9):
        assert strict.post(URL, _files()).status_code == 403  # the same request within the limit: no CSRF token
