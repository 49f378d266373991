"""Health endpoints for a load balancer: ``/healthz`` (the process) and ``/readyz`` (what it needs).

``/healthz`` answers 200 as long as the process serves requests, without touching the database, so
a balancer does not restart healthy web workers during a database restart. ``/readyz`` tries the
database, Redis (when configured) and the job queue, and answers 200, or 503 with a JSON body naming
what failed, so that the balancer sends no traffic to an instance that can only answer 503.
Neither runs in a request transaction: ``ATOMIC_REQUESTS`` would open one before the view.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from huey.contrib.djhuey import HUEY

from kopir.web.outages import OUTAGES


@never_cache
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "alive"})


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _redis() -> None:
    cache.get("kopir:readyz")


def _queue() -> None:
    HUEY.pending_count()


def _checks() -> dict[str, Callable[[], None]]:
    uses_redis = "redis" in settings.CACHES["default"]["BACKEND"].lower()
    return {"database": _database, **({"redis": _redis} if uses_redis else {}), "queue": _queue}


@never_cache
@transaction.non_atomic_requests
def readyz(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in _checks().items():
        try:
            check()
        except OUTAGES as error:
            results[name] = f"failed: {type(error).__name__}"
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    response = JsonResponse(
        {"status": "ready" if ready else "unavailable", "checks": results}, status=200 if ready else 503
    )
    if not ready:
        response["Retry-After"] = str(settings.KOPIR_RETRY_AFTER_SECONDS)
    return response
