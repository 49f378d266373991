"""Where work that splits into independent parts runs: here, a local Dask cluster, or a named one.

The population's chunks (`kopir simulate`) and a recompute of the statistics split by region are
independent tasks whose results add up. Kopir runs them on Dask's own scheduler instead of a
home-made one: a cluster that an operator started (``dask scheduler`` and ``dask worker``, named by
``--scheduler`` or ``KOPIR_DASK_SCHEDULER``), or a local cluster of N worker processes started for
one run and closed after it. Dask is imported only when a cluster is asked for, so a one-person
calculation never pays for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from distributed import Client

SCHEDULER_VARIABLE = "KOPIR_DASK_SCHEDULER"
# How long a client waits for a named scheduler before saying it does not answer. Dask's own default
# (30 s) is long for someone at a terminal; a scheduler that answers at all answers in milliseconds.
CONNECT_SECONDS = 10.0


class ClusterUnavailable(Exception):
    """The named scheduler cannot be used: its address is malformed, or nothing answers there.

    Raised instead of Dask's OSError, TimeoutError or ValueError so that a caller can say so in the
    user's language (this module knows no languages) without catching every error of a run.
    """

    def __init__(self, address: str, *, malformed: bool) -> None:
        # the English text is for the operator's log (a queued run); people get `address` in their language
        super().__init__(
            f"{address!r} is not a Dask scheduler address" if malformed else f"no Dask scheduler answers at {address}"
        )
        self.address = address
        self.malformed = malformed


def configured_scheduler() -> str | None:
    """The address of the operator's scheduler (``tcp://host:8786``), or None when none is configured."""
    address = os.environ.get(SCHEDULER_VARIABLE, "").strip()
    return address or None


@contextmanager
def cluster_client(*, scheduler: str | None = None, workers: int = 2, timeout: float | None = None) -> Iterator[Client]:
    """A Dask client: to `scheduler` when named, else to a local cluster of `workers` processes.

    A scheduler that does not answer within `timeout` seconds (`CONNECT_SECONDS` when None), or an
    address that is not one, raises `ClusterUnavailable`; errors of the work itself pass unchanged.

    The local cluster has one thread a worker (the work is numpy and holds the GIL for long
    stretches) and its web server on a free port of the loopback (Dask's 8787 may be taken by
    another run, and nobody looks at the dashboard of one run); it is closed with the client.
    """
    import dask  # noqa: PLC0415 - heavy; only when a cluster is asked for
    from distributed import Client, LocalCluster  # noqa: PLC0415

    if scheduler is not None:
        _checked_address(scheduler)
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS if timeout is None else timeout)  # type: ignore[no-untyped-call]
        except OSError as error:  # refused, unknown host, timed out (TimeoutError is an OSError)
            raise ClusterUnavailable(scheduler, malformed=False) from error
        with client:
            yield client
        return
    # Forked, not spawned (Dask's default): a worker then starts with Kopir, numpy and the parsed
    # law already in memory instead of importing them anew, 4 s instead of 16 s to start two on a
    # loaded 2-core machine (decision 0031). Tasks run on the workers' own threads, so a forked
    # worker never shares the client's database connection (Django keeps one a thread).
    with (
        dask.config.set({"distributed.worker.multiprocessing-method": "fork"}),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # Dask serves /health even with no dashboard: a free local port
            silence_logs=50,  # logging.CRITICAL: the run's output only (a closing worker's heartbeat complains)
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def _checked_address(scheduler: str) -> None:
    """Refuse an address that is not a scheduler's before a client starts its event loop for it.

    Dask's own parsing says what is wrong (no scheme, an unknown one, no port); asking it first
    spares a client that would start a loop thread only to fail, which leaves Dask's shared loop
    runner half started for the next client of the process.
    """
    from distributed.comm.addressing import parse_address, parse_host_port  # noqa: PLC0415
    from distributed.comm.registry import get_backend  # noqa: PLC0415

    try:
        scheme, location = parse_address(scheduler, strict=True)
        get_backend(scheme)
        parse_host_port(location)
    except ValueError as error:
        raise ClusterUnavailable(scheduler, malformed=True) from error
