"""The first administrator of a production database: created by hand, never by the demo.

A production start creates no account (decision 0013). The operator runs ``kopir createadmin``,
which creates an administrator (role, staff and superuser) whose password passes the password
rules (AUTH_PASSWORD_VALIDATORS); at her first sign-in Kopir makes her set up the second factor
before anything else. Django's own ``createsuperuser`` cannot: the default role needs a state body.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from kopir.accounts.models import Role, User


@transaction.atomic
def administrator_create(*, username: str, email: str, password: str) -> User:
    """Create an administrator; raises Django's ``ValidationError`` for a taken name or a weak password."""
    user = User(username=username, email=email, role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
