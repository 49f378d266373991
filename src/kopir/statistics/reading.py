"""How a query's columns become numpy arrays: in bulk with COPY on PostgreSQL, in chunks elsewhere.

`read_columns` takes a queryset (what to read, written once with the ORM in
`kopir.statistics.extract`) and the `Kind` of each selected column. On PostgreSQL the queryset's own
SQL, compiled by Django from the models' tables and columns, is wrapped in
``COPY (SELECT ...) TO STDOUT (FORMAT csv)`` and the stream is parsed by ``pyarrow.csv`` into typed
Arrow columns, then converted to numpy without a Python object per value
(`kopir.statistics.copying`): a million episodes come out in about a second instead of half a
minute of row tuples. On SQLite (the embedded default) and any other database the ORM reads the
rows in chunks of `CHUNK`, each converted at once. Both paths give the same arrays
(tests/statistics/test_bulk_extraction.py compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from django.db import connections, transaction
from django.db.models import QuerySet

from kopir.statistics.copying import Kind, copied_columns, copy_statement

CHUNK = 50_000
BULK_VENDORS: tuple[str, ...] = ("postgresql",)


def read_columns(queryset: QuerySet[Any], kinds: Sequence[Kind], *, sorted_by: int | None = None) -> list[np.ndarray]:
    """The columns of a ``values_list`` queryset, one array per selected column, of the given kinds.

    `sorted_by` says the queryset is ordered by that selected column (distinct integers, an id):
    the bulk path then drops the ORDER BY and sorts the columns here, which spares the server a
    sort of a million joined rows (on disk, with the default ``work_mem``). The bulk path reads in
    a transaction of its own (a savepoint inside the caller's), for its ``SET LOCAL``.
    """
    if connections[queryset.db].vendor not in BULK_VENDORS:
        return iterated_columns(queryset, kinds)
    bulk = queryset if sorted_by is None else queryset.order_by()
    with transaction.atomic(using=queryset.db), connections[queryset.db].cursor() as cursor:
        raw = cursor.connection
        statement = copy_statement(raw, *bulk.query.sql_with_params())
        return copied_columns(raw, statement, kinds, sorted_by=sorted_by)


def iterated_columns(queryset: QuerySet[Any], kinds: Sequence[Kind]) -> list[np.ndarray]:
    """The ORM's way: rows in chunks of `CHUNK` (a server-side cursor on PostgreSQL), each converted at once."""
    parts: list[list[np.ndarray]] = [[] for _ in kinds]
    chunk: list[tuple[Any, ...]] = []
    for row in queryset.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            _convert(parts, kinds, chunk)
            chunk = []
    _convert(parts, kinds, chunk)
    return [np.concatenate(p) if p else kind.from_values([]) for p, kind in zip(parts, kinds, strict=True)]


def _convert(parts: list[list[np.ndarray]], kinds: Sequence[Kind], chunk: list[tuple[Any, ...]]) -> None:
    if chunk:
        for column, kind, values in zip(parts, kinds, zip(*chunk, strict=True), strict=True):
            column.append(kind.from_values(values))
