"""Running a simulation for an analyst, logged: small runs at once, larger ones in the job queue.

Up to 200,000 persons (about two seconds here) the page waits for the result; 500,000 and
1,000,000 persons go to huey and the run's page shows it running until the result is kept. The
national totals are the same up to sampling noise, since every person weighs national births /
persons; 20 million persons are for ``kopir simulate``.
"""

from __future__ import annotations

import time

from django.db import transaction

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.microsim.population import assumptions
from kopir.microsim.reforms import available, load
from kopir.microsim.results import report
from kopir.microsim.simulate import simulate
from kopir.policy.models import RunStatus, SimulationRun
from kopir.policy.selectors import costing_allowed
from kopir.rules import default_law

SIZES = (10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000)
SYNCHRONOUS_UP_TO = 200_000


def simulation_run(*, actor: User, reform_id: str, size: int, seed: int) -> SimulationRun:
    """Cost `reform_id` against today's law on `size` synthetic persons; log it; queue it if large."""
    costing_allowed(viewer=actor)
    if reform_id not in available() or size not in SIZES or seed < 0:
        raise ValueError("unknown reform, size or seed")  # the form offers only valid ones
    run = SimulationRun.objects.create(actor=actor, reform_id=reform_id, size=size, seed=seed)
    access_log_record(actor=actor, action=AccessAction.CREATE, record=run, subject_id=None, detail=reform_id)
    if size <= SYNCHRONOUS_UP_TO:
        simulation_complete(run_id=run.pk)
        run.refresh_from_db()
    else:
        from kopir.policy.tasks import simulation_in_queue  # noqa: PLC0415 - huey registers tasks on import

        transaction.on_commit(lambda: simulation_in_queue(run.pk))
    return run


def simulation_complete(*, run_id: int) -> None:
    """Compute a kept run and store its result (also what the queued job does)."""
    run = SimulationRun.objects.get(pk=run_id, status=RunStatus.RUNNING)
    law = default_law()
    reform = load(run.reform_id, law)
    a = assumptions()
    started = time.perf_counter()
    try:
        totals = simulate(reform, law, a, size=run.size, seed=run.seed, chunk=min(run.size, 250_000))
        run.result = report(totals, reform, a.regions, seed=run.seed)
    except Exception:
        # the page must not say "running" for ever; the error itself goes on to the worker's log
        SimulationRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED)
        raise
    run.seconds = time.perf_counter() - started
    run.status = RunStatus.DONE
    run.save(update_fields=["result", "seconds", "status"])
