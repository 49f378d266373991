"""Each person's mail preferences on her own page: saved, validated, shown with what was sent to her."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kopir.accounts.models import Role
from kopir.notifications.models import MailKind, MailPreference, MailStatus, SentMail
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body
from tests.notifications.conftest import person

pytestmark = pytest.mark.django_db
URL = "/en/accounts/mail/"


def test_an_employee_turns_mail_off_and_picks_russian(client: Client) -> None:
    employee = person(Role.EMPLOYEE, make_body("PREF"), email="a@example.kz")
    sign_in(client, employee)
    page = client.get(URL)
    assert page.status_code == 200
    assert b"a@example.kz" in page.content
    assert b"daily_digest" not in page.content  # a digest is for those with many reminders
    saved = client.post(URL, {"language": "ru"})  # the unticked box is "no mail"
    assert saved.status_code == 200
    preference = MailPreference.objects.get(user=employee)
    assert (preference.receives_mail, preference.language) == (False, "ru")


def test_hr_may_ask_for_a_digest_and_sees_what_was_sent(client: Client) -> None:
    officer = person(Role.HR_OFFICER, make_body("PREF"), email="hr@example.kz")
    SentMail.objects.create(
        recipient=officer, kind=MailKind.DIGEST, about=[], key="digest:x", language="en", status=MailStatus.SENT
    )
    sign_in(client, officer)
    page = client.get(URL)
    assert b"daily_digest" in page.content
    assert b"Daily digest" in page.content
    client.post(URL, {"receives_mail": "on", "language": "kk", "daily_digest": "on"})
    assert MailPreference.objects.get(user=officer).daily_digest


def test_a_language_not_offered_is_refused_naming_the_field(client: Client) -> None:
    employee = person(Role.EMPLOYEE, make_body("PREF"), email="a@example.kz")
    sign_in(client, employee)
    refused = client.post(URL, {"receives_mail": "on", "language": "xx" * 500})
    assert refused.status_code == 400
    assert b'href="#id_language"' in refused.content
    assert not MailPreference.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_page_speaks_kazakh(client: Client, settings: Any) -> None:
    settings.KOPIR_MAIL_ENABLED = False
    sign_in(client, person(Role.EMPLOYEE, make_body("PREF"), email=""))
    page = client.get("/kk/accounts/mail/").content.decode()
    assert "Электрондық пошта баптаулары" in page
    assert "әкімші пошта серверін баптамаған" in page
    assert "әкімшіден қосуды сұраңыз" in page


def test_the_administrator_sees_what_was_sent_and_cannot_change_it(client: Client) -> None:
    administrator = person(Role.ADMINISTRATOR, None, email="admin@example.kz")
    administrator.is_staff = administrator.is_superuser = True
    administrator.save(update_fields=["is_staff", "is_superuser"])
    SentMail.objects.create(
        recipient=administrator,
        kind=MailKind.REMINDER,
        about=[],
        key="reminder:1",
        language="en",
        failure="SMTPDataError",
    )
    sign_in(client, administrator)
    listing = client.get("/admin/notifications/sentmail/")
    assert listing.status_code == 200
    assert b"SMTPDataError" in listing.content
    assert client.get("/admin/notifications/sentmail/add/").status_code == 403
