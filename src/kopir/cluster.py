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


def configured_scheduler() -> str | None:
    """The address of the operator's scheduler (``tcp://host:8786``), or None when none is configured."""
    address = os.environ.get(SCHEDULER_VARIABLE, "").strip()
    return address or None


@contextmanager
def cluster_client(*, scheduler: str | None = None, workers: int = 2) -> Iterator[Client]:
    """A Dask client: to `scheduler` when named, else to a local cluster of `workers` processes.

    The local cluster has one thread a worker (the work is numpy and holds the GIL for long
    stretches) and no dashboard (its port may be taken, and nobody looks at it for one run); it is
    closed with the client.
    """
    from distributed import Client, LocalCluster  # noqa: PLC0415 - heavy; only when a cluster is asked for

    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,  # logging.ERROR: a run's output stays the run's
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client
