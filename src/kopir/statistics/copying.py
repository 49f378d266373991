"""A query's columns from PostgreSQL's COPY, parsed by Arrow: the kinds of column and the reading, without Django.

The SQL comes bound (`copy_statement`); the CSV stream is parsed by ``pyarrow.csv`` into typed Arrow
columns, then converted to numpy without a Python object per value (each `Kind` says how, and how
the ORM's Python values convert on the other path, `kopir.statistics.reading`).

Nothing here imports Django, on purpose: a reading process of `kopir.statistics.parallel_reading`
runs `read_in_snapshot` after importing only this module (numpy, Arrow, psycopg), which its fork
server imported once beforehand. Every `Kind` pickles (module functions, `functools.partial`), so
that a job reaches such a process by pipe.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import psycopg
import psycopg.errors
import pyarrow as pa
import pyarrow.compute as pc
from psycopg import pq, sql
from pyarrow import csv

from kopir.statistics.columns import NEVER, Ints, codes, days


@dataclass(frozen=True)
class Kind:
    """How one column is read: its Arrow type on the COPY path, and its conversion on either path."""

    arrow: pa.DataType
    from_values: Callable[[Sequence[Any]], np.ndarray]
    from_arrow: Callable[[pa.ChunkedArray], np.ndarray]


def _ids(values: Sequence[Any]) -> Ints:
    return np.fromiter((-1 if v is None else v for v in values), dtype=np.int64, count=len(values))


def _arrow_ints(column: pa.ChunkedArray, missing: int = -1) -> Ints:
    return np.asarray(column.fill_null(missing).to_numpy(), dtype=np.int64)


def _arrow_days(column: pa.ChunkedArray) -> Ints:
    # date32 is already a day number since 1970-01-01, the unit of every date column
    return _arrow_ints(pc.cast(column, pa.int32()), NEVER)


def _flags(values: Sequence[Any]) -> np.ndarray:
    return np.fromiter(values, dtype=np.bool_, count=len(values))


def _arrow_flags(column: pa.ChunkedArray) -> np.ndarray:
    return np.asarray(column.fill_null(False).to_numpy(), dtype=np.bool_)


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


def _arrow_texts(column: pa.ChunkedArray) -> np.ndarray:
    return _texts(column.to_pylist())


IDS = Kind(pa.int64(), _ids, _arrow_ints)
DATES = Kind(pa.date32(), days, _arrow_days)
FLAGS = Kind(pa.bool_(), _flags, _arrow_flags)
TIYN = Kind(pa.float64(), _tiyn, _arrow_tiyn)
TEXTS = Kind(pa.string(), _texts, _arrow_texts)


def choice(vocabulary: tuple[str, ...]) -> Kind:
    """A choice column as codes into `vocabulary`, -1 where there is none; a value outside it raises."""
    return Kind(pa.string(), partial(_choice_codes, vocabulary), partial(_arrow_choice_codes, vocabulary))


def _choice_codes(vocabulary: tuple[str, ...], values: Sequence[Any]) -> Ints:
    present = np.fromiter((v is not None for v in values), dtype=np.bool_, count=len(values))
    column = np.full(len(values), -1, dtype=np.int64)
    column[present] = codes([v for v in values if v is not None], vocabulary)
    return column


def _arrow_choice_codes(vocabulary: tuple[str, ...], column: pa.ChunkedArray) -> Ints:
    # each distinct word is looked up once, then every row takes its word's code
    encoded = column.combine_chunks().dictionary_encode()
    words = encoded.dictionary.to_pylist()
    known = codes(words, vocabulary) if words else np.zeros(0, dtype=np.int64)
    code_of_word: Ints = np.append(known, -1)
    index = np.asarray(encoded.indices.fill_null(len(words)).to_numpy(), dtype=np.int64)
    return code_of_word[index]


ISO_DATES = "SET LOCAL DateStyle = 'ISO, YMD'"


def copy_statement(raw: psycopg.Connection[Any], query: str, params: Sequence[Any]) -> bytes:
    """``COPY (query) TO STDOUT (FORMAT csv)`` with `params` bound on the client (COPY takes none)."""
    return psycopg.ClientCursor(raw).mogrify(f"COPY ({query}) TO STDOUT (FORMAT csv)", params).encode()


def copied_columns(
    connection: psycopg.Connection[Any], statement: bytes, kinds: Sequence[Kind], *, sorted_by: int | None = None
) -> list[np.ndarray]:
    """The columns a COPY `statement` sends, read in `connection`'s transaction, parsed and converted.

    The one reading of both paths: Django's connection one query after the other
    (`kopir.statistics.reading.read_columns`) and a reading process's own (`read_in_snapshot`).
    Dates are written in ISO form whatever the server's default (``SET LOCAL``: the transaction's
    only). `sorted_by` sorts the columns by that column here, the statement having no ORDER BY.
    """
    connection.execute(ISO_DATES)
    columns = parsed_columns(copied_out(connection.pgconn, statement), kinds)
    return columns if sorted_by is None else sorted_columns(columns, sorted_by)


def sorted_columns(columns: list[np.ndarray], by: int) -> list[np.ndarray]:
    """The columns in the order of column `by` (distinct integers), which the bulk path sorts here."""
    order = np.argsort(columns[by], kind="stable")
    return [column[order] for column in columns]


def parsed_columns(buffer: io.BytesIO, kinds: Sequence[Kind]) -> list[np.ndarray]:
    """The columns of a COPY's CSV bytes, typed by Arrow, then converted by their kinds; `buffer` is closed.

    In CSV a NULL is an unquoted empty field and an empty text a quoted one, which the parse
    options keep apart. What is no longer needed goes as soon as it is not: the CSV once Arrow has
    parsed it, each Arrow column once it is converted (at a million episodes the largest reader's
    peak measured 346-363 MB against 356-393 MB before; decision 0042).
    """
    if not buffer.tell():
        buffer.close()
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
    buffer.close()  # frees the CSV's bytes now, not when the caller lets go of the buffer
    columns = []
    for name, kind in zip(names, kinds, strict=True):
        columns.append(kind.from_arrow(table.column(name)))
        table = table.drop_columns([name])  # the Arrow column's buffers go with the table's last reference
    return columns


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


@dataclass(frozen=True)
class SnapshotJob:
    """One query for a reading process, all of it picklable: where to connect, in which snapshot, what to read.

    `params` are psycopg's connection parameters (no Django objects); `snapshot` is the id that
    ``pg_export_snapshot()`` gave the parent.
    """

    params: dict[str, Any]
    snapshot: str
    statement: bytes
    kinds: Sequence[Kind]
    sorted_by: int | None


def read_in_snapshot(job: SnapshotJob) -> list[np.ndarray]:
    """In a reading process: the job's columns, on a connection of its own, in the parent's snapshot."""
    with psycopg.connect(**job.params) as own:
        own.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        own.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(job.snapshot)))
        return copied_columns(own, job.statement, job.kinds, sorted_by=job.sorted_by)
