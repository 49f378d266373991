"""The bulk extraction (COPY into Arrow) gives the very columns the ORM's chunks give.

The comparison on the database needs PostgreSQL (run with ``DATABASE_URL=postgres://...``); the
conversions from Arrow are compared with those from Python values on any database.
"""

from __future__ import annotations

import io
import os
import pickle
import threading
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

import numpy as np
import psycopg
import pyarrow as pa
import pytest
from django.db import connection, connections, transaction

from kopir.cases.models import Employee, LeaveEpisode
from kopir.statistics import copying, parallel_reading, reading
from kopir.statistics.columns import RETURN_MODES, Records
from kopir.statistics.extract import extract
from tests.statistics.builders import varied_records

pytestmark = pytest.mark.django_db


def _arrow(values: list[Any], kind: copying.Kind) -> pa.ChunkedArray:
    return pa.chunked_array([pa.array(values[:2], type=kind.arrow), pa.array(values[2:], type=kind.arrow)])


KIND_SAMPLES = [
    (copying.IDS, [3, None, 7, 1]),
    (copying.DATES, [date(1970, 1, 1), None, date(2025, 2, 3), date(1999, 12, 31)]),
    (copying.FLAGS, [True, False, None, True]),
    (copying.TIYN, [300000.0, None, 12.34, 0.07]),
    (copying.TEXTS, ["B-5", "", "KZ-71", "x"]),
    (copying.choice(RETURN_MODES), ["part_time", None, "same_post", "part_time"]),
]


@pytest.mark.parametrize(("kind", "values"), KIND_SAMPLES)
def test_arrow_columns_convert_as_python_values_do(kind: copying.Kind, values: list[Any]) -> None:
    from_arrow = kind.from_arrow(_arrow(values, kind))
    assert from_arrow.dtype == kind.from_values(values).dtype
    assert from_arrow.tolist() == kind.from_values(values).tolist()


def test_a_choice_outside_its_vocabulary_is_refused_on_either_path() -> None:
    kind = copying.choice(RETURN_MODES)
    with pytest.raises(ValueError, match="no_such_mode"):
        kind.from_arrow(_arrow(["part_time", "no_such_mode", None, "part_time"], kind))
    with pytest.raises(ValueError, match="no_such_mode"):
        kind.from_values(["part_time", "no_such_mode"])


def _columns(records: Records) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for part in fields(records):
        value = getattr(records, part.name)
        if is_dataclass(value):
            found |= {f"{part.name}.{f.name}": getattr(value, f.name) for f in fields(value)}
        else:
            found |= {f"{part.name}.{kind}": rows for kind, rows in value.items()}
    return found


