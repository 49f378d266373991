"""``kill -9`` of the queue's consumer mid-run: a fresh consumer takes the run up and finishes it.

Real processes: huey's consumer (``manage.py run_huey``) on the suite's PostgreSQL test database and
on a Redis of the test's own (tests/web/live.py), with a short lease (3 s, a beat every 0.5 s) so
that the test takes seconds. It needs a database the consumer can share, so it runs in the
PostgreSQL pass of scripts/test (the SQLite pass keeps its database in memory).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage

from kopir.accounts.models import Role
from kopir.policy.models import RunStatus, SimulationRun
from kopir.policy.services import simulation_run
from tests.cases.builders import make_user
from tests.conftest import REPO
from tests.web.live import PrivateRedis, environment, private_redis

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the consumer process shares the database: the PostgreSQL pass runs this",
    ),
]
FINISHED_WITHIN_SECONDS = 120
QUEUE_NAME = "kopir"  # the base settings' queue, which the consumer reads


@pytest.fixture
def redis() -> Iterator[PrivateRedis]:
    with private_redis() as server:
        yield server


@pytest.fixture
def consumer(redis: PrivateRedis, tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """Starts huey consumers on the test database and the private Redis; kills what is left at the end."""
    database = connection.settings_dict
    env = environment(
        DJANGO_SETTINGS_MODULE="kopir.web.settings.base",
        DATABASE_URL=f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        REDIS_URL=redis.url,
        KOPIR_VAR_DIR=str(tmp_path),
        KOPIR_JOB_LEASE_SECONDS="3",
        KOPIR_JOB_HEARTBEAT_SECONDS="0.5",
    )
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        with (tmp_path / f"consumer-{len(started)}.log").open("w") as log:
            process = subprocess.Popen(  # noqa: S603 - our own manage.py
                [sys.executable, str(REPO / "manage.py"), "run_huey"], env=env, stdout=log, stderr=subprocess.STDOUT
            )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def _until(condition: Callable[[], Any], seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s")


def test_a_run_whose_consumer_is_killed_is_finished_by_a_fresh_one(
    redis: PrivateRedis, consumer: Callable[[], subprocess.Popen[bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # this process queues through Redis like a web worker, instead of running the job itself
    monkeypatch.setattr(HUEY, "_immediate", False)
    monkeypatch.setattr(HUEY, "storage", RedisStorage(QUEUE_NAME, url=redis.url))
    # the largest run the page queues: a few seconds of work since one kernel serves the population
    run = simulation_run(actor=make_user(Role.ANALYST), reform_id="nursery-subsidy", size=1_000_000, seed=7)
    assert run.status == RunStatus.QUEUED
    first = consumer()
    _until(lambda: SimulationRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).exists(), 60)
    os.kill(first.pid, signal.SIGKILL)  # mid-run: claimed, not finished
    assert SimulationRun.objects.get(pk=run.pk).status == RunStatus.RUNNING
    first.wait(timeout=10)
    killed_at = time.monotonic()

    consumer()
    finished = _until(
        lambda: SimulationRun.objects.filter(pk=run.pk, status__in=[RunStatus.DONE, RunStatus.FAILED]).first(),
        FINISHED_WITHIN_SECONDS,
    )
    assert time.monotonic() - killed_at < FINISHED_WITHIN_SECONDS
    assert (finished.status, finished.attempts, finished.failure) == (RunStatus.DONE, 2, "")
    assert finished.result["reform"]["id"] == "nursery-subsidy"
