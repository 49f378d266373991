"""Each person's email preferences, on her own page: whether, in which language, how often."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from kopir.accounts.models import User
from kopir.notifications.forms import MailPreferenceForm
from kopir.notifications.selectors import mails_to, preference_of


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required
    form = MailPreferenceForm(request.POST or None, instance=preference_of(user), role=user.role)
    saved = request.method == "POST" and form.is_valid()
    if saved:
        form.save()
    context = {
        "form": form,
        "saved": saved,
        "email": user.email,
        "mails": mails_to(user),
        "mail_enabled": settings.KOPIR_MAIL_ENABLED,
    }
    status = 400 if form.is_bound and not saved else 200
    return render(request, "notifications/preferences.html", context, status=status)
