"""Sign-in resists guessing: N wrong passwords lock the account and the address, and each try is in the access log."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.core.checks.registry import registry
from django.test import Client, override_settings

from kopir.accounts.models import AccessAction, AccessLog, Role, User
from tests.cases.builders import make_body

pytestmark = pytest.mark.django_db

PASSWORD = "Tulpar-qazaq-2026!"  # noqa: S105 - a test account's password
WRONG = "not-her-password-at-all"
ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.7"
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def hr() -> User:
    return User.objects.create_user(username="aigerim", password=PASSWORD, role=Role.HR_OFFICER, body=make_body())


def _sign_in(client: Client, username: str, password: str, *, lang: str = "en", **meta: str) -> int:
    response = client.post(f"/{lang}/accounts/login/", {"username": username, "password": password}, **meta)
    return response.status_code


def test_the_limit_is_five_by_default() -> None:
    assert LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_below_the_limit_the_right_password_still_signs_in(client: Client, hr: User) -> None:
    for _ in range(LIMIT - 1):
        assert _sign_in(client, "aigerim", WRONG, REMOTE_ADDR=ATTACKER) == 200  # the form again, with its error
    assert _sign_in(client, "aigerim", PASSWORD, REMOTE_ADDR=ATTACKER) == 302


def test_after_the_limit_the_right_password_is_refused_with_429(client: Client, hr: User) -> None:
    for _ in range(LIMIT):
        _sign_in(client, "aigerim", WRONG, REMOTE_ADDR=ATTACKER)
    response = client.post("/en/accounts/login/", {"username": "aigerim", "password": PASSWORD}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429
    assert "Signing in is locked for 30 minutes, even with the right password." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "Дұрыс құпиясөзбен де кіру 30 минутқа бұғатталды."),
        ("ru", "Вход заблокирован на 30 минут, даже с правильным паролем."),
        ("en", "Signing in is locked for 30 minutes, even with the right password."),
    ],
)
def test_the_lockout_speaks_the_readers_language(client: Client, hr: User, lang: str, text: str) -> None:
    for _ in range(LIMIT):
        _sign_in(client, "aigerim", WRONG, lang=lang, REMOTE_ADDR=ATTACKER)
    response = client.post(f"/{lang}/accounts/login/", {"username": "aigerim", "password": PASSWORD})
    assert response.status_code == 429
    assert text in response.content.decode()


def test_the_account_is_locked_from_every_address(client: Client, hr: User) -> None:
    for _ in range(LIMIT):
        _sign_in(client, "aigerim", WRONG, REMOTE_ADDR=ATTACKER)
    assert _sign_in(Client(), "aigerim", PASSWORD, REMOTE_ADDR=OFFICE) == 429


def test_the_address_is_locked_for_every_account(client: Client, hr: User) -> None:
    for n in range(LIMIT):
        _sign_in(client, f"guess-{n}", WRONG, REMOTE_ADDR=ATTACKER)  # one try at each of five names
    assert _sign_in(client, "aigerim", PASSWORD, REMOTE_ADDR=ATTACKER) == 429
    assert _sign_in(Client(), "aigerim", PASSWORD, REMOTE_ADDR=OFFICE) == 302  # she, from her office, is not


def test_a_new_x_forwarded_for_each_time_does_not_evade_the_lockout(client: Client, hr: User) -> None:
    for n in range(LIMIT):
        _sign_in(client, f"guess-{n}", WRONG, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}")
    status = _sign_in(client, "aigerim", PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert status == 429


def test_every_failure_and_the_lockout_are_in_the_access_log(client: Client, hr: User) -> None:
    for _ in range(LIMIT):
        _sign_in(client, "aigerim", WRONG, REMOTE_ADDR=ATTACKER)
    _sign_in(client, "aigerim", PASSWORD, REMOTE_ADDR=ATTACKER)
    entries = list(AccessLog.objects.filter(action=AccessAction.REFUSED).order_by("id"))
    assert len(entries) == LIMIT + 1
    assert all(entry.actor == hr and entry.record_id == str(hr.pk) for entry in entries)
    first = f"sign-in failed: wrong password for 'aigerim' from {ATTACKER} (1 of {LIMIT} before lockout)"
    assert entries[0].detail == first
    assert entries[LIMIT - 1].detail.startswith(f"sign-in refused, locked out: 'aigerim' from {ATTACKER}")
    assert entries[LIMIT].detail.startswith("sign-in refused, locked out:")  # the right password, refused
    assert not any(WRONG in entry.detail or PASSWORD in entry.detail for entry in entries)


def test_a_failure_for_an_unknown_name_is_logged_without_an_actor(client: Client) -> None:
    _sign_in(client, "nobody-here", WRONG, REMOTE_ADDR=ATTACKER)
    entry = AccessLog.objects.get(action=AccessAction.REFUSED)
    assert entry.actor is None
    assert entry.record_type == "axes.accessattempt"
    assert f"'nobody-here' from {ATTACKER}" in entry.detail


def test_axes_own_checks_run_and_pass_and_would_catch_a_missing_middleware() -> None:
    assert {check.__name__ for check in registry.get_checks() if check.__module__ == "axes.checks"} >= {
        "axes_middleware_check",
        "axes_backend_check",
        "axes_lockout_params_check",
        "axes_conf_check",
    }
    assert [message.id for message in run_checks() if str(message.id).startswith("axes")] == []
    with override_settings(MIDDLEWARE=[name for name in settings.MIDDLEWARE if not name.startswith("axes")]):
        assert "axes.W002" in {message.id for message in run_checks(tags=["security"])}


@override_settings(KOPIR_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_client_is_locked_not_the_proxy(client: Client, hr: User) -> None:
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(LIMIT):
        _sign_in(client, f"guess-{n}", WRONG, HTTP_X_FORWARDED_FOR=ATTACKER, **proxy)
    assert _sign_in(client, "aigerim", PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER, **proxy) == 429
    assert _sign_in(Client(), "aigerim", PASSWORD, HTTP_X_FORWARDED_FOR=OFFICE, **proxy) == 302
    assert AccessLog.objects.filter(detail__contains=f"from {ATTACKER}").count() == LIMIT + 1


def test_a_name_axes_did_not_count_still_leaves_its_refusal_in_the_log(client: Client) -> None:
    """Our receiver alone (axes' own did not run, so no counter row exists for the name)."""
    from kopir.accounts.services import SIGN_IN_RECORD  # noqa: PLC0415
    from kopir.accounts.signin import log_failed_signin  # noqa: PLC0415

    request = client.get("/en/accounts/login/", REMOTE_ADDR=ATTACKER).wsgi_request
    log_failed_signin(sender=__name__, credentials={"username": "nobody-at-all"}, request=request)
    entry = AccessLog.objects.get(action=AccessAction.REFUSED, record_type=SIGN_IN_RECORD)
    assert entry.actor is None
    assert "'nobody-at-all' from 203.0.113.66" in entry.detail
