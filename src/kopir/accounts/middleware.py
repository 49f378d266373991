"""Every refusal in the access log, written in one place after the view's transaction has ended.

Views and selectors log the refusals they decide (a record outside the viewer's reach). The
others leave only their answer: 403 for a role (an analyst on an HR page, a head posting a
segment), 401 from the API, a redirect of an anonymous request to the sign-in page, a failed
CSRF check. This middleware logs each of those once: it writes after ``ATOMIC_REQUESTS`` has
committed or rolled back the view, so the entry stays, and it skips a response whose refusal the
view already logged (and which was not rolled back). A burst of refusals by one account or
address gives a WARNING when it reaches ``KOPIR_REFUSAL_BURST_COUNT``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve

from kopir.accounts.client_address import client_address
from kopir.accounts.models import AccessAction, AccessLog, User
from kopir.accounts.request_context import RequestFacts, current_request
from kopir.accounts.selectors import burst_window, refusals_in_window
from kopir.accounts.services import ROLE_REFUSED

logger = logging.getLogger("kopir.audit")
UNAUTHORISED, FORBIDDEN = 401, 403
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CSRF_REFUSED = "csrf"


def _signed_in(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) else None


def _to_sign_in(response: HttpResponseBase) -> bool:
    try:
        return resolve(urlsplit(response["Location"]).path).url_name == "login"
    except (KeyError, Resolver404):
        return False


def refusal_reason(request: HttpRequest, response: HttpResponseBase) -> str | None:
    """Why this answer refused the request, or None if it did not."""
    if response.status_code == FORBIDDEN:
        if getattr(request, "kopir_refusal", None) == CSRF_REFUSED:
            return "refused: CSRF check failed"
        return "refused: not signed in" if _signed_in(request) is None else ROLE_REFUSED
    if response.status_code == UNAUTHORISED:
        return "refused: not signed in"
    if response.status_code in REDIRECTS and _signed_in(request) is None and _to_sign_in(response):
        return "refused: not signed in"
    return None


class RefusalLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        facts = RequestFacts(address=client_address(request), method=request.method or "", path=request.path)
        token = current_request.set(facts)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        reason = refusal_reason(request, response)
        if reason is not None:
            try:
                with transaction.atomic():
                    self._record(request, facts, reason)
            except DatabaseError:
                # the request is refused all the same; a database outage must not turn a 403 into a 500
                logger.exception("A refusal could not be written to the access log: %s %s", facts.method, facts.path)
        return response

    def _record(self, request: HttpRequest, facts: RequestFacts, reason: str) -> None:
        kept = bool(facts.refused_row_ids) and AccessLog.objects.filter(pk__in=facts.refused_row_ids).exists()
        if not kept:
            self._log(request, facts, reason)
        self._warn_on_burst(_signed_in(request), facts.address)

    @staticmethod
    def _log(request: HttpRequest, facts: RequestFacts, reason: str) -> None:
        match = getattr(request, "resolver_match", None)
        AccessLog.objects.create(
            actor=_signed_in(request),
            action=AccessAction.REFUSED,
            record_type="request",
            record_id=(match.view_name if match else "")[:64],
            subject_id=None,
            detail=reason,
            address=facts.address,
            method=facts.method[:8],
            path=facts.path[:300],
        )

    @staticmethod
    def _warn_on_burst(actor: User | None, address: str) -> None:
        threshold, window = burst_window()
        counts = refusals_in_window(actor_id=actor.pk if actor else None, address=address)
        for kind, count in counts.items():
            if count == threshold:
                who = actor.get_username() if kind == "account" and actor else address
                logger.warning("A burst of refusals: %s %s has %d in the last %s.", kind, who, count, window)
