"""Who sees whose records (every role against every kind of record), and the log that remembers it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from kopir.accounts.models import AccessLog, Role, User
from kopir.cases.models import EpisodeKind
from kopir.cases.selectors import (
    employee_get,
    employee_list_page,
    employees_visible_to,
    episode_get,
    episodes_visible_to,
)
from kopir.cases.services.leave import leave_episode_open
from tests.cases.builders import make_body, make_employee, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, object]:
    """Two bodies, an employee with an episode in each, and one user of every role."""
    own, other = make_body("OWN"), make_body("OTHER")
    me = make_user(Role.EMPLOYEE, own)
    aigerim = make_employee(own, surname="Ахметова", user=me)
    dana = make_employee(own, surname="Бекова")
    zhanar = make_employee(other, surname="Серикова")
    episodes = {
        e.pk: leave_episode_open(
            employee=e, kind=EpisodeKind.BIRTH, actor=None, today=date(2025, 6, 1), leave_start=date(2025, 5, 1)
        )
        for e in (aigerim, dana, zhanar)
    }
    users = {
        Role.EMPLOYEE: me,
        Role.HR_OFFICER: make_user(Role.HR_OFFICER, own),
        Role.BODY_HEAD: make_user(Role.BODY_HEAD, own),
        Role.ANALYST: make_user(Role.ANALYST),
        Role.ADMINISTRATOR: make_user(Role.ADMINISTRATOR),
    }
    return {
        "users": users,
        "people": {"herself": aigerim, "colleague": dana, "other_body": zhanar},
        "episodes": episodes,
    }


ALLOWED = {
    Role.EMPLOYEE: {"herself"},
    Role.HR_OFFICER: {"herself", "colleague"},
    Role.BODY_HEAD: {"herself", "colleague"},
    Role.ANALYST: set(),
    Role.ADMINISTRATOR: {"herself", "colleague", "other_body"},
}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("whose", ["herself", "colleague", "other_body"])
@pytest.mark.parametrize("record", ["employee", "episode"])
def test_the_access_matrix(world: dict, role: Role, whose: str, record: str) -> None:
    viewer: User = world["users"][role]
    person = world["people"][whose]
    read = (
        (lambda: employee_get(viewer=viewer, employee_id=person.pk))
        if record == "employee"
        else (lambda: episode_get(viewer=viewer, episode_id=world["episodes"][person.pk].pk))
    )
    if whose in ALLOWED[role]:
        assert read().pk is not None
        expected = "read"
    else:
        with pytest.raises(PermissionDenied):
            read()
        expected = "refused"
    entry = AccessLog.objects.filter(actor=viewer).latest("id")
    assert (entry.action, entry.subject_id) == (expected, person.pk)


@pytest.mark.parametrize("role", list(ALLOWED))
def test_lists_show_exactly_what_the_role_may_see(world: dict, role: Role) -> None:
    viewer = world["users"][role]
    names = {k for k, person in world["people"].items() if employees_visible_to(viewer).filter(pk=person.pk)}
    assert names == ALLOWED[role]
    assert episodes_visible_to(viewer).count() == len(ALLOWED[role])


def test_the_access_log_refuses_changes_in_python(world: dict) -> None:
    entry = AccessLog.objects.first()
    assert entry is not None
    entry.detail = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_the_access_log_refuses_changes_in_the_database(world: dict) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_accesslog SET detail = 'rewritten'")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM accounts_accesslog")
    assert not AccessLog.objects.filter(detail="rewritten").exists()


def test_the_employee_list_page_holds_only_her_bodys_people_with_their_latest_episode(world: dict) -> None:
    officer = world["users"][Role.HR_OFFICER]
    listing = employee_list_page(viewer=officer, query="", page_number=None)
    shown = {(e.surname, e.episode_id) for e in listing.page.object_list}
    own_body = [world["people"]["herself"], world["people"]["colleague"]]
    assert shown == {(e.surname, world["episodes"][e.pk].pk) for e in own_body}
    assert [e.surname for e in employee_list_page(viewer=officer, query="Бек", page_number="1").page] == ["Бекова"]
    assert not employee_list_page(viewer=officer, query="Серикова", page_number=None).page.object_list
    logged = AccessLog.objects.filter(actor=officer, detail="employee list page 1")
    assert logged.count() == 3
