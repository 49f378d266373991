"""Outages of the database, Redis or the job queue: a 503 with ``Retry-After``, never an HTML 500.

While PostgreSQL restarts, every request that needs it fails with ``OperationalError`` or
``InterfaceError``; with Redis down the rate limits and the queue fail with Redis's
``ConnectionError``. Those are the service being away for a moment, not a bug, so the visitor gets
503 with ``Retry-After`` (a program the contract's errors document under ``/api/``, a person a plain
page that needs neither the database nor her session) and the log a warning.

The exception surfaces in two places: in the view, including the transaction that
``ATOMIC_REQUESTS`` opens around it, where ``process_exception`` sees it; and in a middleware (the
session saved on the way out, for instance), which Django turns into a response itself: there the
500 handler (``handler500`` in the root URLs) looks at the exception being handled (decision 0016).
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Callable

import redis.exceptions
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error

from kopir.interface.api import api_language, errors_response
from kopir.rules.errors import FieldError
from kopir.rules.i18n import N_

logger = logging.getLogger("kopir.outage")

UNAVAILABLE = N_("Kopir is unavailable for a moment; try again in %(seconds)s seconds.")
OUTAGES: tuple[type[BaseException], ...] = (
    OperationalError,  # Django's: the database refused, dropped or timed out the connection
    InterfaceError,  # Django's: the connection was already closed under us
    redis.exceptions.ConnectionError,  # the cache (rate limits) or the Redis queue
    redis.exceptions.TimeoutError,
    sqlite3.OperationalError,  # the embedded queue's SQLite file, used by huey directly
)


SQLITE_AWAY = ("database is locked", "unable to open", "disk i/o error")
"""What SQLite says when its file is busy or gone; "no such table" and the like are bugs, not outages."""
POSTGRES_AWAY = ("08", "57P01", "57P02", "57P03")
"""SQLSTATEs of a connection lost or refused (class 08) and of a server shutting down or starting up."""


def is_outage(error: BaseException | None) -> bool:
    """A service away for a moment, not a bug: a missing table, a deadlock or a timed-out statement stays a 500."""
    if not isinstance(error, OUTAGES):
        return False
    if not isinstance(error, OperationalError | sqlite3.OperationalError):
        return True  # InterfaceError, Redis: the connection itself
    cause = error if isinstance(error, sqlite3.OperationalError) else error.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        return str(cause).lower().startswith(SQLITE_AWAY)
    sqlstate = getattr(cause, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(POSTGRES_AWAY)  # psycopg: no SQLSTATE when never connected


def outage_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    """The 503 for `request`: JSON errors for the API, a plain translated page for people; logged."""
    seconds = settings.KOPIR_RETRY_AFTER_SECONDS
    logger.warning("outage: %s at %s %s: %s", type(error).__name__, request.method, request.path, error)
    if request.path.startswith("/api/"):
        response = errors_response(
            [FieldError("request", UNAVAILABLE, (("seconds", seconds),))], 503, api_language(request)
        )
    else:
        response = HttpResponse(render_to_string("web/unavailable.html", {"seconds": seconds}), status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class OutageMiddleware:
    """Turns an outage raised by a view (or by its request transaction) into a 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return outage_response(request, exception) if is_outage(exception) else None


def server_error_or_outage(request: HttpRequest) -> HttpResponse:
    """The 500 handler: an outage raised outside a view (in a middleware) still answers 503."""
    error = sys.exc_info()[1]
    if error is not None and is_outage(error):
        return outage_response(request, error)
    return server_error(request)