def test_copy_gives_the_columns_of_the_orm(monkeypatch: pytest.MonkeyPatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's: run with DATABASE_URL=postgres://...")
    varied_records()
    # an update writes the row anew at the end of the table: a scan without ORDER BY meets it last
    Employee.objects.filter(pk=Employee.objects.order_by("id").values("id")[:1]).update(given_name="Moved")
    LeaveEpisode.objects.filter(pk=LeaveEpisode.objects.order_by("id").values("id")[:1]).update(version=2)
    copied = _columns(extract())
    monkeypatch.setattr(reading, "BULK_VENDORS", ())
    iterated = _columns(extract())
    _assert_same_columns(copied, iterated)
    assert len(copied["support.keep_in_touch"]) == 1


def _assert_same_columns(found: dict[str, Any], expected: dict[str, Any]) -> None:
    assert found.keys() == expected.keys()
    assert len(found["episodes.employee"]) == 7
    for name, column in expected.items():
        if isinstance(column, np.ndarray):
            assert found[name].dtype == column.dtype, name
        assert list(found[name]) == list(column), name


def test_copy_reads_one_body_and_an_empty_table() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's: run with DATABASE_URL=postgres://...")
    varied_records()
    records = extract("S1")
    assert len(records.episodes.employee) == 3
    assert len(records.follow_ups.episode) == 0
    assert records.follow_ups.in_body.dtype == np.bool_


def test_a_failed_copy_raises_and_leaves_the_connection_usable() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's: run with DATABASE_URL=postgres://...")
    with pytest.raises(psycopg.errors.DivisionByZero), transaction.atomic(), connection.cursor() as cursor:
        copying.copied_out(cursor.connection.pgconn, b"COPY (SELECT 1 / 0) TO STDOUT (FORMAT csv)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,)
    with connection.cursor() as cursor:
        copied = copying.copied_out(cursor.connection.pgconn, b"COPY (SELECT 1, 'a,b') TO STDOUT (FORMAT csv)")
    assert copied.getvalue() == b'1,"a,b"\n'


@pytest.fixture
def process_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many queries each extraction handed to reading processes (the real reading, counted)."""
    counted: list[int] = []
    read_in_processes = parallel_reading._read_in_processes

    def counting(alias: str, queries: Mapping[str, parallel_reading.Query], processes: int) -> Any:
        counted.append(len(queries))
        return read_in_processes(alias, queries, processes)

    monkeypatch.setattr(parallel_reading, "_read_in_processes", counting)
    return counted


def _one_by_one(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    with monkeypatch.context() as sequential:
        sequential.setattr(parallel_reading, "PROCESSES", 1)
        return _columns(extract())


@pytest.mark.django_db(transaction=True)
def test_processes_at_once_give_the_columns_of_one_connection(
    monkeypatch: pytest.MonkeyPatch, process_reads: list[int]
) -> None:
    """Outside a transaction the queries run in reading processes; the columns are the sequential path's."""
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's: run with DATABASE_URL=postgres://...")
    varied_records()
    at_once = _columns(extract())
    assert len(process_reads) == 1  # the processes read every query
    one_by_one = _one_by_one(monkeypatch)
    assert len(process_reads) == 1
    _assert_same_columns(at_once, one_by_one)


@pytest.mark.django_db(transaction=True)
def test_a_run_in_a_thread_reads_in_processes_without_forking_its_process(
    monkeypatch: pytest.MonkeyPatch, process_reads: list[int]
) -> None:
    """As in the job queue's worker: the extraction runs in a thread beside others, so it must not fork
    its process (decision 0041); the reading processes come from the fork server, the columns are the same."""
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's: run with DATABASE_URL=postgres://...")
    varied_records()
    one_by_one = _one_by_one(monkeypatch)
    forks: list[str] = []

    def refused_fork() -> int:
        forks.append(threading.current_thread().name)
        raise AssertionError("a threaded process forked")

    monkeypatch.setattr(os, "fork", refused_fork)
    found: dict[str, Any] = {}

    def run() -> None:
        try:
            found["columns"] = _columns(extract())
        except Exception as error:  # noqa: BLE001 - handed to the test's thread, which raises it
            found["error"] = error
        finally:
            connections.close_all()

    worker = threading.Thread(target=run, name="worker")
    worker.start()
    worker.join()
    assert "error" not in found, found.get("error")
    assert not forks
    assert len(process_reads) == 1  # the processes read, though the caller was not the main thread
    _assert_same_columns(found["columns"], one_by_one)


def test_inside_a_transaction_the_queries_stay_on_its_connection(process_reads: list[int]) -> None:
    """A reading process could not see the transaction's rows: the sequential path reads them."""
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's: run with DATABASE_URL=postgres://...")
    varied_records()
    assert len(extract().episodes.employee) == 7
    assert not process_reads


@pytest.mark.parametrize(("kind", "values"), KIND_SAMPLES)
def test_every_kind_of_column_reaches_a_reading_process_by_pipe(kind: copying.Kind, values: list[Any]) -> None:
    """A job is pickled to a reading process: its kinds (functions, a choice's vocabulary) must come out whole."""
    copied = pickle.loads(pickle.dumps(kind))  # noqa: S301 - our own bytes
    assert copied.from_arrow(_arrow(values, kind)).tolist() == kind.from_values(values).tolist()


def test_the_job_worker_starts_the_fork_server_when_it_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A recomputation must not wait for the server's imports: the worker's start-up starts it, without
    waiting, and only where the database is read in processes (SQLite has no use for it)."""
    from huey.contrib.djhuey import HUEY  # noqa: PLC0415 - the worker's registry, filled by the tasks modules

    import kopir.statistics.tasks  # noqa: F401, PLC0415 - what the worker imports (djhuey's autodiscovery)

    started: list[bool] = []
    monkeypatch.setattr(parallel_reading.forkserver, "ensure_running", lambda: started.append(True))
    HUEY._startup["indicator_readers_started"]()  # the hook huey's worker calls when it starts
    assert started == ([True] if connection.vendor in reading.BULK_VENDORS else [])
    monkeypatch.setattr(reading, "BULK_VENDORS", (connection.vendor,))
    parallel_reading.readers_started()
    assert started[-1:] == [True]


def test_the_csv_is_let_go_once_parsed() -> None:
    """A reading process holds the CSV, the Arrow table and the columns at once only as long as it must."""
    buffer = io.BytesIO()
    buffer.write(b'3,"KZ-71",t\n,"",\n')
    columns = copying.parsed_columns(buffer, [copying.IDS, copying.TEXTS, copying.FLAGS])
    assert buffer.closed  # its bytes freed, though the caller still names it
    assert [column.tolist() for column in columns] == [[3, -1], ["KZ-71", ""], [True, False]]
    empty = io.BytesIO()
    assert [len(column) for column in copying.parsed_columns(empty, [copying.IDS])] == [0]
    assert empty.closed
