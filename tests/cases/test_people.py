"""Employees: a checked IIN, stored encrypted with a link key and a masked form, every write logged."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kopir.accounts.models import AccessLog
from kopir.cases.models import Employee
from kopir.cases.protection import decrypt_iin, link_digest
from kopir.cases.services.people import employee_create
from tests.cases.builders import fresh_iin, make_body, make_position

pytestmark = pytest.mark.django_db


def test_an_employee_is_registered_with_her_iin_protected() -> None:
    iin = fresh_iin(date(1990, 5, 15), "female")
    employee = employee_create(
        position=make_position(make_body()),
        surname="Ахметова",
        given_name="Айгерим",
        iin=iin,
        hired_on=date(2018, 9, 1),
        actor=None,
    )
    assert (employee.birth_date, employee.sex) == (date(1990, 5, 15), "female")
    assert decrypt_iin(employee.iin_encrypted) == iin
    assert employee.iin_digest == link_digest(iin)
    assert employee.iin_masked == "********" + iin[-4:]  # the birth date and sex are not shown
    with connection.cursor() as cursor:
        cursor.execute("SELECT iin_encrypted, iin_digest, iin_masked FROM cases_employee")
        assert all(iin not in str(value) for value in cursor.fetchone())
    assert AccessLog.objects.filter(action="create", subject_id=employee.pk).count() == 1


@pytest.mark.parametrize("iin", ["900515401231", "90051540123", "9005154012ab", "991332401230"])
def test_an_invalid_iin_is_refused_and_nothing_is_written(iin: str) -> None:
    position = make_position(make_body())
    with pytest.raises(ValidationError) as caught:
        employee_create(position=position, surname="A", given_name="B", iin=iin, hired_on=date(2020, 1, 1), actor=None)
    assert "iin" in caught.value.message_dict
    assert Employee.objects.count() == 0


def test_the_same_iin_cannot_be_registered_twice() -> None:
    position = make_position(make_body())
    iin = fresh_iin()
    employee_create(position=position, surname="A", given_name="B", iin=iin, hired_on=date(2020, 1, 1), actor=None)
    with pytest.raises(ValidationError, match="already registered"):
        employee_create(position=position, surname="C", given_name="D", iin=iin, hired_on=date(2020, 1, 1), actor=None)
    assert Employee.objects.count() == 1
