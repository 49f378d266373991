"""Password rules (AUTH_PASSWORD_VALIDATORS): at least 12 characters, not common, not all digits, not like the name."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from kopir.accounts.models import Role, User
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body

pytestmark = pytest.mark.django_db

GOOD = "Bayterek-at-dawn-2026"


@pytest.fixture
def admin_client() -> Client:
    admin = User.objects.create_user(username="root", password=GOOD, role=Role.ADMINISTRATOR, is_staff=True)
    admin.is_superuser = True
    admin.save()
    client = Client()
    sign_in(client, admin)
    return client


@pytest.fixture
def hr() -> User:
    return User.objects.create_user(
        username="aigerim.nurlanovna", password=GOOD, role=Role.HR_OFFICER, body=make_body()
    )


def _set_password(client: Client, user: User, password: str, lang: str = "en") -> str:
    response = client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": password, "password2": password},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert response.status_code == 200  # the form again: refused
    return response.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-1", "This password is too short: it must have at least 12 characters."),
        ("password1234", "This password is too common."),
        ("483920175264", "This password is entirely numeric."),
        ("aigerim.nurlanovna1", "The password is too similar to the username."),
    ],
)
def test_an_administrator_cannot_set_a_weak_password(
    admin_client: Client, hr: User, password: str, message: str
) -> None:
    assert message in _set_password(admin_client, hr, password)
    hr.refresh_from_db()
    assert hr.check_password(GOOD)


def test_a_strong_password_is_set(admin_client: Client, hr: User) -> None:
    response = admin_client.post(
        f"/admin/accounts/user/{hr.pk}/password/",
        {"password1": "Saryarka-steppe-wind-9", "password2": "Saryarka-steppe-wind-9"},
    )
    assert response.status_code == 302
    hr.refresh_from_db()
    assert hr.check_password("Saryarka-steppe-wind-9")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "Бұл құпиясөз тым қысқа. Онда кемінде 12 таңба болуы керек."),
        ("ru", "Введённый пароль слишком короткий: он должен содержать не менее 12 символов."),
    ],
)
def test_the_rules_speak_kazakh_and_russian(lang: str, text: str) -> None:
    with translation.override(lang), pytest.raises(ValidationError) as refused:
        validate_password("Short-1")
    assert refused.value.messages == [text]
