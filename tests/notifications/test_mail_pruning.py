"""The record of sent messages is deleted after KOPIR_MAIL_KEEP_DAYS days by the nightly task (issue 18)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kopir.accounts.models import Role
from kopir.notifications.models import MailKind, SentMail
from kopir.notifications.services.pruning import mail_prune
from kopir.notifications.tasks import prune_sent_mail
from tests.cases.builders import make_body, make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 3, 30, tzinfo=UTC)


def _mail(recipient: Any, key: str, age: timedelta) -> SentMail:
    mail = SentMail.objects.create(
        recipient=recipient, kind=MailKind.DECISION, key=key, about=[["decision", 1]], language="kk"
    )
    SentMail.objects.filter(pk=mail.pk).update(queued_at=NOW - age)
    return mail


def test_messages_older_than_the_retention_are_deleted_and_younger_ones_kept(settings: Any) -> None:
    settings.KOPIR_MAIL_KEEP_DAYS = 400
    user = make_user(Role.EMPLOYEE, make_body("PRUNE"))
    old = _mail(user, "decision:1", timedelta(days=400, seconds=1))
    kept = _mail(user, "decision:2", timedelta(days=399, hours=23))
    assert mail_prune(now=NOW) == 1
    assert list(SentMail.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not SentMail.objects.filter(pk=old.pk).exists()


def test_the_retention_comes_from_the_setting(settings: Any) -> None:
    settings.KOPIR_MAIL_KEEP_DAYS = 30
    user = make_user(Role.EMPLOYEE, make_body("PRUNE"))
    _mail(user, "decision:1", timedelta(days=31))
    _mail(user, "decision:2", timedelta(days=29))
    assert mail_prune(now=NOW) == 1
    assert SentMail.objects.get().key == "decision:2"


def test_the_nightly_task_is_scheduled_and_prunes() -> None:
    user = make_user(Role.EMPLOYEE, make_body("PRUNE"))
    _mail(user, "decision:1", timedelta(days=5000))
    _mail(user, "decision:2", timedelta(days=1))
    assert prune_sent_mail.s().validate_datetime(NOW)
    assert not prune_sent_mail.s().validate_datetime(NOW.replace(hour=6, minute=15))
    assert prune_sent_mail.call_local() == 1
    assert SentMail.objects.get().key == "decision:2"
