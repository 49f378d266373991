"""Imported records on the HR pages: listed, opened, named by their reference (the format has no names)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kopir.accounts.models import Role
from kopir.cases.models import Employee
from kopir.organisation.models import StateBody
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_user
from tests.exchange.conftest import run_import

pytestmark = pytest.mark.django_db


def test_an_hr_officer_sees_the_imported_employees_of_her_body(client: Client) -> None:
    assert run_import().accepted
    sign_in(client, make_user(Role.HR_OFFICER, StateBody.objects.get(code="KZ-71-MF")))
    listing = client.get(reverse("cases:employees")).content.decode()
    assert all(ref in listing for ref in ("MF-000123", "MF-000124", "MF-000126"))
    assert "BOS-0007" not in listing
    returned = Employee.objects.get(ref="MF-000123")
    page = client.get(reverse("cases:employee", args=[returned.pk]))
    assert page.status_code == 200
    assert "MF-000123" in page.content.decode()
    assert client.get(reverse("cases:episode", args=[returned.episodes.get().pk])).status_code == 200


def test_an_imported_employee_is_found_by_her_reference(client: Client) -> None:
    assert run_import().accepted
    sign_in(client, make_user(Role.HR_OFFICER, StateBody.objects.get(code="KZ-71-MF")))
    listing = client.get(reverse("cases:employees"), {"q": "mf-000124"}).content.decode()
    assert "MF-000124" in listing
    assert "MF-000123" not in listing
