"""View helpers shared by every app that refuses personal data to the wrong role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render


def refusals_kept(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a refused look with 403 (or 404) from inside the view, so its access-log entry is committed.

    With ATOMIC_REQUESTS, an exception leaving the view rolls back its transaction, and with it
    the log entry that records the refusal; returning the answer keeps it. A record of another's
    that the view hides as not found (a saved reform, a run) is a refusal too.
    """

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden(render(request, "403.html", status=403).content)
        except Http404:
            return render(request, "404.html", status=404)

    return guarded


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A failed CSRF check, answered in the page's language and marked for the access log as a refusal."""
    setattr(request, "kopir_refusal", "csrf")  # noqa: B010 - read by RefusalLogMiddleware
    return render(request, "accounts/csrf_failure.html", status=403)
