"""The password rules' messages in Kazakh too: Django's Kazakh catalogue leaves its password validators in English.

Our catalogue (``LOCALE_PATHS``) is read before Django's, so Django's own msgids, marked here
and translated in ``src/kopir/locale``, reach an administrator setting a weak password in
Kazakh; the Russian entries repeat Django's wording. The length rule's messages are our own,
with a named placeholder as our catalogues use, on a subclass of Django's validator.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext_noop, ngettext

DJANGO_RULES = (
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule (``min_length`` from KOPIR_PASSWORD_MIN_LENGTH), saying so in kk, ru and en."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: it must have at least %(min_length)s character.",
            "This password is too short: it must have at least %(min_length)s characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must have at least %(min_length)s character.",
            "Your password must have at least %(min_length)s characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
