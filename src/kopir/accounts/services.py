"""Writing to the access log: every read or change of personal data, by whom, of whose record."""

from __future__ import annotations

from django.db import models

from kopir.accounts.models import AccessAction, AccessLog, User


def access_log_record(
    *, actor: User | None, action: AccessAction, record: models.Model, subject_id: int | None, detail: str = ""
) -> AccessLog:
    """Append one entry; `subject_id` is the employee whose personal data was touched."""
    return AccessLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        record_type=record._meta.label_lower,  # noqa: SLF001 - Django's public model metadata
        record_id=str(record.pk),
        subject_id=subject_id,
        detail=detail[:300],
    )
