"""Builders of return-plan records and a helper that checks a refusal writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from kopir.accounts.models import AccessLog
from kopir.cases.models import Appointment, AppointmentKind, Employee, EpisodeKind, LeaveEpisode, PayRecord
from kopir.cases.services.leave import leave_episode_open
from kopir.returns import models as returns_models
from kopir.returns.models import ReturnPlan
from kopir.returns.services.plan import return_plan_create

LEAVE_START = date(2025, 5, 1)  # maternity leave 1 May - 3 September 2025 (126 days)
BIRTH = date(2025, 7, 8)
PLANNED_RETURN = date(2025, 9, 4)


def open_episode(employee: Employee) -> LeaveEpisode:
    return leave_episode_open(
        employee=employee,
        kind=EpisodeKind.BIRTH,
        actor=None,
        today=date(2025, 6, 1),
        leave_start=LEAVE_START,
        birth_date=BIRTH,
    )


def make_plan(episode: LeaveEpisode, planned_return_date: date = PLANNED_RETURN) -> ReturnPlan:
    return return_plan_create(episode=episode, planned_return_date=planned_return_date, actor=None)


def pay(employee: Employee, *history: tuple[date, int]) -> None:
    """Her monthly salary from each date on."""
    for effective_from, salary in history:
        PayRecord.objects.create(employee=employee, effective_from=effective_from, monthly_salary=Decimal(salary))


def appoint(employee: Employee, starts_on: date, position: Any = None, kind: str = AppointmentKind.HIRE) -> None:
    Appointment.objects.create(
        employee=employee, position=position or employee.position, starts_on=starts_on, kind=kind
    )


def _counts() -> dict[str, int]:
    counted: dict[str, int] = {"access log": AccessLog.objects.count()}
    for name in dir(returns_models):
        model = getattr(returns_models, name)
        if isinstance(model, type) and issubclass(model, models.Model) and not model._meta.abstract:
            counted[name] = model.objects.count()
    return counted


def refused(call: Callable[[], object], message: str) -> ValidationError:
    """`call` is refused with a message containing `message`, and neither a record nor a log entry is written."""
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        call()
    assert message in " ".join(caught.value.messages), caught.value.messages
    assert _counts() == before
    return caught.value
