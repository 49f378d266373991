"""The second factor (TOTP): who must use it, and the gate that holds a signed-in user until she has.

A password alone opens the files of a whole state body to whoever guessed or phished it. So an
administrator, HR officer or body head (``KOPIR_SECOND_FACTOR_ROLES``), and any staff user (the
Django admin), must prove a TOTP code after the password; one who has no confirmed device yet is
sent to enrol first, and reaches nothing else (no page, no API, no admin) until then. Employees
and analysts may enrol; once they have a device, they are asked for its code too. Only the
development settings may lift the requirement (``KOPIR_SECOND_FACTOR_REQUIRED``; decision 0013).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kopir.accounts.models import User

VERIFY = "second_factor_verify"
ENROL = "second_factor_enrol"
# the pages an unverified user may still reach: the two steps themselves, signing in or out, the language
OPEN_VIEWS = frozenset({VERIFY, ENROL, "login", "logout", "set_language"})
API_PREFIX = "/api/"


def is_privileged(user: User) -> bool:
    """The roles that see many people's data (and staff): a second factor and an idle timeout."""
    return bool(user.is_staff or user.role in settings.KOPIR_SECOND_FACTOR_ROLES)


def second_factor_required(user: User) -> bool:
    return bool(settings.KOPIR_SECOND_FACTOR_REQUIRED) and is_privileged(user)


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_verified(user: object) -> bool:
    """Whether this session proved a code (``OTPMiddleware`` puts the device it proved on the user)."""
    return getattr(user, "otp_device", None) is not None


def _open_view(path: str) -> bool:
    try:
        return resolve(path).view_name in OPEN_VIEWS
    except Resolver404:
        return False


HAS_DEVICE = "kopir_has_second_factor"
"""Session key: whether a user who may go without a second factor had one (asked once per session, not per request)."""


class SecondFactorMiddleware:
    """After ``OTPMiddleware``: a signed-in user owing a code goes to the verify page, or to enrol first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or is_verified(user):
            return self.get_response(request)
        assert isinstance(user, User)  # noqa: S101 - AUTH_USER_MODEL
        step = self._owed(request, user)
        if step is None or _open_view(request.path_info):
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": _("Sign in with your second factor first.")}, status=403)
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _owed(request: HttpRequest, user: User) -> str | None:
        """The step this session owes (verify, or enrol first), or None.

        A user who must have a second factor is asked every time until she proves it; for the others
        (employees, analysts) whether they enrolled one is looked up once per session.
        """
        if not second_factor_required(user):
            if request.session.get(HAS_DEVICE) is False:
                return None
            has_device = confirmed_device(user) is not None
            if request.session.get(HAS_DEVICE) is not has_device:
                request.session[HAS_DEVICE] = has_device
            return VERIFY if has_device else None
        return VERIFY if confirmed_device(user) is not None else ENROL
