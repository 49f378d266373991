"""An extraction's queries read at the same time, each by a process of its own (PostgreSQL only).

Why processes and not threads: a COPY's client side (one libpq message per row, then Arrow's parse
and the numpy conversions) holds the GIL most of the time, so threads overlapped little (12 %,
decision 0035). Processes, each with its own connection, keep both the server and the client cores
busy: while PostgreSQL joins the episodes for one, another parses the segments. Each returns its
numpy columns, pickled back to the parent (about 100 MB at a million episodes).

Every process reads the same snapshot of the database: the parent opens a ``REPEATABLE READ``
transaction, exports its snapshot (``pg_export_snapshot``) and each reading process imports it
before its COPY, so that an episode written in the middle of an extraction is in all the columns or
in none, as with one connection. The statements are bound on the parent (its snapshot connection).

The reading processes are not forked from the caller (decision 0041): the recomputation runs in a
thread of the huey worker, and a fork of a process that runs other threads may deadlock in the
child (a lock held by another thread at the fork stays held; Python 3.12 warns). They are forked by
multiprocessing's fork server instead, a process started once (by exec) that runs one thread, has
imported `kopir.statistics.copying` (numpy, Arrow and psycopg, no Django) and does nothing but fork.
Its start (an interpreter and those imports, about 1.3 s at a load of 6 on 2 cores, 0.5-1 s on a
quiet machine) is made by the job worker when it starts (`readers_started`, a huey start-up hook,
decision 0042), so that a recomputation finds it running; any other process starts it on its first
extraction and waits for it there (a pool of readers then starts in 0.07 s). A job reaches a
reading process by pipe (`SnapshotJob`, picklable). As with any start method but fork, a script
that extracts must keep its work under ``if __name__ == "__main__":`` (a reading process imports
the caller's main module, as multiprocessing does).

The sequential path (`read_columns` one query after the other) stays for SQLite and any other
database, for a caller inside a transaction (a reading process could not see its uncommitted rows:
the tests' transactions, for one) and for ``processes < 2``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import forkserver
from typing import Any

import numpy as np
import psycopg
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

from kopir.statistics import copying, reading
from kopir.statistics.copying import Kind, SnapshotJob, copy_statement, read_in_snapshot

PROCESSES = 3  # measured on 2 cores: one more than the cores, so that a server's wait is covered
# Django's adapters and cursor class: Django's objects, which do not pickle and which a COPY of a
# bound statement does not need.
_DJANGO_ONLY_PARAMS = ("context", "cursor_factory")

_READERS = multiprocessing.get_context("forkserver")
_READERS.set_forkserver_preload([copying.__name__])  # imported by the server when it starts, once


def readers_started(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Start the fork server now, where this database is read in processes, and return at once.

    `forkserver.ensure_running` only launches the server (by exec); its imports run in the server
    while the caller goes on, and the first pool waits only for what is left of them.
    """
    if connections[alias].vendor in reading.BULK_VENDORS:
        forkserver.ensure_running()


@dataclass(frozen=True)
class Query:
    """One ``values_list`` queryset to read, the kind of each column, and the column it is ordered by."""

    queryset: QuerySet[Any]
    kinds: Sequence[Kind]
    sorted_by: int | None = None


def read_queries(queries: Mapping[str, Query], *, processes: int | None = None) -> dict[str, list[np.ndarray]]:
    """The columns of every query by name; at the same time in `processes` processes where that is possible.

    `queries` come largest first: they are handed out in that order, so that a small one fills a
    gap rather than a large one starting last.
    """
    processes = PROCESSES if processes is None else processes
    aliases = {query.queryset.db for query in queries.values()}
    alias = aliases.pop() if len(aliases) == 1 else None
    if (
        processes < 2  # one process is the sequential path
        or alias is None
        or connections[alias].vendor not in reading.BULK_VENDORS
        or connections[alias].in_atomic_block
    ):
        return {name: reading.read_columns(q.queryset, q.kinds, sorted_by=q.sorted_by) for name, q in queries.items()}
    return _read_in_processes(alias, queries, processes)


def _read_in_processes(alias: str, queries: Mapping[str, Query], processes: int) -> dict[str, list[np.ndarray]]:
    params = connections[alias].get_connection_params()
    own_params = {name: value for name, value in params.items() if name not in _DJANGO_ONLY_PARAMS}
    with psycopg.connect(**params) as holder:  # Django's adapters bind the statements as Django would
        holder.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        exported = holder.execute("SELECT pg_export_snapshot()").fetchone()
        snapshot = str(exported[0]) if exported else ""
        jobs = {}
        for name, query in queries.items():
            queryset = query.queryset if query.sorted_by is None else query.queryset.order_by()
            statement = copy_statement(holder, *queryset.query.sql_with_params())
            jobs[name] = SnapshotJob(own_params, snapshot, statement, query.kinds, query.sorted_by)
        with ProcessPoolExecutor(min(processes, len(jobs)), mp_context=_READERS) as pool:
            futures = {name: pool.submit(read_in_snapshot, job) for name, job in jobs.items()}
            return {name: future.result() for name, future in futures.items()}
