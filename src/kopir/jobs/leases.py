"""A queued run holds a lease while its worker computes it: never "running" for ever (decision 0016).

huey takes a job off the queue before running it, so a worker killed mid-run (``kill -9``, out of
memory, a redeploy) takes the job with it and its run would say "running" for ever. Instead:

- a run counts its ``attempts`` (one per hand-over to the queue) and records ``heartbeat_at``, the
  last sign of life: when queued, when claimed, and every ``KOPIR_JOB_HEARTBEAT_SECONDS`` from a
  thread beside the computation (`heartbeat`);
- a worker *claims* a queued run before computing it (queued -> running, in one conditional
  UPDATE), so a job queued twice runs once; the attempt number it claimed is its fencing token:
  every later write (progress, beat, result) is conditional on it, so a worker that was given up
  for dead and wakes up again cannot overwrite the run another worker took up;
- the sweeper (`leases_swept`: every minute, at the consumer's start, and one lease after it)
  hands a run whose heartbeat is older than ``KOPIR_JOB_LEASE_SECONDS`` back to the queue, and also
  a queued run nobody claimed for ``KOPIR_JOB_QUEUE_TIMEOUT_SECONDS`` (Redis restarted and lost the
  queue, or the enqueue failed after the commit); after ``KOPIR_JOB_MAX_ATTEMPTS`` hand-overs the run
  fails with `Failure.LOST`, which its page explains.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("kopir.jobs")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
LIVE = (QUEUED, RUNNING)


class Failure(models.TextChoices):
    """Why a run failed, in words its page shows (the technical detail stays in the log)."""

    ERROR = (
        "error",
        _(
            "The computation stopped with an error and nothing was kept. "
            "Start it again; if it fails again, tell the administrator."
        ),
    )
    LOST = (
        "lost",
        _(
            "The job queue's worker stopped during this computation each time it was taken up, and nothing was kept. "
            "Start it again; if it happens again, tell the administrator."
        ),
    )


class LeasedRun(models.Model):
    """The lease of a run computed in the job queue (mixed into `SimulationRun` and `IndicatorRun`)."""

    heartbeat_at = models.DateTimeField(_("last sign of life"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    failure = models.CharField(_("reason of the failure"), max_length=8, choices=Failure.choices, blank=True)
    status = models.CharField(_("status"), max_length=8)  # each model gives its own choices
    objects = models.Manager()

    class Meta:
        abstract = True


Run = TypeVar("Run", bound=LeasedRun)


class JobRefused(Exception):
    """A new run refused before it was queued; `message` says why, in the visitor's language."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


TOO_MANY = _("You already have %(limit)s computations queued or running; start another when one has finished.")


def user_bound_checked(runs: models.QuerySet[Any]) -> None:
    """Refuse a new run when `runs` (one user's) already hold ``KOPIR_JOBS_PER_USER`` queued or running."""
    limit = settings.KOPIR_JOBS_PER_USER
    if runs.filter(status__in=LIVE).count() >= limit:
        raise JobRefused(TOO_MANY % {"limit": limit})


def claimed(model: type[LeasedRun], pk: int) -> int | None:
    """Take queued run `pk` for this worker; its fencing token, or None if it is not queued any more."""
    attempts = model.objects.filter(pk=pk, status=QUEUED).values_list("attempts", flat=True).first()
    if attempts is None:
        return None
    taken = model.objects.filter(pk=pk, status=QUEUED, attempts=attempts).update(
        status=RUNNING, heartbeat_at=timezone.now()
    )
    return attempts if taken else None


def fenced(model: type[Run], pk: int, token: int) -> models.QuerySet[Run]:
    """Run `pk` as long as it is still running under the lease `token`: every write goes through this."""
    return model.objects.filter(pk=pk, status=RUNNING, attempts=token)


@contextmanager
def heartbeat(model: type[LeasedRun], pk: int, token: int) -> Iterator[threading.Event]:
    """Beat every ``KOPIR_JOB_HEARTBEAT_SECONDS`` from a thread while the block computes.

    Yields an event that is set when the lease was lost (the sweeper gave the run to another worker).
    """
    stop, lost = threading.Event(), threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.KOPIR_JOB_HEARTBEAT_SECONDS):
                try:
                    if not fenced(model, pk, token).update(heartbeat_at=timezone.now()):
                        lost.set()
                        return
                except Exception:  # a beat missed in a database blip is only a beat missed
                    logger.warning("heartbeat of %s %s missed", model.__name__, pk, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield lost
    finally:
        stop.set()
        thread.join()


@dataclass(frozen=True)
class Swept:
    requeued: int
    failed: int


def leases_swept(model: type[LeasedRun], enqueue: Callable[[int], Any], **on_failure: Any) -> Swept:
    """Hand runs whose lease expired back to the queue, or fail them after the last attempt.

    `enqueue` queues one run by its key (after the commit; a failure to queue is logged and left to
    the next sweep); `on_failure` are extra fields to set on a failed run.
    """
    now = timezone.now()
    lease = timedelta(seconds=settings.KOPIR_JOB_LEASE_SECONDS)
    waiting = timedelta(seconds=settings.KOPIR_JOB_QUEUE_TIMEOUT_SECONDS)
    expired = Q(status=RUNNING, heartbeat_at__lt=now - lease) | Q(status=QUEUED, heartbeat_at__lt=now - waiting)
    requeued = failed = 0
    for pk, status, attempts in model.objects.filter(expired).values_list("pk", "status", "attempts"):
        same = model.objects.filter(pk=pk, status=status, attempts=attempts)  # unchanged since we looked
        if attempts >= settings.KOPIR_JOB_MAX_ATTEMPTS:
            if same.update(status=FAILED, failure=Failure.LOST, heartbeat_at=now, **on_failure):
                failed += 1
                logger.warning("%s %s failed: lost %s times", model.__name__, pk, attempts)
        elif same.update(status=QUEUED, attempts=attempts + 1, heartbeat_at=now):
            requeued += 1
            logger.warning("%s %s handed back to the queue (attempt %s)", model.__name__, pk, attempts + 1)
            transaction.on_commit(partial(enqueue, pk), robust=True)
    return Swept(requeued, failed)
