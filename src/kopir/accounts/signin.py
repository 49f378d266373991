"""Failed sign-ins and lockouts go to the access log; the lockout page says why, in the reader's language.

django-axes counts the failures (per account and per address, decision 0013) and refuses while
the cool-off lasts; this module only records what happened and answers. Every failed attempt,
wrong password or wrong second-factor code, is one ``refused`` entry whose detail names the
account tried, the client's address (``client_address``, so a forged X-Forwarded-For cannot hide
it) and the count; never the password or the code.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import models
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kopir.accounts.client_address import client_address
from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record

WRONG_PASSWORD = "wrong password"  # noqa: S105 - the reason written to the log, not a password
WRONG_CODE = "wrong second-factor code"
SHOWN_USERNAME_CHARS = 64  # whatever a client typed as the account name is cut to this in the log
LOCKOUT_TEMPLATE = "registration/locked_out.html"
SIGNED_IN_AT = "kopir_signed_in_at"  # the session's start and last request, as Unix seconds
LAST_SEEN_AT = "kopir_last_seen_at"


def failed_signin_detail(*, reason: str, username: str, address: str, failures: int, limit: int, locked: bool) -> str:
    """The access log's words for one refused sign-in (English: the log is read by administrators)."""
    who = f"{username[:SHOWN_USERNAME_CHARS]!r} from {address}"
    if locked:
        return f"sign-in refused, locked out: {who} ({reason}; {failures} failures, limit {limit})"
    return f"sign-in failed: {reason} for {who} ({failures} of {limit} before lockout)"


def _record_of(user: User | None, username: str, address: str) -> models.Model | None:
    """What the entry is about: the account if it exists, else the axes counter of this name and address."""
    if user is not None:
        return user
    attempt: models.Model | None = (
        AccessAttempt.objects.filter(username=username, ip_address=address).order_by("-attempt_time").first()
    )
    return attempt


@receiver(user_login_failed, dispatch_uid="kopir.accounts.signin.failed")
def log_failed_signin(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """One ``refused`` entry per failed attempt; runs after axes' own receiver, so its count is current."""
    if request is None:
        return
    username = str(credentials.get("username") or "")
    address = client_address(request)
    user = User.objects.filter(username=username).first() if username else None
    record = _record_of(user, username, address)  # None: an unknown name axes did not count; logged all the same
    detail = failed_signin_detail(
        reason=str(kwargs.get("kopir_reason") or WRONG_PASSWORD),
        username=username,
        address=address,
        failures=int(getattr(request, "axes_failures_since_start", 0) or 0),
        limit=get_failure_limit(request, credentials),
        locked=bool(getattr(request, "axes_locked_out", False)),
    )
    access_log_record(actor=user, action=AccessAction.REFUSED, record=record, subject_id=None, detail=detail)


@receiver(user_logged_in, dispatch_uid="kopir.accounts.signin.started")
def stamp_session_start(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """The session's clock starts at sign-in: idle timeout and absolute lifetime count from here."""
    if request is not None and hasattr(request, "session"):
        now = timezone.now().timestamp()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The lockout page (429): the account or address is locked for the cool-off; nothing says which."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        LOCKOUT_TEMPLATE,
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
