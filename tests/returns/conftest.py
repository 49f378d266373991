"""The shared world of the return-plan tests (as in tests/cases): two bodies, three episodes with plans, every role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from kopir.accounts.models import Role
from tests.cases.builders import make_body, make_employee, make_user
from tests.returns.builders import make_plan, open_episode


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
    employees = {"mine": mine, "colleague": colleague, "stranger": stranger}
    episodes = {name: open_episode(employee) for name, employee in employees.items()}
    users = {
        role: me if role == Role.EMPLOYEE else make_user(role, own if role in ("hr_officer", "body_head") else None)
        for role in Role
    }
    return {
        "users": users,
        "employees": employees,
        "episodes": episodes,
        "plans": {name: make_plan(episode) for name, episode in episodes.items()},
    }
