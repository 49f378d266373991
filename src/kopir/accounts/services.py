"""Writing to the access log: every read or change of personal data, by whom, of whose record."""

from __future__ import annotations

from django.db import models

from kopir.accounts.models import AccessAction, AccessLog, User

ROLE_REFUSED = "refused: role or record not allowed"  # the detail of a refusal by role, wherever decided
SIGN_IN_RECORD = "accounts.signin"  # the kind of an entry about a sign-in with no stored record


def access_log_record(
    *, actor: User | None, action: AccessAction, record: models.Model | None, subject_id: int | None, detail: str = ""
) -> AccessLog:
    """Append one entry; `subject_id` is the employee whose personal data was touched.

    `record` is None only for a refusal about no stored record (a sign-in with a name that exists
    nowhere, not even in axes' counters): the entry is kept all the same, as a sign-in.
    """
    return AccessLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        record_type=SIGN_IN_RECORD if record is None else record._meta.label_lower,  # noqa: SLF001 - public metadata
        record_id="" if record is None else str(record.pk),
        subject_id=subject_id,
        detail=detail[:300],
    )
