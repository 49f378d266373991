"""Employees and children: created with a checked IIN, stored protected, logged."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.cases.models import Child, Employee
from kopir.cases.protection import encrypt_iin, link_digest
from kopir.organisation.models import Position
from kopir.reference import InvalidIin, validate_iin

IIN_INVALID = _("This is not a valid IIN: check the 12 digits.")
IIN_TAKEN = _("An employee with this IIN is already registered.")
POSITION_ELSEWHERE = _("This position belongs to another state body.")


@transaction.atomic
def employee_create(
    *,
    position: Position,
    surname: str,
    given_name: str,
    iin: str,
    hired_on: date,
    actor: User | None,
    patronymic: str = "",
) -> Employee:
    """Register an employee of the position's body; birth date and sex come from the IIN."""
    try:
        checked = validate_iin(iin)
    except InvalidIin:
        raise ValidationError({"iin": IIN_INVALID}) from None
    digest = link_digest(checked.value)
    if Employee.objects.filter(iin_digest=digest).exists():
        raise ValidationError({"iin": IIN_TAKEN})
    employee = Employee(
        body=position.body,
        position=position,
        surname=surname,
        given_name=given_name,
        patronymic=patronymic,
        sex=checked.sex,
        birth_date=checked.birth_date,
        iin_encrypted=encrypt_iin(checked.value),
        iin_digest=digest,
        iin_masked=checked.masked,
        hired_on=hired_on,
    )
    employee.full_clean()
    employee.save()
    access_log_record(actor=actor, action=AccessAction.CREATE, record=employee, subject_id=employee.pk)
    return employee


@transaction.atomic
def child_add(
    *,
    parent: Employee,
    actor: User | None,
    birth_date: date | None = None,
    expected_birth: date | None = None,
    adopted: bool = False,
) -> Child:
    """A child of the employee, numbered after the children already registered."""
    order = parent.children.count() + 1
    child = Child(
        parent=parent, birth_date=birth_date, expected_birth=expected_birth, birth_order=order, adopted=adopted
    )
    child.full_clean()
    child.save()
    access_log_record(actor=actor, action=AccessAction.CREATE, record=child, subject_id=parent.pk)
    return child
