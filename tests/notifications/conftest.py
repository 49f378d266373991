"""A real SMTP server and a small world: a body with an HR officer, its head and an employee on leave."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from huey.contrib.djhuey import HUEY

from kopir.accounts.models import Role, User
from kopir.cases.models import EpisodeKind, LeaveEpisode
from kopir.cases.services.leave import leave_episode_open
from kopir.notifications.models import MailPreference
from tests.cases.builders import make_body, make_employee, make_user
from tests.notifications.smtp import Mailbox, start


@pytest.fixture
def smtp(settings: Any) -> Iterator[Mailbox]:
    """Django's SMTP backend pointed at a fresh aiosmtpd server on a free loopback port."""
    box = Mailbox()
    controller, port = start(box)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.KOPIR_SITE_URL = "https://kopir.example.kz"
    HUEY.storage.flush_all()
    try:
        yield box
    finally:
        controller.stop()
        HUEY.storage.flush_all()


def person(role: Role, body: Any, *, email: str, language: str | None = None, **preference: bool) -> User:
    user = make_user(role, body)
    user.email = email
    user.save(update_fields=["email"])
    if language is not None:
        MailPreference.objects.create(user=user, language=language, **preference)
    return user


def birth_episode(employee: Any) -> LeaveEpisode:
    """Maternity leave from 1 May 2025, the child born on 8 July 2025."""
    return leave_episode_open(
        employee=employee,
        kind=EpisodeKind.BIRTH,
        actor=None,
        today=date(2025, 5, 1),
        leave_start=date(2025, 5, 1),
        birth_date=date(2025, 7, 8),
    )


@pytest.fixture
def office() -> dict[str, Any]:
    """HR officer writes in Russian, the head in English, the employee in Kazakh (all by preference)."""
    body = make_body("MAIL")
    employee_user = person(Role.EMPLOYEE, body, email="aigerim@example.kz", language="kk")
    employee = make_employee(body, user=employee_user)
    episode: LeaveEpisode = birth_episode(employee)
    return {
        "body": body,
        "hr": person(Role.HR_OFFICER, body, email="hr@example.kz", language="ru"),
        "head": person(Role.BODY_HEAD, body, email="head@example.kz", language="en"),
        "employee_user": employee_user,
        "employee": employee,
        "episode": episode,
    }
