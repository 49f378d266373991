"""The mail jobs (huey): the daily run after the reminders sweep, one task per message with retries, and
the nightly prune of the record of sent messages."""

from __future__ import annotations

from datetime import date
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kopir.notifications.services.planning import mail_plan
from kopir.notifications.services.pruning import mail_prune
from kopir.notifications.services.sending import mail_deliver


@db_task(retries=int(settings.KOPIR_MAIL_RETRIES), retry_delay=int(settings.KOPIR_MAIL_RETRY_SECONDS))
def mail_send(sent_id: int) -> str:
    """Send one recorded message; a failure raises, and huey tries again later."""
    return mail_deliver(sent_id)


def mail_run(*, today: date) -> list[int]:
    """Record today's messages and queue each one once the records are committed."""
    with transaction.atomic():
        ids = mail_plan(today=today)
        for sent_id in ids:
            transaction.on_commit(partial(mail_send, sent_id), robust=True)
    return ids


@db_periodic_task(crontab(hour="6", minute="15"))
def daily_mail() -> list[int]:
    """Every morning, a quarter of an hour after the reminders sweep (06:00) has raised the day's reminders."""
    return mail_run(today=timezone.localdate())


@db_periodic_task(crontab(hour="3", minute="30"))
def prune_sent_mail() -> int:
    """Every night, delete the record of messages older than `KOPIR_MAIL_KEEP_DAYS` days."""
    return mail_prune(now=timezone.now())
