"""Recomputing the exact indicators: a run is requested, then executed by the background job.

The job records its stage and progress as it goes (extraction, computation, storing) so that the
analyst page can show it; a failure is recorded with its error rather than lost in a log. The job
holds a lease (`kopir.jobs.leases`): a worker that dies mid-run leaves the run to the sweeper, which
queues it again or fails it. One recomputation per year and body at a time (a database constraint),
and each user may have ``KOPIR_JOBS_PER_USER`` queued or running. A run of every body is split by
region on the operator's Dask cluster when ``KOPIR_DASK_SCHEDULER`` names one
(`kopir.statistics.regional`).
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import User
from kopir.cluster import ClusterUnavailable, cluster_client, configured_scheduler
from kopir.jobs.leases import (
    LIVE,
    Failure,
    JobRefused,
    Swept,
    claimed,
    fenced,
    heartbeat,
    leases_swept,
    user_bound_checked,
)
from kopir.statistics.cells import Cell
from kopir.statistics.columns import Records
from kopir.statistics.engine import compute, only_body
from kopir.statistics.extract import extract
from kopir.statistics.methodology import METHODOLOGY_VERSION
from kopir.statistics.models import IndicatorRun
from kopir.statistics.regional import compute_by_region
from kopir.statistics.snapshot import cells_by_place

logger = logging.getLogger(__name__)

ALREADY_RUNNING = _("This year and body are already being recomputed; follow its progress below.")


def indicator_run_request(*, year: int, body: str | None, actor: User | None) -> IndicatorRun:
    """Queue a recomputation of `year` for `body` (None: every body); it starts once this transaction commits.

    Raises `JobRefused` while the same year and body are queued or running, or when `actor` already
    has her share of runs in the queue.
    """
    requester = actor if actor is not None and actor.is_authenticated else None
    with transaction.atomic():
        if requester is not None:
            User.objects.select_for_update().filter(pk=requester.pk).first()  # her requests one after another
            user_bound_checked(IndicatorRun.objects.filter(requested_by=requester))
        if IndicatorRun.objects.filter(year=year, body=body or "", status__in=LIVE).exists():
            raise JobRefused(ALREADY_RUNNING)
        try:
            with transaction.atomic():  # the constraint decides between two requests at the same moment
                run = IndicatorRun.objects.create(
                    year=year,
                    body=body or "",
                    as_of=timezone.localdate(),
                    methodology_version=METHODOLOGY_VERSION,
                    requested_by=requester,
                    attempts=1,
                )
        except IntegrityError:
            raise JobRefused(ALREADY_RUNNING) from None
    # robust: a queue that refuses (Redis away) leaves the run queued for the sweeper, not a 500
    transaction.on_commit(lambda: _enqueue(run.pk), robust=True)
    return run


def _enqueue(run_id: int) -> None:
    from kopir.statistics.tasks import indicator_run  # noqa: PLC0415 - the task module imports this one

    indicator_run(run_id)


def _progress(run: IndicatorRun, token: int, percent: int, stage: str) -> None:
    run.progress, run.stage = percent, stage
    fenced(IndicatorRun, run.pk, token).update(progress=percent, stage=stage, heartbeat_at=timezone.now())


def indicator_run_execute(run_id: int) -> IndicatorRun:
    """Claim a queued run, compute and store its cells, recording progress and any failure.

    A run that is not queued any more (done, failed, or claimed by another worker) is left alone.
    """
    token = claimed(IndicatorRun, run_id)
    if token is not None:
        with heartbeat(IndicatorRun, run_id, token) as lost:
            _executed(IndicatorRun.objects.get(pk=run_id), token)
        if lost.is_set():  # the fence kept this worker's cells out; say why the run went on elsewhere
            logger.warning("indicator run %s: lease lost while computing, result left to the next worker", run_id)
    return IndicatorRun.objects.get(pk=run_id)


def _executed(run: IndicatorRun, token: int) -> None:
    done: dict[str, object]
    try:
        _progress(run, token, 5, "extract")
        records = extract(run.body or None)
        _progress(run, token, 50, "compute")
        cells = _computed(records, run)
        _progress(run, token, 90, "store")
        done = {
            "cells": cells_by_place(cells),
            "cell_count": len(cells),
            "status": IndicatorRun.Status.DONE,
            "progress": 100,
            "stage": "",
        }
    except Exception as error:
        logger.exception("indicator run %s failed", run.pk)  # the worker's log keeps the traceback
        done = {"status": IndicatorRun.Status.FAILED, "failure": Failure.ERROR, "error": repr(error)[:2000]}
    fenced(IndicatorRun, run.pk, token).update(finished_at=timezone.now(), **done)


def _computed(records: Records, run: IndicatorRun) -> list[Cell]:
    """The run's cells: split by region on the operator's Dask cluster when one is configured and
    the run covers every body (a single body is one region's part already), else in this process."""
    if run.body:
        return only_body(compute(records, run.year, run.as_of))
    scheduler = configured_scheduler()
    if scheduler is None:
        return compute(records, run.year, run.as_of)
    try:
        with cluster_client(scheduler=scheduler) as client:
            return compute_by_region(records, run.year, run.as_of, client)
    except ClusterUnavailable as away:  # the same cells here, only slower: better than a failed run
        logger.warning("indicator run %s: no Dask scheduler at %s, computed in this process", run.pk, away.address)
        return compute(records, run.year, run.as_of)


def indicator_runs_swept() -> Swept:
    """Queue again the runs whose worker died (or the queue lost), or fail them after the last attempt."""
    return leases_swept(IndicatorRun, _enqueue, finished_at=timezone.now(), error="worker lost")
