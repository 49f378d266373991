"""The queued simulation (huey): runs too large for the page to wait on, and their sweeper.

The sweeper (kopir.jobs.sweeping) takes up runs whose worker died.
"""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from kopir.jobs.sweeping import sweeper_registered
from kopir.policy.services import simulation_complete, simulation_runs_swept


@db_task()
def simulation_in_queue(run_id: int) -> None:
    simulation_complete(run_id=run_id)


simulation_runs_sweep = sweeper_registered(simulation_runs_swept, name="simulation_runs_sweep")
