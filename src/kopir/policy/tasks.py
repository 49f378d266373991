"""The queued simulation (huey): runs too large for the page to wait on."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from kopir.policy.services import simulation_complete


@db_task()
def simulation_in_queue(run_id: int) -> None:
    simulation_complete(run_id=run_id)
