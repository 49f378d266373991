"""The second factor: administrators, HR officers and heads enrol a TOTP app and prove a code before anything else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kopir.accounts.models import AccessAction, AccessLog, Role, User
from tests.accounts.signing_in import code_for, confirmed_device_for
from tests.cases.builders import make_body

pytestmark = pytest.mark.django_db

PASSWORD = "Tulpar-qazaq-2026!"  # noqa: S105 - a test account's password
ENROL = "/en/accounts/second-factor/enrol/"
VERIFY = "/en/accounts/second-factor/"
HR_PAGE = "/en/hr/"
API = "/api/v1/employees"


def _user(username: str, role: Role, **extra: object) -> User:
    body = make_body(code=f"B-{username}") if role in {Role.HR_OFFICER, Role.BODY_HEAD, Role.EMPLOYEE} else None
    return User.objects.create_user(username=username, password=PASSWORD, role=role, body=body, **extra)


@pytest.fixture
def hr() -> User:
    return _user("aigerim", Role.HR_OFFICER)


def _password(client: Client, user: User) -> None:
    response = client.post("/en/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302  # the password step passed


def test_the_settings_require_it_of_the_roles_that_see_many_people() -> None:
    assert settings.KOPIR_SECOND_FACTOR_REQUIRED is True
    assert set(settings.KOPIR_SECOND_FACTOR_ROLES) == {Role.ADMINISTRATOR, Role.HR_OFFICER, Role.BODY_HEAD}


def test_an_hr_officer_without_a_device_reaches_nothing_but_the_enrolment(client: Client, hr: User) -> None:
    _password(client, hr)
    page = client.get(HR_PAGE)
    assert page.status_code == 302
    assert page["Location"] == f"{ENROL}?next=%2Fen%2Fhr%2F"
    api = client.get(API, HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 403
    assert api.json() == {"detail": "Sign in with your second factor first."}
    assert client.get("/en/").status_code == 302  # not even the calculator until she has enrolled


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.BODY_HEAD])
def test_administrators_and_heads_must_enrol_too(client: Client, role: Role) -> None:
    user = _user(f"user-{role}", role, is_staff=role == Role.ADMINISTRATOR)
    _password(client, user)
    assert client.get(HR_PAGE)["Location"].startswith(ENROL)


def test_the_django_admin_is_behind_the_second_factor(client: Client) -> None:
    admin = _user("root", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)  # the admin's own sign-in page, which also passes axes
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/second-factor/enrol/" in response["Location"]
    confirmed_device_for(admin)
    assert "/accounts/second-factor/?next=%2Fadmin%2F" in client.get("/admin/")["Location"]


def test_the_enrolment_page_shows_a_qr_code_as_inline_svg_and_the_key(client: Client, hr: User) -> None:
    _password(client, hr)
    response = client.get(ENROL)
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=hr, confirmed=False)
    assert response.status_code == 200
    assert '<svg width="' in html
    assert "<script" not in html
    assert "style=" not in html
    assert "<style" not in html
    assert " ".join(html.split()).count("otp_token") >= 1
    from base64 import b32encode  # noqa: PLC0415

    assert b32encode(device.bin_key).decode() in html


def test_a_wrong_code_is_refused_and_logged(client: Client, hr: User) -> None:
    _password(client, hr)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=hr)
    wrong = str((int(code_for(device)) + 1) % 1_000_000).zfill(6)
    response = client.post(ENROL, {"otp_token": wrong})
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get(HR_PAGE).status_code == 302
    entry = AccessLog.objects.get(action=AccessAction.REFUSED, actor=hr)
    assert entry.detail.startswith("sign-in failed: wrong second-factor code for 'aigerim'")
    assert wrong not in entry.detail


def test_the_right_code_confirms_the_device_and_lets_her_in(client: Client, hr: User) -> None:
    _password(client, hr)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=hr)
    response = client.post(ENROL, {"otp_token": code_for(device), "next": HR_PAGE})
    assert response.status_code == 302
    assert response["Location"] == HR_PAGE
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(HR_PAGE).status_code == 200
    assert client.get(API).status_code == 200


def test_the_next_sign_in_asks_for_a_code_and_refuses_a_wrong_one(hr: User) -> None:
    device = confirmed_device_for(hr)
    client = Client()
    _password(client, hr)
    assert client.get(HR_PAGE)["Location"] == f"{VERIFY}?next=%2Fen%2Fhr%2F"
    assert client.get(ENROL)["Location"].startswith(VERIFY)  # no second device past the password alone
    wrong = str((int(code_for(device)) + 1) % 1_000_000).zfill(6)
    assert client.post(VERIFY, {"otp_token": wrong}).status_code == 200
    assert client.get(API).status_code == 403
    throttled = client.post(VERIFY, {"otp_token": code_for(device)})  # at once: django-otp's pause after a failure
    assert throttled.status_code == 200
    assert "Several wrong codes in a row" in throttled.content.decode()
    _pause_passed(device)
    assert client.post(VERIFY, {"otp_token": code_for(device), "next": HR_PAGE})["Location"] == HR_PAGE
    assert client.get(API).status_code == 200


def _pause_passed(device: TOTPDevice) -> None:
    """Move the last failure back in time, as if the user had waited out django-otp's pause."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=10))


