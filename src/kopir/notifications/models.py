"""Each person's mail preferences and the record of what was sent to whom (never the text itself).

The record keeps what a message was about (the reminder, the child, the request) by kind and id, so
the text is composed at sending time from the database and no message body, name or IIN is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailPreference(models.Model):
    """Whether, in which language and how often a person is written to; no row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="mail_preference"
    )
    receives_mail = models.BooleanField(_("send me reminders by email"), default=True)
    language = models.CharField(_("language of the messages"), max_length=2, choices=settings.LANGUAGES)
    daily_digest = models.BooleanField(
        _("one message a day with everything instead of one message each"), default=False
    )

    class Meta:
        verbose_name = _("mail preference")
        verbose_name_plural = _("mail preferences")

    def __str__(self) -> str:
        return str(self.user)


class MailKind(models.TextChoices):
    REMINDER = "reminder", _("A reminder to the HR office")
    LEAVE_ENDS = "leave_ends", _("Your leave ends soon")
    THIRD_BIRTHDAY = "third_birthday", _("Your child's third birthday: the childcare leave ends")
    PAYMENT_ENDS = "payment_ends", _("Your childcare payment ends")
    DECISION = "decision", _("A decision on your request")
    DIGEST = "digest", _("Daily digest")


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class SentMail(models.Model):
    """One message to one person: queued, retried, then sent or failed. Unique by what it is about."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="mails"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MailKind.choices)
    about = models.JSONField(_("about"), help_text=_("The items of the message as [kind, id] pairs."))
    key = models.CharField(_("key"), max_length=64, help_text=_("What the message is about, once per person."))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=8, choices=MailStatus.choices, default=MailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    failure = models.CharField(_("last failure"), max_length=100, blank=True, default="")
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sent message")
        verbose_name_plural = _("sent messages")
        ordering = ["-queued_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="one_mail_per_subject")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient} ({self.status})"


class MailItem(models.Model):
    """One item of a message, as a row: the daily run asks "was this item told to this person?" of the
    items due today through an index, instead of reading everyone's whole history of `about` lists."""

    mail = models.ForeignKey(SentMail, verbose_name=_("message"), on_delete=models.CASCADE, related_name="items")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MailKind.choices)
    object_id = models.BigIntegerField(_("item"))

    class Meta:
        verbose_name = _("message item")
        verbose_name_plural = _("message items")
        indexes = [models.Index(fields=["kind", "object_id", "recipient"], name="mail_item_told")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} → {self.recipient_id}"
