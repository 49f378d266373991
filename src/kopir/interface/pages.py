"""The page helpers every signed-in app shares: the viewer with her role, a service's errors, today.

A view asks `viewer_with_role` for the signed-in user allowed to do what it does; a refused role is
written to the access log before the 403 (the page's `refusals_kept` keeps that entry committed), so
every app logs refusals the same way. A service refuses with a `ValidationError`;
`apply_form_errors` puts each message on the field it names.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, models, transaction
from django.forms import Form
from django.http import HttpRequest
from django.utils import timezone

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import ROLE_REFUSED, access_log_record


def viewer_with_role(
    request: HttpRequest,
    roles: Collection[str],
    *,
    record: models.Model | None = None,
    subject_of: Callable[[], int | None] | None = None,
) -> User:
    """The signed-in user if her role is one of `roles`; otherwise her refused look is logged and denied.

    `record` is what she tried to look at (her own account when the page shows no one record) and
    `subject_of` finds the employee whose data it holds, asked only for a refusal (it may query).
    """
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    if user.role not in roles:
        try:
            with transaction.atomic():
                access_log_record(
                    actor=user,
                    action=AccessAction.REFUSED,
                    record=record or user,
                    subject_id=subject_of() if subject_of else None,
                    detail=ROLE_REFUSED,
                )
        except DatabaseError:
            pass  # RefusalLogMiddleware finds no entry, writes its own or logs that the log cannot take it
        raise PermissionDenied
    return user


def apply_form_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal on the form: each message on its field, the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def local_today() -> date:
    """Today in the body's time zone (Asia/Almaty), as every page and service dates things."""
    return timezone.localdate()
