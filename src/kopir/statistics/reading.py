"""How a query's columns become numpy arrays: in bulk with COPY on PostgreSQL, in chunks elsewhere.

`read_columns` takes a queryset (what to read, written once with the ORM in
`kopir.statistics.extract`) and the `Kind` of each selected column. On PostgreSQL the queryset's own
SQL, compiled by Django from the models' tables and columns, is wrapped in
``COPY (SELECT ...) TO STDOUT (FORMAT csv)`` and the stream is parsed by ``pyarrow.csv`` into typed
Arrow columns, then converted to numpy without a Python object per value: a million episodes
come out in about a second instead of half a minute of row tuples. On SQLite (the embedded
default) and any other database the ORM reads the rows in chunks of `CHUNK`, each converted at
once. Both paths give the same arrays (tests/statistics/test_bulk_extraction.py compares them).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import psycopg
import psycopg.errors
import pyarrow as pa
import pyarrow.compute as pc
from django.db import connections, transaction
from django.db.models import QuerySet
from psycopg import pq
from pyarrow import csv

from kopir.statistics.columns import NEVER, Ints, codes, days

CHUNK = 50_000
BULK_VENDORS: tuple[str, ...] = ("postgresql",)


@dataclass(frozen=True)
class Kind:
    """How one column is read: its Arrow type on the COPY path, and its conversion on either path."""

    arrow: pa.DataType
    from_values: Callable[[Sequence[Any]], np.ndarray]
    from_arrow: Callable[[pa.ChunkedArray], np.ndarray]


def _ids(values: Sequence[Any]) -> Ints:
    return np.fromiter((-1 if v is None else v for v in values), dtype=np.int64, count=len(values))


def _arrow_ints(column: pa.ChunkedArray, missing: int) -> Ints:
    return np.asarray(column.fill_null(missing).to_numpy(), dtype=np.int64)


def _arrow_days(column: pa.ChunkedArray) -> Ints:
    # date32 is already a day number since 1970-01-01, the unit of every date column
    return _arrow_ints(pc.cast(column, pa.int32()), NEVER)


def _flags(values: Sequence[Any]) -> np.ndarray:
    return np.fromiter(values, dtype=np.bool_, count=len(values))


def _tiyn(values: Sequence[Any]) -> Ints:
    """Tenge amounts (Decimal, two places) as integer tiyn; 0 where there is none."""
    tenge = np.fromiter((0.0 if v is None else float(v) for v in values), dtype=np.float64, count=len(values))
    return np.rint(tenge * 100).astype(np.int64)


def _arrow_tiyn(column: pa.ChunkedArray) -> Ints:
    # the text "300000.00" parsed to the nearest double, as float(Decimal("300000.00")) is
    tenge = np.asarray(column.fill_null(0.0).to_numpy(), dtype=np.float64)
    return np.rint(tenge * 100).astype(np.int64)


def _texts(values: Sequence[Any]) -> np.ndarray:
    return np.array([str(v) for v in values], dtype=object)


IDS = Kind(pa.int64(), _ids, lambda column: _arrow_ints(column, -1))
DATES = Kind(pa.date32(), days, _arrow_days)
FLAGS = Kind(pa.bool_(), _flags, lambda column: np.asarray(column.fill_null(False).to_numpy(), dtype=np.bool_))
TIYN = Kind(pa.float64(), _tiyn, _arrow_tiyn)
TEXTS = Kind(pa.string(), _texts, lambda column: _texts(column.to_pylist()))


def choice(vocabulary: tuple[str, ...]) -> Kind:
    """A choice column as codes into `vocabulary`, -1 where there is none; a value outside it raises."""

    def from_values(values: Sequence[Any]) -> Ints:
        present = np.fromiter((v is not None for v in values), dtype=np.bool_, count=len(values))
        column = np.full(len(values), -1, dtype=np.int64)
        column[present] = codes([v for v in values if v is not None], vocabulary)
        return column

    def from_arrow(column: pa.ChunkedArray) -> Ints:
        # each distinct word is looked up once, then every row takes its word's code
        encoded = column.combine_chunks().dictionary_encode()
        words = encoded.dictionary.to_pylist()
        known = codes(words, vocabulary) if words else np.zeros(0, dtype=np.int64)
        code_of_word: Ints = np.append(known, -1)
        index = np.asarray(encoded.indices.fill_null(len(words)).to_numpy(), dtype=np.int64)
        return code_of_word[index]

    return Kind(pa.string(), from_values, from_arrow)


def read_columns(queryset: QuerySet[Any], kinds: Sequence[Kind], *, sorted_by: int | None = None) -> list[np.ndarray]:
    """The columns of a ``values_list`` queryset, one array per selected column, of the given kinds.

    `sorted_by` says the queryset is ordered by that selected column (distinct integers, an id):
    the bulk path then drops the ORDER BY and sorts the columns here, which spares the server a
    sort of a million joined rows (on disk, with the default ``work_mem``).
    """
    if connections[queryset.db].vendor not in BULK_VENDORS:
        return iterated_columns(queryset, kinds)
    if sorted_by is None:
        return copied_columns(queryset, kinds)
    return sorted_columns(copied_columns(queryset.order_by(), kinds), sorted_by)


def sorted_columns(columns: list[np.ndarray], by: int) -> list[np.ndarray]:
    """The columns in the order of column `by` (distinct integers), which the bulk path sorts here."""
    order = np.argsort(columns[by], kind="stable")
    return [column[order] for column in columns]


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


def copied_columns(queryset: QuerySet[Any], kinds: Sequence[Kind]) -> list[np.ndarray]:
    """PostgreSQL's way: the queryset's SQL under ``COPY ... TO STDOUT (FORMAT csv)``, parsed by Arrow.

    The SQL is Django's (tables, columns, joins and filters from the models); its parameters are
    bound on the client by psycopg. In CSV a NULL is an unquoted empty field and an empty text a
    quoted one, which the parse options keep apart. Dates are written in ISO form whatever the
    server's default (``SET LOCAL DateStyle``, inside a transaction of its own).
    """
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(using=queryset.db), connections[queryset.db].cursor() as cursor:
        cursor.execute(ISO_DATES)
        raw = cursor.connection
        buffer = copied_out(raw.pgconn, copy_statement(raw, sql, params))
    return parsed_columns(buffer, kinds)


ISO_DATES = "SET LOCAL DateStyle = 'ISO, YMD'"


def copy_statement(raw: psycopg.Connection[Any], sql: str, params: Sequence[Any]) -> bytes:
    """``COPY (sql) TO STDOUT (FORMAT csv)`` with `params` bound on the client (COPY takes none)."""
    return psycopg.ClientCursor(raw).mogrify(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params).encode()


def parsed_columns(buffer: io.BytesIO, kinds: Sequence[Kind]) -> list[np.ndarray]:
    """The columns of a COPY's CSV bytes, typed by Arrow, then converted by their kinds."""
    if not buffer.tell():
        return [kind.from_values([]) for kind in kinds]
    buffer.seek(0)
    names = [f"c{i}" for i in range(len(kinds))]
    table = csv.read_csv(
        buffer,
        read_options=csv.ReadOptions(column_names=names),
        convert_options=csv.ConvertOptions(
            column_types={name: kind.arrow for name, kind in zip(names, kinds, strict=True)},
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
            true_values=["t"],
            false_values=["f"],
        ),
    )
    return [kind.from_arrow(table.column(name)) for name, kind in zip(names, kinds, strict=True)]


