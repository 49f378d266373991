"""Outages: the database or Redis away gives 503 with Retry-After, and the service comes back by itself.

Kopir runs here as in production (the production settings, gunicorn, PostgreSQL and Redis), against
a PostgreSQL and a Redis of the test's own that it stops and starts (tests/web/live.py); the
machine's shared servers are not touched.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import CONTRACT_EXAMPLE
from tests.web.live import (
    Answer,
    Browser,
    PrivatePostgres,
    PrivateRedis,
    gunicorn,
    in_one_process,
    private_postgres,
    private_redis,
    production_environment,
)

BACK_WITHIN_SECONDS = 5


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Kopir under gunicorn with the production settings, on a private PostgreSQL and Redis."""
    directory = tmp_path_factory.mktemp("production")
    with private_postgres() as database, private_redis() as redis:
        env = production_environment(database_url=database.url, redis_url=redis.url, var_dir=directory / "var")
        in_one_process(env, ("migrate", "--verbosity=0"), ("collectstatic", "--noinput", "--verbosity=0"))
        log = directory / "gunicorn.log"
        # --preload, as `kopir serve` runs: the site imported once; the workers open their connections after the fork
        with gunicorn(env, log, workers=2, options=("--preload",)) as base:
            yield {"browser": Browser(base), "database": database, "redis": redis, "log": log}


def _calculation(browser: Browser, lang: str = "en") -> Answer:
    body = json.dumps(CONTRACT_EXAMPLE).encode()
    return browser.request(f"/api/v1/calculations?lang={lang}", body, {"Content-Type": "application/json"})


def _back(browser: Browser, path: str) -> float:
    """Seconds until `path` answers 200 again (fails after twice the promise)."""
    started = time.monotonic()
    while time.monotonic() - started < 2 * BACK_WITHIN_SECONDS:
        if browser.request(path).status == 200:
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"{path} did not come back")


def test_the_health_endpoints_say_all_is_well(production: dict[str, Any]) -> None:
    browser: Browser = production["browser"]
    assert browser.request("/healthz").status == 200
    ready = browser.request("/readyz")
    assert (ready.status, json.loads(ready.body)) == (
        200,
        {"status": "ready", "checks": {"database": "ok", "redis": "ok", "queue": "ok"}},
    )


def test_the_database_away_gives_503_with_retry_after_then_the_service_comes_back(production: dict[str, Any]) -> None:
    browser: Browser = production["browser"]
    database: PrivatePostgres = production["database"]
    assert browser.request("/en/").status == 200  # the workers hold a connection (CONN_MAX_AGE)
    database.stop()
    try:
        for language, text in [("en", "unavailable for a moment"), ("ru", "временно недоступен"), ("kk", "уақытша")]:
            page = browser.request(f"/{language}/")
            assert (page.status, page.headers["Retry-After"]) == (503, "5")
            assert text in page.body
        api = _calculation(browser, "ru")
        assert (api.status, api.headers["Content-Type"], api.headers["Retry-After"]) == (503, "application/json", "5")
        assert json.loads(api.body) == {
            "errors": [
                {"field": "request", "message": "request: Kopir временно недоступен; повторите попытку через 5 с."}
            ]
        }
        assert browser.request("/healthz").status == 200  # the process is alive: no reason to restart it
        ready = browser.request("/readyz")
        assert ready.status == 503
        assert json.loads(ready.body)["checks"]["database"] == "failed: OperationalError"
    finally:
        database.start()
    assert _back(browser, "/en/") < BACK_WITHIN_SECONDS
    assert _calculation(browser).status == 200
    log = production["log"].read_text()
    assert "outage: OperationalError at GET /en/" in log


def test_redis_away_gives_503_to_the_api_then_it_comes_back(production: dict[str, Any]) -> None:
    browser: Browser = production["browser"]
    redis: PrivateRedis = production["redis"]
    redis.stop()
    try:
        api = _calculation(browser)
        assert (api.status, api.headers["Retry-After"]) == (503, "5")
        assert "unavailable for a moment" in api.body
        ready = json.loads(browser.request("/readyz").body)
        assert ready["checks"] == {
            "database": "ok",
            "redis": "failed: ConnectionError",
            "queue": "failed: ConnectionError",
        }
    finally:
        redis.start()
    assert _calculation(browser).status == 200
    assert browser.request("/readyz").status == 200
