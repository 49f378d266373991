"""The queued simulation (huey): runs too large for the page to wait on, and their sweeper.

The sweeper runs every minute, when the consumer starts, and once more one lease after the start,
so that runs left by a consumer killed just before are taken up without waiting for the clock.
"""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from kopir.policy.services import simulation_complete, simulation_runs_swept


@db_task()
def simulation_in_queue(run_id: int) -> None:
    simulation_complete(run_id=run_id)


@db_task()
def simulation_runs_sweep() -> None:
    simulation_runs_swept()


@db_periodic_task(crontab(minute="*"))
def simulation_runs_sweep_every_minute() -> None:
    simulation_runs_swept()


@on_startup()
def simulation_runs_sweep_at_start() -> None:
    simulation_runs_swept()
    simulation_runs_sweep.schedule(delay=settings.KOPIR_JOB_LEASE_SECONDS + 1)
