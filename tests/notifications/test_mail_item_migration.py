"""The messages recorded before the items became rows get their items, so none is told twice."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kopir.accounts.models import Role
from kopir.notifications.models import MailItem
from tests.cases.builders import make_body, make_user

BEFORE, AFTER = ("notifications", "0001_initial"), ("notifications", "0002_mail_item")


@pytest.mark.django_db(transaction=True)
def test_each_item_of_an_earlier_message_becomes_a_row() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps.get_model("notifications", "SentMail")
    hr = make_user(Role.HR_OFFICER, make_body("MIG"))
    digest = old.objects.create(
        recipient_id=hr.pk,
        kind="digest",
        key="digest:2025-07-01",
        about=[["reminder", 7], ["reminder", 9]],
        language="ru",
    )
    single = old.objects.create(
        recipient_id=hr.pk, kind="reminder", key="reminder:11", about=[["reminder", 11]], language="ru"
    )
    executor = MigrationExecutor(connection)
    executor.migrate([AFTER])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = set(MailItem.objects.values_list("mail_id", "recipient_id", "kind", "object_id"))
    assert rows == {
        (digest.pk, hr.pk, "reminder", 7),
        (digest.pk, hr.pk, "reminder", 9),
        (single.pk, hr.pk, "reminder", 11),
    }
