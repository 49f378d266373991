"""The HR pages through HTTP: the access matrix, the workflow, and lists in a bounded number of queries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from kopir.accounts.models import AccessLog
from kopir.cases.models import LeaveEpisode
from kopir.cases.services.reminders import reminders_sweep
from kopir.rules import formats
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_employee
from tests.cases.conftest import READ, WRITE

pytestmark = pytest.mark.django_db


def _as(client: Client, world: dict[str, Any], role: str) -> Client:
    sign_in(client, world["users"][role])
    return client


@pytest.mark.parametrize("role", list(READ))
@pytest.mark.parametrize("whose", ["mine", "colleague", "stranger"])
@pytest.mark.parametrize("page", ["employee", "episode"])
def test_reading_pages_follows_the_matrix(client: Client, world: dict, role: str, whose: str, page: str) -> None:
    target = world["employees"][whose].pk if page == "employee" else world["episodes"][whose].pk
    response = _as(client, world, role).get(f"/en/hr/{page}s/{target}/")
    allowed = whose in READ[role] and role != "employee"
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize("role", list(READ))
@pytest.mark.parametrize("whose", ["colleague", "stranger"])
def test_changing_the_chain_follows_the_matrix(client: Client, world: dict, role: str, whose: str) -> None:
    episode: LeaveEpisode = world["episodes"][whose]
    response = _as(client, world, role).post(
        f"/en/hr/episodes/{episode.pk}/segments/",
        {"kind": "annual", "planned_start": "2025-09-04", "planned_end": "2025-09-30", "version": episode.version},
    )
    allowed = whose in WRITE.get(role, set())
    assert response.status_code == (302 if allowed else 403)
    assert episode.segments.count() == (2 if allowed else 1)


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, world: dict) -> None:
    response = client.get("/en/hr/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_employee_sees_her_own_page_only(client: Client, world: dict) -> None:
    client = _as(client, world, "employee")
    assert client.get("/en/hr/")["Location"] == "/en/me/"
    page = client.get("/en/me/").content.decode()
    assert "Maternity leave" in page
    assert page.count('data-testid="segments"') == 1


def test_the_workflow_through_the_pages(client: Client, world: dict) -> None:
    client = _as(client, world, "hr_officer")
    colleague = world["employees"]["colleague"]
    response = client.post(
        f"/en/hr/employees/{colleague.pk}/episodes/", {"kind": "birth", "leave_start": "2026-02-02", "children": "1"}
    )
    assert response.status_code == 302
    episode = LeaveEpisode.objects.filter(employee=colleague).latest("id")
    bad = client.post(
        f"/en/hr/episodes/{episode.pk}/segments/",
        {"kind": "childcare", "planned_start": "2026-03-01", "planned_end": "2026-12-31", "version": 1},
    )
    assert bad.status_code == 422
    assert "overlaps" in bad.content.decode()
    stale = client.post(
        f"/en/hr/episodes/{episode.pk}/segments/",
        {"kind": "childcare", "planned_start": "2026-06-18", "planned_end": "2026-12-31", "version": 7},
    )
    assert "changed by someone else" in stale.content.decode()
    good = client.post(
        f"/en/hr/episodes/{episode.pk}/segments/",
        {"kind": "childcare", "planned_start": "2026-06-18", "planned_end": "2026-12-31", "version": 1},
    )
    assert good.status_code == 302
    back = client.post(
        f"/en/hr/episodes/{episode.pk}/return/",
        {"first_working_day": "2026-11-02", "mode": "part_time", "monthly_salary": "400000", "version": 2},
    )
    assert back.status_code == 302
    assert LeaveEpisode.objects.get(pk=episode.pk).status == "returned"


def test_reads_of_personal_data_are_logged(client: Client, world: dict) -> None:
    viewer = world["users"]["hr_officer"]
    _as(client, world, "hr_officer").get(f"/en/hr/employees/{world['employees']['colleague'].pk}/")
    _as(client, world, "hr_officer").get(f"/en/hr/employees/{world['employees']['stranger'].pk}/")
    actions = list(AccessLog.objects.filter(actor=viewer).values_list("action", "subject_id"))
    assert ("read", world["employees"]["colleague"].pk) in actions
    assert ("refused", world["employees"]["stranger"].pk) in actions


def test_the_employee_list_takes_the_same_queries_for_more_employees(
    client: Client, world: dict, django_assert_max_num_queries: Any
) -> None:
    body = world["users"]["hr_officer"].body
    client = _as(client, world, "hr_officer")
    client.get("/en/hr/")
    for index in range(60):
        make_employee(body, surname=f"Сотрудник{index:02d}")
    with django_assert_max_num_queries(12):
        response = client.get("/en/hr/")
    assert response.content.decode().count("/en/hr/employees/") == 50


def test_open_reminders_head_the_list(client: Client, world: dict) -> None:
    reminders_sweep(today=date(2025, 9, 5))
    page = _as(client, world, "hr_officer").get("/en/hr/").content.decode()
    assert 'data-testid="reminders"' in page
    assert page.count("Leave ended and no return is recorded") == 2  # her and her colleague, not the stranger


def test_a_replacement_is_named_from_the_episode_page(client: Client, world: dict) -> None:
    episode = world["episodes"]["colleague"]
    stand_in = world["employees"]["mine"]
    client = _as(client, world, "hr_officer")
    assert client.get(f"/en/hr/episodes/{episode.pk}/").status_code == 200
    response = client.post(
        f"/en/hr/episodes/{episode.pk}/replacement/", {"replacement": stand_in.pk, "version": episode.version}
    )
    assert response.status_code == 302
    assert LeaveEpisode.objects.get(pk=episode.pk).replacement_id == stand_in.pk
    stranger = world["employees"]["stranger"]
    refused = client.post(f"/en/hr/episodes/{episode.pk}/replacement/", {"replacement": stranger.pk, "version": 2})
    assert refused.status_code == 422


def test_her_record_reaches_the_calculator_in_the_session_never_in_an_address(client: Client, world: dict) -> None:
    episode = world["episodes"]["colleague"]
    page = _as(client, world, "hr_officer").get(f"/en/hr/episodes/{episode.pk}/").content.decode()
    first_day = min(segment.start for segment in episode.segments.all())
    start = str(first_day)
    assert start not in page.split('data-testid="her-calculator"')[1].split("</form>")[0]  # the form holds no dates
    opened = client.post(f"/en/hr/episodes/{episode.pk}/calculator/")
    assert opened.status_code == 302
    assert opened["Location"] == "/en/calculator/check/"
    shown = formats.day(first_day, formats.language("en"))
    assert shown in client.get(opened["Location"]).content.decode()  # the answers, from her record
    assert client.post(f"/en/hr/episodes/{world['episodes']['stranger'].pk}/calculator/").status_code == 404
    assert Client().get(f"/en/?leave_start={start}").content.decode().count(f'value="{start}"') == 0


@pytest.mark.parametrize("page", ["employee", "episode"])
def test_a_refused_role_is_logged_against_the_record_she_asked_for(client: Client, world: dict, page: str) -> None:
    employee = world["employees"]["mine"]
    target = employee.pk if page == "employee" else world["episodes"]["mine"].pk
    analyst = world["users"]["analyst"]
    assert _as(client, world, "analyst").get(f"/en/hr/{page}s/{target}/").status_code == 403
    refusal = AccessLog.objects.filter(actor=analyst, action="refused").get()
    record_type = "cases.employee" if page == "employee" else "cases.leaveepisode"
    assert (refusal.record_type, refusal.record_id, refusal.subject_id) == (record_type, str(target), employee.pk)
