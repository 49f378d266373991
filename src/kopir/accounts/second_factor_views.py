"""The two pages of the second factor: enrol a TOTP app (QR code as inline SVG), and prove a code after the password.

A wrong code is a failed sign-in like a wrong password: it is sent as ``user_login_failed``, so
django-axes counts it toward the lockout of the account and the address, and the access log
records it (``kopir.accounts.signin``). A locked-out user is signed out and sees the lockout page.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kopir.accounts.models import User
from kopir.accounts.second_factor import ENROL, VERIFY, confirmed_device, is_verified
from kopir.accounts.signin import WRONG_CODE, lockout_response

CODE_DIGITS = 6
QR_SCALE = 4
DEVICE_NAME = "Kopir"


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=CODE_DIGITS,
        max_length=CODE_DIGITS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].help_text = gettext("The %(digits)s digits the app shows now for Kopir.") % {
            "digits": CODE_DIGITS
        }

    def clean_otp_token(self) -> str:
        token = str(self.cleaned_data["otp_token"]).strip()
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the digits only."))
        return token


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _credentials(user: User) -> dict[str, Any]:
    return {"username": user.get_username()}


def _refused_code(request: HttpRequest, user: User, form: CodeForm, *, throttled: bool) -> HttpResponse | None:
    """Count and log a wrong code; the lockout page if it was one too many, else None (show the form again).

    After a wrong code django-otp refuses any code for a while that doubles with each failure
    (``throttled``): the user is told to wait rather than that her right code was wrong.
    """
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request, kopir_reason=WRONG_CODE)
    if throttled:
        form.add_error("otp_token", _("Several wrong codes in a row: wait a little, then enter the newest code."))
    else:
        form.add_error("otp_token", _("That code is not right. Check the time on your phone and try the newest code."))
    if getattr(request, "axes_locked_out", False):
        logout(request)
        return lockout_response(request, None, _credentials(user))
    return None


def _locked(request: HttpRequest, user: User) -> HttpResponse | None:
    if AxesProxyHandler.is_locked(request, _credentials(user)):
        logout(request)
        return lockout_response(request, None, _credentials(user))
    return None


def _proved(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    """The session is now fully signed in: a new session key (as at the password), then on to where she was going."""
    request.session.cycle_key()
    otp_login(request, device)
    return HttpResponseRedirect(_next_url(request))


def _qr_svg(device: TOTPDevice) -> str:
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=QR_SCALE))  # noqa: S308 - segno's own SVG


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the QR code (or type the key), then prove one code to confirm it."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - AUTH_USER_MODEL
    if confirmed_device(user) is not None:  # a second device is added only by an administrator removing the first
        if is_verified(user):
            return redirect(_next_url(request))
        return redirect(f"{resolve_url(VERIFY)}?{urlencode({'next': _next_url(request)})}")
    if (locked := _locked(request, user)) is not None:
        return locked
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = not device.verify_is_allowed()[0]
        if device.verify_token(form.cleaned_data["otp_token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            return _proved(request, device)
        if (refused := _refused_code(request, user, form, throttled=throttled)) is not None:
            return refused
    context = {
        "form": form,
        "qr_svg": _qr_svg(device),
        "key": b32encode(device.bin_key).decode("ascii"),
        "next": _next_url(request),
    }
    return render(request, "registration/second_factor_enrol.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the user's confirmed authenticator app."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - AUTH_USER_MODEL
    device = confirmed_device(user)
    if device is None:
        return redirect(f"{resolve_url(ENROL)}?{urlencode({'next': _next_url(request)})}")
    if is_verified(user):
        return redirect(_next_url(request))
    if (locked := _locked(request, user)) is not None:
        return locked
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = not device.verify_is_allowed()[0]
        if device.verify_token(form.cleaned_data["otp_token"]):
            return _proved(request, device)
        if (refused := _refused_code(request, user, form, throttled=throttled)) is not None:
            return refused
    return render(request, "registration/second_factor_verify.html", {"form": form, "next": _next_url(request)})
