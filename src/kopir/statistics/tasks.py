"""The recomputation of the indicators as a background job (huey), so that a page never waits for it.

The sweeper (kopir.jobs.sweeping) takes up runs whose worker died.
"""

from __future__ import annotations

from huey.contrib.djhuey import db_task, on_startup

from kopir.jobs.sweeping import sweeper_registered
from kopir.statistics.parallel_reading import readers_started
from kopir.statistics.services import indicator_run_execute, indicator_runs_swept


@db_task()
def indicator_run(run_id: int) -> None:
    indicator_run_execute(run_id)


# The worker starts the reading processes' fork server when it starts, so that no recomputation waits for it.
on_startup(name="indicator_readers_started")(readers_started)

indicator_runs_sweep = sweeper_registered(indicator_runs_swept, name="indicator_runs_sweep")
