"""The recomputation of the indicators as a background job (huey), so that a page never waits for it.

The sweeper runs every minute, when the consumer starts, and once more one lease after the start,
so that runs left by a consumer killed just before are taken up without waiting for the clock.
"""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from kopir.statistics.services import indicator_run_execute, indicator_runs_swept


@db_task()
def indicator_run(run_id: int) -> None:
    indicator_run_execute(run_id)


@db_task()
def indicator_runs_sweep() -> None:
    indicator_runs_swept()


@db_periodic_task(crontab(minute="*"))
def indicator_runs_sweep_every_minute() -> None:
    indicator_runs_swept()


@on_startup()
def indicator_runs_sweep_at_start() -> None:
    indicator_runs_swept()
    indicator_runs_sweep.schedule(delay=settings.KOPIR_JOB_LEASE_SECONDS + 1)