def test_a_code_is_used_once(hr: User) -> None:
    device = confirmed_device_for(hr)
    code = code_for(device)
    first, second = Client(), Client()
    _password(first, hr)
    assert first.post(VERIFY, {"otp_token": code}).status_code == 302
    _password(second, hr)
    assert second.post(VERIFY, {"otp_token": code}).status_code == 200  # replayed: refused


def test_wrong_codes_count_toward_the_lockout(client: Client, hr: User) -> None:
    device = confirmed_device_for(hr)
    _password(client, hr)
    wrong = str((int(code_for(device)) + 1) % 1_000_000).zfill(6)
    statuses = [client.post(VERIFY, {"otp_token": wrong}).status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert "_auth_user_id" not in client.session  # signed out
    again = client.post("/en/accounts/login/", {"username": hr.username, "password": PASSWORD})
    assert again.status_code == 429


def test_an_employee_may_go_without_it(client: Client) -> None:
    employee = _user("dana", Role.EMPLOYEE)
    _password(client, employee)
    assert client.get("/en/me/").status_code == 200


def test_an_employee_who_enrolled_is_asked_for_her_code(client: Client) -> None:
    employee = _user("dana", Role.EMPLOYEE)
    confirmed_device_for(employee)
    _password(client, employee)
    assert client.get("/en/me/")["Location"].startswith(VERIFY)


@pytest.mark.parametrize(
    ("lang", "enrol_title", "verify_title"),
    [
        ("kk", "Екі қадамды кіруді баптау", "Кодты енгізіңіз"),
        ("ru", "Настройка двухэтапного входа", "Введите код"),
        ("en", "Set up two-step sign-in", "Enter your code"),
    ],
)
def test_the_pages_speak_the_readers_language(hr: User, lang: str, enrol_title: str, verify_title: str) -> None:
    client = Client()
    client.force_login(hr)
    assert f"<h1>{enrol_title}</h1>" in client.get(f"/{lang}/accounts/second-factor/enrol/").content.decode()
    confirmed_device_for(hr)
    TOTPDevice.objects.filter(user=hr, confirmed=False).delete()
    assert f"<h1>{verify_title}</h1>" in client.get(f"/{lang}/accounts/second-factor/").content.decode()


def test_the_session_key_changes_when_the_code_is_proved(client: Client, hr: User) -> None:
    device = confirmed_device_for(hr)
    _password(client, hr)
    before = client.session.session_key
    assert client.post(VERIFY, {"otp_token": code_for(device)}).status_code == 302
    assert client.session.session_key != before
    assert client.get(HR_PAGE).status_code == 200


def test_an_employee_without_a_device_is_not_looked_up_on_every_request(client: Client) -> None:
    """Whether she enrolled is asked once per session, not per page (a query on every request before)."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    employee = _user("dana", Role.EMPLOYEE)
    _password(client, employee)
    client.get("/en/me/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/me/")
    assert not [q for q in queries.captured_queries if "otp_totp_totpdevice" in q["sql"]]


def test_the_code_of_the_test_app_is_accepted_after_a_code_that_crossed_a_step_boundary(hr: User) -> None:
    """A code sent at the end of its step and checked in the next teaches the device a drift of -1.

    The next code must then be the one for the device's own step: the code of the clock's step minus
    the drift is the one just accepted, and the device refuses a replay (a browser test failed so).
    """
    device = confirmed_device_for(hr)
    now = int((timezone.now().timestamp() - device.t0) // device.step)
    device.drift, device.last_t = -1, now - 1  # what a boundary-crossing code leaves behind
    device.save()
    assert device.verify_token(code_for(device)) is True
    device.refresh_from_db()
    assert device.verify_token(code_for(device)) is True  # and the one after it, within the same step
