"""Optimistic locking: two people editing the same record never silently overwrite each other.

Each editable record carries a `version`. A change names the version it was made on; the update
succeeds only if the row still has that version, and bumps it. Otherwise the second editor is
told to reload, and nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

CHANGED_BY_SOMEONE_ELSE = _("This record was changed by someone else since you opened it; reload it and try again.")


class ConcurrentEdit(ValidationError):
    """The record's version moved on since the editor read it."""


def claim_version(instance: models.Model, expected_version: int) -> None:
    """Bump the row's version if it is still `expected_version`, or raise `ConcurrentEdit`."""
    model = type(instance)
    rows = model._default_manager.filter(pk=instance.pk, version=expected_version)  # noqa: SLF001 - public in Django
    updated = rows.update(version=F("version") + 1)
    if updated != 1:
        raise ConcurrentEdit(CHANGED_BY_SOMEONE_ELSE, code="concurrent_edit")
    instance.version = expected_version + 1  # type: ignore[attr-defined]
