"""The health endpoints on the embedded setup, and the 500 handler that still answers 503 for an outage.

tests/web/test_outages.py takes PostgreSQL and Redis away from a running server; here the default
settings (SQLite, the SQLite queue) and the handler Django calls for an exception raised outside a
view, where an outage in a middleware (the session saved on the way out) surfaces.
"""

from __future__ import annotations

import json
import sqlite3

import psycopg
import pytest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory
from redis.exceptions import ConnectionError as RedisConnectionError

from kopir.web.outages import server_error_or_outage


def test_healthz_answers_without_the_database(client: Client) -> None:
    # not a django_db test: pytest-django fails any query here
    answer = client.get("/healthz")
    assert (answer.status_code, answer.json()) == (200, {"status": "alive"})
    assert answer["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_readyz_checks_the_database_and_the_queue(client: Client) -> None:
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert json.loads(answer.content) == {"status": "ready", "checks": {"database": "ok", "queue": "ok"}}


@pytest.mark.parametrize(
    "outage",
    [OperationalError("server closed the connection"), InterfaceError("closed"), RedisConnectionError("refused")],
)
@pytest.mark.parametrize(("path", "kind"), [("/ru/cases/", "text/html"), ("/api/v1/employees", "application/json")])
def test_an_outage_raised_outside_a_view_answers_503(outage: Exception, path: str, kind: str) -> None:
    answer = _handled(outage, path)
    assert (answer.status_code, answer["Retry-After"]) == (503, "5")
    assert answer["Content-Type"].startswith(kind)


def test_any_other_error_is_still_a_500() -> None:
    assert _handled(ValueError("a bug"), "/en/").status_code == 500


def _raise(error: Exception) -> None:
    raise error


def _handled(error: Exception, path: str) -> HttpResponse:
    """What Django's handler answers while `error` is being handled (it reads ``sys.exc_info()``)."""
    try:
        _raise(error)
    except type(error):
        return server_error_or_outage(RequestFactory().get(path))
    raise AssertionError("not raised")


def _django_error(cause: Exception) -> OperationalError:
    """Django's OperationalError as its database wrapper raises it: the driver's error as the cause."""
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("cause", "status"),
    [
        (sqlite3.OperationalError("database is locked"), 503),
        (sqlite3.OperationalError("unable to open database file"), 503),
        (psycopg.errors.ConnectionFailure("connection lost"), 503),
        (psycopg.errors.AdminShutdown("terminating connection"), 503),
        (sqlite3.OperationalError("no such table: cases_employee"), 500),  # a migration not run: a bug
        (psycopg.errors.DeadlockDetected("deadlock detected"), 500),
        (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), 500),
    ],
)
def test_only_a_database_away_is_an_outage(cause: Exception, status: int) -> None:
    assert _handled(_django_error(cause), "/api/v1/employees").status_code == status
