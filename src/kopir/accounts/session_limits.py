"""How long a session lives: an idle timeout for the roles that see many people's data, and an absolute lifetime.

An HR officer's browser left open in a shared office is a way into every file of her body, so the
roles that must use a second factor (``KOPIR_SECOND_FACTOR_ROLES``, and staff) are signed out after
``KOPIR_SESSION_IDLE_MINUTES`` without a request. Every session, whatever the role and activity,
ends ``KOPIR_SESSION_LIFETIME_HOURS`` after sign-in (the cookie's own age is the same, but a cookie
can be kept by a client; the server's clock cannot). The clocks are stamped at sign-in
(``kopir.accounts.signin.stamp_session_start``) and read here on every request.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from kopir.accounts.second_factor import is_privileged
from kopir.accounts.signin import LAST_SEEN_AT, SIGNED_IN_AT

API_PREFIX = "/api/"
TOUCH_EVERY_SECONDS = 60
"""The last activity is written at most once a minute: a session saved on every request would be a database
write per page and API call, and a minute is nothing against an idle timeout counted in minutes."""


def session_expired(*, privileged: bool, signed_in_at: float, last_seen_at: float, now: float) -> str | None:
    """Why the session is over (``"idle"`` or ``"lifetime"``), or None while it may go on."""
    if now - signed_in_at > settings.KOPIR_SESSION_LIFETIME_HOURS * 3600:
        return "lifetime"
    if privileged and now - last_seen_at > settings.KOPIR_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


def _ended_message(reason: str) -> str:
    if reason == "idle":
        minutes = settings.KOPIR_SESSION_IDLE_MINUTES
        return ngettext(
            "You were signed out after %(minutes)s minute without activity. Please sign in again.",
            "You were signed out after %(minutes)s minutes without activity. Please sign in again.",
            minutes,
        ) % {"minutes": minutes}
    hours = settings.KOPIR_SESSION_LIFETIME_HOURS
    return ngettext(
        "You were signed out: a session lasts at most %(hours)s hour. Please sign in again.",
        "You were signed out: a session lasts at most %(hours)s hours. Please sign in again.",
        hours,
    ) % {"hours": hours}


class SessionLimitsMiddleware:
    """Signs out a session past its idle timeout or lifetime; otherwise notes this request as its last activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        now = timezone.now().timestamp()
        signed_in_at = float(request.session.get(SIGNED_IN_AT, now))
        last_seen_at = float(request.session.get(LAST_SEEN_AT, signed_in_at))
        privileged = is_privileged(user)
        reason = session_expired(privileged=privileged, signed_in_at=signed_in_at, last_seen_at=last_seen_at, now=now)
        if reason is not None:
            return self._signed_out(request, reason)
        request.session.setdefault(SIGNED_IN_AT, signed_in_at)
        if privileged and now - last_seen_at >= TOUCH_EVERY_SECONDS:  # only their sessions go idle
            request.session[LAST_SEEN_AT] = now
        return self.get_response(request)

    @staticmethod
    def _signed_out(request: HttpRequest, reason: str) -> HttpResponse:
        logout(request)
        message = _ended_message(reason)
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": message}, status=401)
        messages.info(request, message)
        return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
