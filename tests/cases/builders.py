"""Keyword builders for case records (GOV.UK Notify's create_* style): one place, typed, plain."""

from __future__ import annotations

from datetime import date
from itertools import count

from kopir.accounts.models import Role, User
from kopir.cases.models import Employee
from kopir.cases.services.people import employee_create
from kopir.organisation.models import BodyLevel, Corps, ManagerialLevel, Position, StateBody
from kopir.reference import make_iin

_serial = count(1)


def make_body(code: str = "MLSP", *, parent: StateBody | None = None) -> StateBody:
    return StateBody.objects.create(
        code=code,
        name_kk=f"{code} kk",
        name_ru=f"{code} ru",
        name_en=f"{code} en",
        parent=parent,
        level=BodyLevel.CENTRAL,
        region_iso="KZ-71",
        region_kato="710000000",
    )


def make_position(body: StateBody, *, level: ManagerialLevel = ManagerialLevel.SPECIALIST) -> Position:
    return Position.objects.create(
        body=body,
        name_kk="Маман",
        name_ru="Специалист",
        name_en="Specialist",
        corps=Corps.B,
        category="B-5",
        managerial_level=level,
    )


def make_user(role: Role, body: StateBody | None = None, username: str | None = None) -> User:
    return User.objects.create_user(
        username=username or f"{role}-{next(_serial)}", password="x" * 12, role=role, body=body
    )


def fresh_iin(born: date = date(1990, 5, 15), sex: str = "female") -> str:
    while True:
        try:
            return make_iin(born, sex, next(_serial))
        except ValueError:  # a serial whose check digit is never issued
            continue


def make_employee(body: StateBody, *, surname: str = "Ахметова", user: User | None = None) -> Employee:
    employee = employee_create(
        position=make_position(body),
        surname=surname,
        given_name="Айгерим",
        iin=fresh_iin(),
        hired_on=date(2018, 9, 1),
        actor=None,
    )
    if user is not None:
        employee.user = user
        employee.save(update_fields=["user"])
    return employee
