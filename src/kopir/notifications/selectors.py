"""Reads for the preferences page: a person's preference (or the defaults) and her recent messages."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from kopir.accounts.models import User
from kopir.notifications.models import MailPreference, SentMail

RECENT_MAILS = 20


def preference_of(user: User) -> MailPreference:
    """Her stored preference, or an unsaved one with the defaults (mail on, the site's language)."""
    found = MailPreference.objects.filter(user=user).first()
    return found or MailPreference(user=user, language=settings.LANGUAGE_CODE)


def mails_to(user: User) -> QuerySet[SentMail]:
    return SentMail.objects.filter(recipient=user)[:RECENT_MAILS]
