"""A request Django refuses before a view reads it gets a translated page (or the API's errors), never
Django's English "Bad Request (400)"."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from kopir.accounts.models import AccessLog, User

pytestmark = pytest.mark.django_db

TOO_LARGE = {
    "kk": "байттан үлкен. Ештеңе өзгертілген жоқ",
    "ru": "байт, которые принимает страница. Ничего не изменено",
    "en": "bytes a page accepts. Nothing was changed",
}
UNREADABLE = {
    "kk": "Сұрауды оқу мүмкін болмады",
    "ru": "Запрос не удалось прочитать",
    "en": "Your request could not be read",
}
LIMIT = {"kk": "65\xa0536", "ru": "65\xa0536", "en": "65,536"}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_form_over_the_size_limit_is_refused_with_a_page_in_her_language(client: Client, lang: str) -> None:
    users, logs = User.objects.count(), AccessLog.objects.count()
    body = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(f"/{lang}/accounts/login/", {"username": "someone", "password": body})
    page = response.content.decode()
    assert response.status_code == 413
    assert f'<html lang="{lang}">' in page
    assert TOO_LARGE[lang] in page
    assert LIMIT[lang] in page
    assert "Bad Request" not in page
    assert (User.objects.count(), AccessLog.objects.count()) == (users, logs)  # nothing read, nothing changed


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_form_with_too_many_fields_is_refused_with_a_page_in_her_language(client: Client, lang: str) -> None:
    fields = {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(f"/{lang}/accounts/login/", fields)
    assert response.status_code == 400
    assert UNREADABLE[lang] in response.content.decode()


def test_an_api_request_refused_so_gets_the_contract_errors_document(client: Client) -> None:
    response = client.get("/api/v1/calculations", HTTP_HOST="not-ours.example", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "request"
