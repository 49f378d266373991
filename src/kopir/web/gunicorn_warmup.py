"""Gunicorn settings for ``kopir serve``: the whole site loaded and warmed before a worker takes a request.

Without them each worker imported the site on its first request: that took longer than gunicorn's
30-second worker timeout on a loaded machine, so the first visitors got a 500 (issue 15). Here the
master process loads the application once (``preload_app``), then `when_ready` renders the first
pages in every language inside the master, so that the templates, URL patterns and message
catalogues are ready in memory before the workers are forked and inherit them. The database
connections the warm-up opened are closed before the fork: a connection is never shared between
processes. Used as ``gunicorn --config python:kopir.web.gunicorn_warmup``.
"""

from __future__ import annotations

import io
import logging
import sys
from typing import Any

logger = logging.getLogger("gunicorn.error")

preload_app = True
timeout = 120  # a report or an export can take tens of seconds on a loaded machine; imports no longer count
graceful_timeout = 30

WARM_PATHS = ("/kk/", "/ru/", "/en/")
"""The first page a visitor opens, in each language (each loads its own message catalogue)."""


def warm_up(application: Any, paths: tuple[str, ...] = WARM_PATHS) -> dict[str, str]:
    """Send a GET for each of `paths` through `application` in this process; the status line of each."""
    from django.conf import settings  # noqa: PLC0415 - the application has set Django up
    from django.db import connections  # noqa: PLC0415

    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))), "127.0.0.1")
    statuses = {path: _get(application, path, host) for path in paths}
    connections.close_all()
    return statuses


def _get(application: Any, path: str, host: str) -> str:
    """One GET of `path` through the WSGI `application`, its body read and discarded; the status line."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        statuses.append(status)
        return lambda _data: None

    body = application(environ, start_response)
    try:
        for _chunk in body:
            pass
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return statuses[-1]


def when_ready(server: Any) -> None:
    """Gunicorn's hook in the master, after the preload and before the workers are forked."""
    statuses = warm_up(server.app.wsgi())
    logger.info("Warmed up before serving: %s", ", ".join(f"{path} {status}" for path, status in statuses.items()))
