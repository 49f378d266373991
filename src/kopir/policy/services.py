"""Running a simulation for an analyst: synchronously, on a modest population, and logged.

A page cannot wait for 20 million persons, so the sizes offered stop at 200,000 (about two
seconds here); the national totals are the same up to sampling noise, since every person weighs
national births / persons. Larger runs are for ``kopir simulate``.
"""

from __future__ import annotations

import time

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.microsim.population import assumptions
from kopir.microsim.reforms import available, load
from kopir.microsim.results import report
from kopir.microsim.simulate import simulate
from kopir.policy.models import SimulationRun
from kopir.policy.selectors import costing_allowed
from kopir.rules import default_law

SIZES = (10_000, 50_000, 100_000, 200_000)


def simulation_run(*, actor: User, reform_id: str, size: int, seed: int) -> SimulationRun:
    """Cost `reform_id` against today's law on `size` synthetic persons, keep and log the result."""
    costing_allowed(viewer=actor)
    if reform_id not in available() or size not in SIZES or seed < 0:
        raise ValueError("unknown reform, size or seed")  # the form offers only valid ones
    law = default_law()
    reform = load(reform_id, law)
    a = assumptions()
    started = time.perf_counter()
    totals = simulate(reform, law, a, size=size, seed=seed, chunk=min(size, 250_000))
    document = report(totals, reform, a.regions, seed=seed)
    run = SimulationRun.objects.create(
        actor=actor,
        reform_id=reform_id,
        size=size,
        seed=seed,
        seconds=time.perf_counter() - started,
        result=document,
    )
    access_log_record(actor=actor, action=AccessAction.CREATE, record=run, subject_id=None, detail=reform_id)
    return run