def copied_out(pgconn: pq.abc.PGconn, statement: bytes) -> io.BytesIO:
    """The bytes a ``COPY ... TO STDOUT`` sends, read from libpq in one tight loop.

    PostgreSQL sends one message per row; psycopg's `Copy` reads each through a generator and a
    wait, which costs more than the query at a few million rows, so the messages are taken here
    straight from libpq (blocking). Every result is consumed, error or not, so that the connection
    is left idle in its transaction for Django.
    """
    buffer = io.BytesIO()
    pgconn.send_query(statement)
    while pgconn.flush():  # a non-blocking connection may need more than one push
        pass
    try:
        started = pgconn.get_result()
        if started is None or started.status != pq.ExecStatus.COPY_OUT:
            raise _failure(pgconn, started)
        size, data = pgconn.get_copy_data(0)
        while size >= 0:
            buffer.write(data)
            size, data = pgconn.get_copy_data(0)
        ended = pgconn.get_result()
        if size != -1 or ended is None or ended.status != pq.ExecStatus.COMMAND_OK:
            raise _failure(pgconn, ended)
    finally:
        while pgconn.get_result() is not None:
            pass
    return buffer


def _failure(pgconn: pq.abc.PGconn, result: pq.abc.PGresult | None) -> psycopg.Error:
    if result is not None and result.status == pq.ExecStatus.FATAL_ERROR:
        return psycopg.errors.error_from_result(result)
    return psycopg.OperationalError(pgconn.error_message.decode(errors="replace") or "COPY ended unexpectedly")
