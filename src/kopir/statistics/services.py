"""Recomputing the exact indicators: a run is requested, then executed by the background job.

The job records its stage and progress as it goes (extraction, computation, storing) so that the
analyst page can show it; a failure is recorded with its error rather than lost in a log.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kopir.accounts.models import User
from kopir.statistics.engine import compute, only_body
from kopir.statistics.extract import extract
from kopir.statistics.methodology import METHODOLOGY_VERSION
from kopir.statistics.models import IndicatorRun
from kopir.statistics.snapshot import cells_by_place


def indicator_run_request(*, year: int, body: str | None, actor: User | None) -> IndicatorRun:
    """Queue a recomputation of `year` for `body` (None: every body); it starts once this transaction commits."""
    from kopir.statistics.tasks import indicator_run  # noqa: PLC0415 - the task module imports this one

    run = IndicatorRun.objects.create(
        year=year,
        body=body or "",
        as_of=timezone.localdate(),
        methodology_version=METHODOLOGY_VERSION,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
    )
    transaction.on_commit(lambda: indicator_run(run.pk))
    return run


def _progress(run: IndicatorRun, percent: int, stage: str) -> None:
    run.progress, run.stage = percent, stage
    run.save(update_fields=["progress", "stage", "status"])


def indicator_run_execute(run_id: int) -> IndicatorRun:
    """Compute and store the cells of a queued run, recording progress and any failure."""
    run = IndicatorRun.objects.get(pk=run_id)
    run.status = IndicatorRun.Status.RUNNING
    try:
        _progress(run, 5, "extract")
        records = extract(run.body or None)
        _progress(run, 50, "compute")
        cells = compute(records, run.year, run.as_of)
        if run.body:
            cells = only_body(cells)
        _progress(run, 90, "store")
        run.cells = cells_by_place(cells)
        run.cell_count = len(cells)
        run.status, run.progress, run.stage = IndicatorRun.Status.DONE, 100, ""
    except Exception as error:  # noqa: BLE001 - the run records any failure for the page
        run.status, run.error = IndicatorRun.Status.FAILED, repr(error)[:2000]
    run.finished_at = timezone.now()
    run.save()
    return run
