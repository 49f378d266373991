"""View helpers shared by every app that refuses personal data to the wrong role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render


def refusals_kept(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a refused look with 403 from inside the view, so its access-log entry is committed.

    With ATOMIC_REQUESTS, an exception leaving the view rolls back its transaction, and with it
    the log entry that records the refusal; returning the 403 keeps it.
    """

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden(render(request, "403.html", status=403).content)

    return guarded


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A failed CSRF check, answered in the page's language and marked for the access log as a refusal."""
    setattr(request, "kopir_refusal", "csrf")  # noqa: B010 - read by RefusalLogMiddleware
    return render(request, "accounts/csrf_failure.html", status=403)
