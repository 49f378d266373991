"""An extraction's queries read at the same time, each by a process of its own (PostgreSQL only).

Why processes and not threads: a COPY's client side (one libpq message per row, then Arrow's parse
and the numpy conversions) holds the GIL most of the time, so threads overlapped little (12 %,
decision 0035). Forked processes, each with its own connection, keep both the server and the
client cores busy: while PostgreSQL joins the episodes for one, another parses the segments.
Each child returns its numpy columns, pickled back to the parent (about 100 MB at a million
episodes).

Every process reads the same snapshot of the database: the parent opens a ``REPEATABLE READ``
transaction, exports its snapshot (``pg_export_snapshot``) and each child imports it before its
COPY, so that an episode written in the middle of an extraction is in all the columns or in none,
as with one connection. The queries are bound on the parent (its snapshot connection) and handed
to the children by fork, not by pickling (a column's `Kind` holds functions).

The sequential path (`read_columns` one query after the other) stays for SQLite and any other
database, for a caller inside a transaction (a child could not see its uncommitted rows: the tests'
transactions, for one) and for ``processes < 2``.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
from django.db import connections
from django.db.models import QuerySet
from psycopg import sql

from kopir.statistics.reading import (
    BULK_VENDORS,
    ISO_DATES,
    Kind,
    copied_out,
    copy_statement,
    parsed_columns,
    read_columns,
    sorted_columns,
)

PROCESSES = 3  # measured on 2 cores: one more than the cores, so that a server's wait is covered


@dataclass(frozen=True)
class Query:
    """One ``values_list`` queryset to read, the kind of each column, and the column it is ordered by."""

    queryset: QuerySet[Any]
    kinds: Sequence[Kind]
    sorted_by: int | None = None


@dataclass(frozen=True)
class _Job:
    statement: bytes
    kinds: Sequence[Kind]
    sorted_by: int | None


# The jobs of the extraction under way, inherited by the forked children (set before the fork).
_jobs: dict[str, _Job] = {}
# For the benchmark: each child's growth in resident memory (KiB) during the last parallel read.
children_growth_kib: dict[int, int] = {}
_rss_at_start_kib = 0


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
        or connections[alias].vendor not in BULK_VENDORS
        or connections[alias].in_atomic_block
    ):
        return {name: read_columns(q.queryset, q.kinds, sorted_by=q.sorted_by) for name, q in queries.items()}
    return _read_in_processes(alias, queries, processes)


def _read_in_processes(alias: str, queries: Mapping[str, Query], processes: int) -> dict[str, list[np.ndarray]]:
    params = connections[alias].get_connection_params()
    with psycopg.connect(**params) as holder:
        holder.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = holder.execute("SELECT pg_export_snapshot()").fetchone()
        _jobs.clear()
        for name, query in queries.items():
            queryset = query.queryset if query.sorted_by is None else query.queryset.order_by()
            statement = copy_statement(holder, *queryset.query.sql_with_params())
            _jobs[name] = _Job(statement, query.kinds, query.sorted_by)
        children_growth_kib.clear()
        try:
            with ProcessPoolExecutor(
                min(processes, len(queries)), mp_context=multiprocessing.get_context("fork"), initializer=_started
            ) as pool:
                futures = {name: pool.submit(_read_job, alias, name, snapshot[0] if snapshot else "") for name in _jobs}
                results = {name: future.result() for name, future in futures.items()}
        finally:
            _jobs.clear()
    columns = {}
    for name, (found, pid, growth) in results.items():
        columns[name] = found
        children_growth_kib[pid] = max(growth, children_growth_kib.get(pid, 0))
    return columns


def _started() -> None:
    global _rss_at_start_kib  # noqa: PLW0603 - one value per child process
    _rss_at_start_kib = _status_kib("VmRSS")


def _read_job(alias: str, name: str, snapshot: str) -> tuple[list[np.ndarray], int, int]:
    """In a child: one job's COPY on a connection of its own, in the parent's snapshot, parsed and converted."""
    job = _jobs[name]
    with psycopg.connect(**connections[alias].get_connection_params()) as own:
        own.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        own.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot)))
        own.execute(ISO_DATES)
        buffer: io.BytesIO = copied_out(own.pgconn, job.statement)
    found = parsed_columns(buffer, job.kinds)
    del buffer
    if job.sorted_by is not None:
        found = sorted_columns(found, job.sorted_by)
    return found, os.getpid(), _status_kib("VmHWM") - _rss_at_start_kib


def _status_kib(field: str) -> int:
    """A memory figure of this process for the benchmark; 0 where there is no /proc (the reading goes on)."""
    status = Path("/proc/self/status")
    if not status.exists():
        return 0
    for line in status.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0
