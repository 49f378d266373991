"""The recomputation of the indicators as a background job (huey), so that a page never waits for it."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from kopir.statistics.services import indicator_run_execute


@db_task()
def indicator_run(run_id: int) -> None:
    indicator_run_execute(run_id)
