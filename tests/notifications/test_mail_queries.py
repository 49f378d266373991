"""The daily run reads only what it needs: the items due today, through an index, never everyone's whole
history; so the number of queries is the same for one recipient as for fifty (issue 18)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopir.accounts.models import Role
from kopir.cases.models import Reminder, ReminderKind
from kopir.notifications.models import MailItem, MailKind, SentMail
from kopir.notifications.services.planning import _already_told, _items_due, mail_plan
from tests.cases.builders import make_body, make_employee
from tests.notifications.conftest import birth_episode, person

pytestmark = pytest.mark.django_db

DAY = date(2025, 7, 1)


def _office_with_officers(code: str, officers: int) -> Reminder:
    """A body with `officers` HR officers (each with a long history of earlier messages) and one reminder."""
    body = make_body(code)
    episode = birth_episode(make_employee(body))
    for number in range(officers):
        hr = person(Role.HR_OFFICER, body, email=f"hr{number}@{code.lower()}.example.kz")
        for old in range(1, 21):
            mail = SentMail.objects.create(
                recipient=hr, kind=MailKind.DECISION, key=f"decision:{old}", about=[["decision", old]], language="kk"
            )
            MailItem.objects.create(mail=mail, recipient=hr, kind="decision", object_id=old)
    return Reminder.objects.create(episode=episode, kind=ReminderKind.LEAVE_ENDS_SOON, due_on=DAY, raised_on=DAY)


def _planned(reminder: Reminder) -> tuple[int, int]:
    """Run the day's plan; return the number of queries and of messages about `reminder`."""
    with CaptureQueriesContext(connection) as queries:
        mail_plan(today=DAY)
    told = MailItem.objects.filter(kind=MailKind.REMINDER, object_id=reminder.pk).count()
    reminder.resolved_on = DAY
    reminder.save(update_fields=["resolved_on"])
    return len(queries), told


def test_the_daily_run_makes_as_many_queries_for_fifty_recipients_as_for_one() -> None:
    one_queries, one_told = _planned(_office_with_officers("ONE", 1))
    fifty_queries, fifty_told = _planned(_office_with_officers("FIFTY", 50))
    assert (one_told, fifty_told) == (1, 50)
    assert fifty_queries == one_queries


def test_an_item_already_told_is_found_by_the_index_and_not_sent_again() -> None:
    reminder = _office_with_officers("AGAIN", 3)
    assert len(mail_plan(today=DAY)) == 3
    assert mail_plan(today=DAY) == []
    assert mail_plan(today=date(2025, 7, 2)) == []
    assert SentMail.objects.filter(key=f"reminder:{reminder.pk}").count() == 3


def test_the_told_lookup_reads_the_items_due_not_the_history() -> None:
    reminder = _office_with_officers("READ", 2)
    mail_plan(today=DAY)
    wanted = _items_due(DAY)
    officers = sorted(wanted)
    assert len(officers) == 2
    assert _already_told(wanted) == {(officer, "reminder", reminder.pk) for officer in officers}
