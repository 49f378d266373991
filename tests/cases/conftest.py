"""The shared world of the access tests: two bodies, three employees with episodes, a user of each role."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.utils import translation

from kopir.accounts.models import Role
from kopir.cases.models import EpisodeKind
from kopir.cases.services.leave import leave_episode_open
from tests.cases.builders import make_body, make_employee, make_user


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """Service messages are compared as written (in English); the site's default language is Kazakh."""
    with translation.override("en"):
        yield


READ = {
    "employee": {"mine"},
    "hr_officer": {"mine", "colleague"},
    "body_head": {"mine", "colleague"},
    "analyst": set(),
    "administrator": {"mine", "colleague", "stranger"},
}
WRITE = {"hr_officer": {"mine", "colleague"}, "administrator": {"mine", "colleague", "stranger"}}


@pytest.fixture
def world() -> dict[str, Any]:
    own, other = make_body("OWN"), make_body("OTHER")
    me = make_user(Role.EMPLOYEE, own, username="me")
    mine = make_employee(own, user=me)
    colleague = make_employee(own, surname="Бекова")
    stranger = make_employee(other, surname="Серикова")
    episodes = {
        name: leave_episode_open(
            employee=e,
            kind=EpisodeKind.BIRTH,
            actor=None,
            today=date(2025, 6, 1),
            leave_start=date(2025, 5, 1),
            birth_date=date(2025, 7, 8),
        )
        for name, e in (("mine", mine), ("colleague", colleague), ("stranger", stranger))
    }
    users = {
        role: me if role == Role.EMPLOYEE else make_user(role, own if role in ("hr_officer", "body_head") else None)
        for role in Role
    }
    return {
        "users": users,
        "employees": {"mine": mine, "colleague": colleague, "stranger": stranger},
        "episodes": episodes,
    }
