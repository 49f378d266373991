"""Signing a test client in as a real user would: the password step, then a real TOTP code when her role needs one.

``sign_in(client, user)`` replaces ``client.force_login(user)`` in the tests of the pages and the
API: after the password (``force_login``), a user who must use a second factor gets a confirmed
TOTP device and proves the code of the moment on the verify page, as she would with her app.
"""

from __future__ import annotations

import time

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kopir.accounts.models import User
from kopir.accounts.second_factor import confirmed_device, second_factor_required


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or ``steps_ahead`` time steps later), computed from the device's key.

    The device looks for a code at its own step (the clock's step plus the drift it learnt at the last
    code, give or take its tolerance of one step) and refuses any step it has already accepted (replay).
    A code crossing a step boundary on its way teaches the device a drift of -1; aiming at the clock's
    step alone would then offer, within the same step, the code it has just accepted: a flaky refusal.
    So the code is the one for the device's own step, or the first step it has not accepted yet.
    """
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    clock.time = time.time()
    target = max(clock.t() + device.drift + steps_ahead, device.last_t + 1)
    clock.drift = target - clock.t()
    return str(clock.token()).zfill(device.digits)


def confirmed_device_for(user: User) -> TOTPDevice:
    return confirmed_device(user) or TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def sign_in(client: Client, user: User) -> None:
    """Password, then (for the roles that need it, or a user with a device) the second factor, verified for real."""
    client.force_login(user)
    if not second_factor_required(user) and confirmed_device(user) is None:
        return
    device = confirmed_device_for(user)
    url = reverse("second_factor_verify")
    client.get(url)  # as a browser would: the page sets the CSRF cookie (a client may enforce the check)
    form = {"otp_token": code_for(device), "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:500]
