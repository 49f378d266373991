from __future__ import annotations

from typing import Any

from django import forms

from kopir.accounts.models import Role
from kopir.notifications.models import MailPreference

DIGEST_ROLES = frozenset({Role.HR_OFFICER, Role.BODY_HEAD, Role.ADMINISTRATOR})
"""Those who get many reminders a day may ask for one digest instead; an employee gets few."""


class MailPreferenceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MailPreference
        fields = ["receives_mail", "language", "daily_digest"]

    def __init__(self, *args: Any, role: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if role not in DIGEST_ROLES:
            del self.fields["daily_digest"]
