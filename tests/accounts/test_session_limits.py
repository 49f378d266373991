"""Sessions end: 30 idle minutes for the roles with a second factor, 12 hours after sign-in for everyone.

Time is moved by writing the session's stored clocks back, as if the requests had come that long ago.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from kopir.accounts.models import Role, User
from kopir.accounts.signin import LAST_SEEN_AT, SIGNED_IN_AT
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body, make_user

pytestmark = pytest.mark.django_db

MINUTE = 60
HOUR = 3600
HR_PAGE = "/en/hr/"
MY_LEAVE = "/en/me/"


@pytest.fixture
def hr() -> User:
    return make_user(Role.HR_OFFICER, make_body())


def _rewind(client: Client, *, signed_in: float, last_seen: float) -> None:
    """The session as if it began `signed_in` seconds ago and its last request came `last_seen` seconds ago."""
    now = timezone.now().timestamp()
    session = client.session
    session[SIGNED_IN_AT] = now - signed_in
    session[LAST_SEEN_AT] = now - last_seen
    session.save()


def test_the_limits_are_settings() -> None:
    assert settings.KOPIR_SESSION_IDLE_MINUTES == 30
    assert settings.KOPIR_SESSION_LIFETIME_HOURS == 12
    assert settings.SESSION_COOKIE_AGE == 12 * HOUR


def test_a_sign_in_starts_both_clocks(client: Client, hr: User) -> None:
    before = timezone.now().timestamp()
    sign_in(client, hr)
    assert before <= client.session[SIGNED_IN_AT] <= client.session[LAST_SEEN_AT]


def test_an_hr_officer_idle_for_29_minutes_goes_on(client: Client, hr: User) -> None:
    sign_in(client, hr)
    _rewind(client, signed_in=2 * HOUR, last_seen=29 * MINUTE)
    assert client.get(HR_PAGE).status_code == 200
    assert timezone.now().timestamp() - client.session[LAST_SEEN_AT] < MINUTE  # the request is her new last activity


def test_an_hr_officer_idle_for_31_minutes_is_signed_out(client: Client, hr: User) -> None:
    sign_in(client, hr)
    _rewind(client, signed_in=2 * HOUR, last_seen=31 * MINUTE)
    response = client.get(HR_PAGE)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fen%2Fhr%2F"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "You were signed out after 30 minutes without activity." in page.content.decode()
    assert client.get(HR_PAGE).status_code == 302  # still signed out


def test_the_api_answers_401_after_the_idle_timeout(client: Client, hr: User) -> None:
    sign_in(client, hr)
    _rewind(client, signed_in=HOUR, last_seen=45 * MINUTE)
    response = client.get("/api/v1/employees", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert "30 minutes" in response.json()["detail"]


def test_an_employee_is_not_timed_out_when_idle(client: Client) -> None:
    employee = make_user(Role.EMPLOYEE, make_body())
    sign_in(client, employee)
    _rewind(client, signed_in=3 * HOUR, last_seen=2 * HOUR)
    assert client.get(MY_LEAVE).status_code == 200


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.HR_OFFICER])
def test_every_session_ends_12_hours_after_sign_in_however_active(client: Client, role: Role) -> None:
    user = make_user(role, make_body())
    sign_in(client, user)
    _rewind(client, signed_in=12 * HOUR + MINUTE, last_seen=MINUTE)
    response = client.get(MY_LEAVE if role == Role.EMPLOYEE else HR_PAGE)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "a session lasts at most 12 hours" in page.content.decode()


def test_the_last_activity_is_written_at_most_once_a_minute(client: Client, hr: User) -> None:
    """A session saved on every request would be a database write per page; within a minute it is left alone."""
    sign_in(client, hr)
    _rewind(client, signed_in=HOUR, last_seen=20)
    written = client.session[LAST_SEEN_AT]
    assert client.get(HR_PAGE).status_code == 200
    assert client.session[LAST_SEEN_AT] == written


def test_an_employee_session_is_not_written_for_activity(client: Client) -> None:
    employee = make_user(Role.EMPLOYEE, make_body())
    sign_in(client, employee)
    _rewind(client, signed_in=HOUR, last_seen=HOUR)
    written = client.session[LAST_SEEN_AT]
    client.get(MY_LEAVE)
    assert client.session[LAST_SEEN_AT] == written
