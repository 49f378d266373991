"""Sending one recorded message: counted attempts, a failure kept by its kind (never its text, which
may quote an address), and the status the profile page and the administrator see.

A failed attempt raises, so the queue (huey) tries again `KOPIR_MAIL_RETRIES` times,
`KOPIR_MAIL_RETRY_SECONDS` apart; the last failure is recorded as failed and not raised.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from kopir.notifications.models import MailStatus, SentMail
from kopir.notifications.services.composing import mail_compose

logger = logging.getLogger(__name__)


class SendFailed(Exception):
    """An attempt failed and another will follow (the queue retries the task)."""


def mail_deliver(sent_id: int) -> str:
    """Send the message recorded as `sent_id` if it is still queued; return its status afterwards."""
    sent = SentMail.objects.select_related("recipient").filter(pk=sent_id, status=MailStatus.QUEUED).first()
    if sent is None:
        return "skipped"
    message = mail_compose(sent)
    rows = SentMail.objects.filter(pk=sent_id)
    if message is None:  # everything it was about has gone since it was queued
        rows.update(status=MailStatus.FAILED, failure="nothing left to say")
        return MailStatus.FAILED
    rows.update(attempts=F("attempts") + 1)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        attempts = sent.attempts + 1
        last = attempts > settings.KOPIR_MAIL_RETRIES
        rows.update(failure=type(error).__name__, status=MailStatus.FAILED if last else MailStatus.QUEUED)
        logger.warning("mail %s: attempt %s failed: %s", sent_id, attempts, type(error).__name__)
        if last:
            return MailStatus.FAILED
        raise SendFailed(type(error).__name__) from None
    rows.update(status=MailStatus.SENT, sent_at=timezone.now(), failure="")
    return MailStatus.SENT
