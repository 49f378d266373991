"""The record of sent messages is personal data (who was told what, when): it is kept
`KOPIR_MAIL_KEEP_DAYS` days (400 by default, a year and a margin for the yearly audit) and then deleted.

A reminder still open when its message is pruned is told again by the next daily run: after more than
a year that is a fair reminder, not a duplicate.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from kopir.notifications.models import SentMail


def mail_prune(*, now: datetime) -> int:
    """Delete the messages queued more than `KOPIR_MAIL_KEEP_DAYS` days before `now`; return how many."""
    cutoff = now - timedelta(days=settings.KOPIR_MAIL_KEEP_DAYS)
    _, per_model = SentMail.objects.filter(queued_at__lt=cutoff).delete()
    return per_model.get("notifications.SentMail", 0)
