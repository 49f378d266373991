"""Running a simulation for an analyst, logged: small runs at once, larger ones in the job queue.

Up to 200,000 persons (about two seconds here) the page waits for the result; 500,000 and
1,000,000 persons go to huey and the run's page shows it running until the result is kept; the
queued runs' chunks go to the Dask cluster named by ``KOPIR_DASK_SCHEDULER`` when there is one. The
national totals are the same up to sampling noise, since every person weighs national births /
persons; 20 million persons are for ``kopir simulate``.

A queued run holds a lease (`kopir.jobs.leases`): a worker that dies mid-run leaves it to the
sweeper, which queues it again or fails it with a reason the page shows; each analyst may have
``KOPIR_JOBS_PER_USER`` runs queued or running at a time.

Runs of up to `RANGE_UP_TO` persons also get the cost's 90% range (`kopir.microsim.uncertainty`):
`RANGE_DRAWS` more runs at the run's size, at most a million persons more, about two seconds here;
a larger run's range would take twenty times the run, so it is left to ``kopir simulate --draws``.
"""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.http import Http404

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.cluster import configured_scheduler
from kopir.jobs.leases import Failure, Swept, claimed, fenced, heartbeat, leases_swept, user_bound_checked
from kopir.microsim.population import assumptions
from kopir.microsim.reforms import Reform, available, load
from kopir.microsim.results import report
from kopir.microsim.uncertainty import DEFAULT_DRAWS, simulate_with_range
from kopir.policy.builder import saved_reform_parsed
from kopir.policy.builder_selectors import saved_reform_get
from kopir.policy.models import SAVED_PREFIX, RunStatus, SavedReform, SimulationRun
from kopir.policy.selectors import costing_allowed
from kopir.rules import default_law
from kopir.rules.law import Law

logger = logging.getLogger(__name__)

SIZES = (10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000)
SYNCHRONOUS_UP_TO = 200_000
RANGE_UP_TO = 50_000
RANGE_DRAWS = DEFAULT_DRAWS


def simulation_run(*, actor: User, reform_id: str, size: int, seed: int) -> SimulationRun:
    """Cost `reform_id` against today's law on `size` synthetic persons; log it; queue it if large.

    `reform_id` is a shipped reform's id or ``saved-<n>``, one of the actor's saved reforms (another's
    is `Http404`, logged), fetched and checked against today's law once, before anything is kept: a saved
    reform the law no longer accepts raises `ReformError` and no run is made. Raises `JobRefused` when the
    analyst already has her share of runs in the queue.
    """
    costing_allowed(viewer=actor)
    saved = _saved(actor, reform_id)
    if (saved is None and reform_id not in available()) or size not in SIZES or seed < 0:
        raise ValueError("unknown reform, size or seed")  # the form offers only valid ones
    law = default_law()
    reform = load(reform_id, law) if saved is None else saved_reform_parsed(saved, law)
    shipped = "" if saved is not None else reform_id
    if size <= SYNCHRONOUS_UP_TO:
        run = SimulationRun.objects.create(
            actor=actor,
            shipped_reform=shipped,
            saved_reform=saved,
            size=size,
            seed=seed,
            status=RunStatus.RUNNING,
            attempts=1,
        )
        access_log_record(actor=actor, action=AccessAction.CREATE, record=run, subject_id=None, detail=reform_id)
        _computed(run, token=1, reform=reform)
        run.refresh_from_db()
        return run
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=actor.pk).first()  # one analyst's requests one after another
        user_bound_checked(SimulationRun.objects.filter(actor=actor))
        run = SimulationRun.objects.create(
            actor=actor, shipped_reform=shipped, saved_reform=saved, size=size, seed=seed, attempts=1
        )
        access_log_record(actor=actor, action=AccessAction.CREATE, record=run, subject_id=None, detail=reform_id)
    # robust: a queue that refuses (Redis away) leaves the run queued for the sweeper, not a 500
    transaction.on_commit(lambda: _enqueue(run.pk), robust=True)
    return run


def saved_number(reform_id: str) -> int | None:
    """The number of a saved reform's id ``saved-<n>``, or None for any other text (a shipped reform's id)."""
    number = reform_id.removeprefix(SAVED_PREFIX)
    is_number = reform_id.startswith(SAVED_PREFIX) and number.isascii() and number.isdigit() and len(number) <= 18
    return int(number) if is_number else None


def _saved(actor: User, reform_id: str) -> SavedReform | None:
    """The actor's saved reform named by `reform_id` (None for a shipped reform's id; another's is `Http404`)."""
    number = saved_number(reform_id)
    if number is None:
        if reform_id.startswith(SAVED_PREFIX):
            raise Http404
        return None
    return saved_reform_get(viewer=actor, reform_id=number)


def _reform_of(run: SimulationRun, law: Law) -> Reform:
    """A run's reform: a saved one read back from its file and checked again, or a shipped one."""
    return load(run.shipped_reform, law) if run.saved_reform is None else saved_reform_parsed(run.saved_reform, law)


def _enqueue(run_id: int) -> None:
    from kopir.policy.tasks import simulation_in_queue  # noqa: PLC0415 - huey registers tasks on import

    simulation_in_queue(run_id)


def simulation_complete(*, run_id: int) -> None:
    """Claim a queued run, compute it under a heartbeat and store its result (what the queued job does).

    A run that is not queued any more (done, failed, or claimed by another worker) is left alone.
    """
    token = claimed(SimulationRun, run_id)
    if token is None:
        return
    with heartbeat(SimulationRun, run_id, token) as lost:
        # on the operator's Dask cluster when one is configured (decision 0031); a cluster that does
        # not answer fails the run like any other error, and the worker's log says which address
        run = SimulationRun.objects.select_related("saved_reform").get(pk=run_id)
        _computed(run, token=token, scheduler=configured_scheduler())
    if lost.is_set():  # the fence kept this worker's result out; say why the run went on elsewhere
        logger.warning("simulation run %s: lease lost while computing, result left to the next worker", run_id)


def _computed(run: SimulationRun, *, token: int, scheduler: str | None = None, reform: Reform | None = None) -> None:
    """Compute `run` and keep its result; `reform` when the request has just read and checked it, else read
    here (a queued run's worker checks a saved reform against the law of the day it runs)."""
    law = default_law()
    a = assumptions()
    started = time.perf_counter()
    try:
        reform = reform or _reform_of(run, law)
        # the range's draws for runs small enough that they take about as long as a page waits
        draws = RANGE_DRAWS if run.size <= RANGE_UP_TO else 0
        chunk = min(run.size, 250_000)
        totals, spread = simulate_with_range(
            reform, law, a, size=run.size, seed=run.seed, draws=draws, chunk=chunk, scheduler=scheduler
        )
        result = report(totals, reform, a.regions, seed=run.seed, uncertainty=spread)
    except Exception:
        # the page must not say "running" for ever; the error itself goes on to the worker's log
        fenced(SimulationRun, run.pk, token).update(status=RunStatus.FAILED, failure=Failure.ERROR)
        raise
    fenced(SimulationRun, run.pk, token).update(
        result=result, seconds=time.perf_counter() - started, status=RunStatus.DONE
    )


def simulation_runs_swept() -> Swept:
    """Queue again the runs whose worker died (or the queue lost), or fail them after the last attempt."""
    return leases_swept(SimulationRun, _enqueue)
