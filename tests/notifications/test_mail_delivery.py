"""Each reminder arrives at a real SMTP server in its reader's language, a failed send is retried by
the queue, and a person who opted out receives nothing (issue 18, decision 0021)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from huey.contrib.djhuey import HUEY

from kopir.cases.services.reminders import reminders_sweep
from kopir.notifications.models import MailPreference, MailStatus, SentMail
from kopir.notifications.tasks import mail_run
from tests.notifications.smtp import Mailbox

pytestmark = pytest.mark.django_db

ENDS_SOON = date(2025, 8, 20)  # 10 working days before the leave's last day, Wed 3 Sep 2025
ESCALATED = date(2025, 9, 15)  # past the 5 working days after the end with no return


def _run(day: date, capture: Any) -> list[int]:
    reminders_sweep(today=day)
    with capture(execute=True):
        return mail_run(today=day)


def _huey_now() -> datetime:
    """huey's clock: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def _text(message: Any) -> str:
    return str(message.get_body(preferencelist=("plain",)).get_content())


def _html(message: Any) -> str:
    return str(message.get_body(preferencelist=("html",)).get_content())


def test_leave_ends_soon_reaches_hr_in_russian_and_her_in_kazakh(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    _run(ENDS_SOON, django_capture_on_commit_callbacks)
    (to_hr,) = smtp.to("hr@example.kz")
    assert str(to_hr["Subject"]).strip() == "Kopir: Отпуск скоро заканчивается: спланируйте выход на работу"
    assert to_hr["Content-Language"] == "ru"
    episode_link = f"https://kopir.example.kz/ru/hr/episodes/{office['episode'].pk}/"
    assert episode_link in _text(to_hr)
    assert f'href="{episode_link}"' in _html(to_hr)
    assert "Ахметова Айгерим" in _text(to_hr)
    (to_her,) = smtp.to("aigerim@example.kz")
    assert to_her["Content-Language"] == "kk"
    assert str(to_her["Subject"]).strip().startswith("Kopir: Демалысыңыз ")
    assert "Жұмысқа шығуды" in _text(to_her)
    assert f"https://kopir.example.kz/kk/me/return-plan/{office['episode'].pk}/" in _text(to_her)
    assert smtp.to("head@example.kz") == []  # nothing escalated yet
    assert set(SentMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


def test_escalation_reaches_the_head_in_english(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    _run(ESCALATED, django_capture_on_commit_callbacks)
    (to_head,) = smtp.to("head@example.kz")
    assert str(to_head["Subject"]).strip() == "Kopir: No return recorded for days: escalated to the head"
    assert "Hello," in _text(to_head)
    assert "due on" in _text(to_head)
    subjects = sorted(str(m["Subject"]).strip() for m in smtp.to("hr@example.kz"))
    assert len(subjects) == 2  # the overdue return and its escalation, one message each
    assert subjects == [
        "Kopir: Выход на работу не отмечен несколько дней: передано руководителю",
        "Kopir: Отпуск закончился, выход на работу не отмечен",
    ]


def test_each_item_is_sent_once(smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    _run(ENDS_SOON, django_capture_on_commit_callbacks)
    _run(ENDS_SOON + timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(smtp.messages) == 2


def test_no_iin_in_any_message(smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    employee = office["employee"]
    employee.surname = employee.given_name = ""
    employee.save(update_fields=["surname", "given_name"])
    _run(ESCALATED, django_capture_on_commit_callbacks)
    assert smtp.messages
    digits = employee.iin_masked.replace("*", "")[-4:]
    for message in smtp.messages:
        assert employee.iin_masked not in message.as_string()
        assert digits not in _text(message)


def test_a_refused_send_is_retried_by_the_queue(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    MailPreference.objects.filter(user=office["employee_user"]).update(receives_mail=False)
    smtp.refuse_next = 1  # the relay answers 451 to the first message
    _run(ENDS_SOON, django_capture_on_commit_callbacks)
    sent = SentMail.objects.get()
    assert (sent.status, sent.attempts, sent.failure) == (MailStatus.QUEUED, 1, "SMTPDataError")
    assert smtp.messages == []
    assert HUEY.read_schedule(_huey_now() + timedelta(seconds=10)) == []  # not before the delay
    later = _huey_now() + timedelta(seconds=301)
    (retry,) = HUEY.read_schedule(later)
    HUEY.execute(retry, later)
    sent.refresh_from_db()
    assert (sent.status, sent.attempts, sent.failure) == (MailStatus.SENT, 2, "")
    assert len(smtp.to("hr@example.kz")) == 1


def test_a_send_that_keeps_failing_ends_failed(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    MailPreference.objects.filter(user=office["employee_user"]).update(receives_mail=False)
    smtp.refuse_next = 99
    _run(ENDS_SOON, django_capture_on_commit_callbacks)
    for _ in range(settings.KOPIR_MAIL_RETRIES):
        later = _huey_now() + timedelta(days=1)
        (retry,) = HUEY.read_schedule(later)
        HUEY.execute(retry, later)
    sent = SentMail.objects.get()
    assert (sent.status, sent.attempts) == (MailStatus.FAILED, settings.KOPIR_MAIL_RETRIES + 1)
    assert HUEY.read_schedule(_huey_now() + timedelta(days=1)) == []


def test_a_person_who_opted_out_receives_nothing(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    MailPreference.objects.filter(user=office["hr"]).update(receives_mail=False)
    _run(ESCALATED, django_capture_on_commit_callbacks)
    assert smtp.to("hr@example.kz") == []
    assert not SentMail.objects.filter(recipient=office["hr"]).exists()
    assert len(smtp.to("head@example.kz")) == 1


def test_a_daily_digest_gathers_the_day_in_one_message(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    MailPreference.objects.filter(user=office["hr"]).update(daily_digest=True, language="en")
    _run(ESCALATED, django_capture_on_commit_callbacks)
    (digest,) = smtp.to("hr@example.kz")
    assert str(digest["Subject"]).strip() == "Kopir: 2 new items for you"
    assert "Leave ended and no return is recorded" in _text(digest)
    assert "escalated to the head" in _text(digest)


def test_without_an_address_or_with_mail_off_nothing_is_queued(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.KOPIR_MAIL_ENABLED = False
    assert _run(ESCALATED, django_capture_on_commit_callbacks) == []
    settings.KOPIR_MAIL_ENABLED = True
    office["head"].email = ""
    office["head"].save(update_fields=["email"])
    _run(ESCALATED, django_capture_on_commit_callbacks)
    assert not SentMail.objects.filter(recipient=office["head"]).exists()
