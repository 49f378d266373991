"""The access log is tamper-evident: the database refuses changes, and the hash chain shows any it let through."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from django.db import DatabaseError, connection, connections, transaction
from django.test import Client

from kopir.accounts import access_chain
from kopir.accounts.cli import audit
from kopir.accounts.models import AccessAction, AccessLog, Role, User
from kopir.accounts.services import access_log_record
from tests.accounts.signing_in import sign_in

GUARD_OFF = {
    "sqlite": ["DROP TRIGGER accounts_accesslog_no_update", "DROP TRIGGER accounts_accesslog_no_delete"],
    "postgresql": ["ALTER TABLE accounts_accesslog DISABLE TRIGGER accounts_accesslog_append_only"],
}


def _write(count: int, actor: User | None = None) -> None:
    for number in range(count):
        access_log_record(actor=actor, action=AccessAction.READ, record=actor or User(pk=0), subject_id=number)


def _tamper(statement: str, params: list[Any]) -> None:
    """What an intruder with the table owner's rights does: switch the triggers off (raw SQL), then edit."""
    with connection.cursor() as cursor:
        _foreign_keys_checked_now(cursor)
        for off in GUARD_OFF[connection.vendor]:
            cursor.execute(off)
        cursor.execute(statement, params)


def _foreign_keys_checked_now(cursor: Any) -> None:
    """PostgreSQL will not alter or truncate a table with deferred checks pending in the test's transaction."""
    if connection.vendor == "postgresql":
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _verify_cli() -> Any:
    return CliRunner().invoke(audit, ["verify"])


@pytest.mark.django_db(transaction=True)
def test_rows_written_by_requests_are_chained_after_commit() -> None:
    user = User.objects.create_user("reader", password="x" * 12, role=Role.ADMINISTRATOR)
    client = Client()
    sign_in(client, user)
    for _ in range(3):
        assert client.get("/en/hr/").status_code == 200
        assert Client().get("/en/hr/").status_code == 302  # an anonymous refusal, written by the middleware
    rows = list(AccessLog.objects.order_by("chain_position"))
    assert [row.chain_position for row in rows] == list(range(1, 7))
    assert rows[0].previous_hash == access_chain.GENESIS
    assert all(later.previous_hash == earlier.row_hash for earlier, later in itertools.pairwise(rows))
    verdict = access_chain.verify(AccessLog)
    assert (verdict.intact, verdict.rows, verdict.pending, verdict.head_hash) == (True, 6, 0, rows[-1].row_hash)
    result = _verify_cli()
    assert (result.exit_code, result.output.strip()) == (0, f"OK: 6 entries chained; last hash {rows[-1].row_hash}")


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["detail", "time", "actor"])
def test_verify_names_the_first_edited_row(change: str, django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    actor = User.objects.create_user("hr", password="x" * 12, role=Role.ADMINISTRATOR)
    with django_capture_on_commit_callbacks(execute=True):
        _write(5, actor)
    assert access_chain.verify(AccessLog).intact
    victim = AccessLog.objects.order_by("chain_position")[2]
    statement = {
        "detail": "UPDATE accounts_accesslog SET detail = 'nothing to see' WHERE id = %s",
        "time": "UPDATE accounts_accesslog SET at = at + interval '1 hour' WHERE id = %s"
        if connection.vendor == "postgresql"
        else "UPDATE accounts_accesslog SET at = datetime(at, '+1 hour') WHERE id = %s",
        "actor": "UPDATE accounts_accesslog SET actor_id = NULL WHERE id = %s",
    }[change]
    _tamper(statement, [victim.pk])
    verdict = access_chain.verify(AccessLog)
    assert (verdict.first_broken_id, verdict.rows) == (victim.pk, 2)
    result = _verify_cli()
    assert result.exit_code == 1
    assert f"entry {victim.pk} does not hold" in result.output


@pytest.mark.django_db
def test_verify_names_the_row_after_a_deleted_one(django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _write(5)
    rows = list(AccessLog.objects.order_by("chain_position"))
    _tamper("DELETE FROM accounts_accesslog WHERE id = %s", [rows[1].pk])
    assert access_chain.verify(AccessLog).first_broken_id == rows[2].pk


@pytest.mark.django_db
def test_a_rewritten_hash_breaks_the_next_link(django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _write(4)
    rows = list(AccessLog.objects.order_by("chain_position"))
    forged = access_chain.row_hash(rows[1], rows[1].previous_hash, 2)  # the intruder recomputes this row's hash
    _tamper("UPDATE accounts_accesslog SET detail = 'x', row_hash = %s WHERE id = %s", [forged, rows[1].pk])
    assert access_chain.verify(AccessLog).first_broken_id in (rows[1].pk, rows[2].pk)


@pytest.mark.django_db
def test_the_database_refuses_update_delete_and_truncate(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _write(2)
    sealed = AccessLog.objects.order_by("id").first()
    assert sealed is not None
    with connection.cursor() as cursor:
        _foreign_keys_checked_now(cursor)
    refused = [
        "UPDATE accounts_accesslog SET detail = 'rewritten'",
        "UPDATE accounts_accesslog SET row_hash = 'forged'",  # a sealed row cannot be sealed again
        "DELETE FROM accounts_accesslog",
        "DELETE FROM accounts_accesslog WHERE id = %s",
    ]
    if connection.vendor == "postgresql":
        refused += ["TRUNCATE accounts_accesslog", "TRUNCATE accounts_user CASCADE"]
    for statement in refused:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [sealed.pk] if "%s" in statement else None)
    assert AccessLog.objects.count() == 2
    assert access_chain.verify(AccessLog).intact


@pytest.mark.django_db
def test_the_seal_may_fill_an_unsealed_row_and_nothing_else() -> None:
    _write(1)  # not committed: no seal yet
    row = AccessLog.objects.get()
    assert (row.chain_position, row.row_hash) == (None, "")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_accesslog SET chain_position = 1, detail = 'changed while sealing' WHERE id = %s", [row.pk]
        )
    assert access_chain.seal(AccessLog) == 1
    assert access_chain.verify(AccessLog).rows == 1


@pytest.mark.django_db
def test_python_refuses_changes_on_every_path() -> None:
    _write(1)
    with pytest.raises(PermissionError):
        AccessLog.objects.update(detail="rewritten")
    with pytest.raises(PermissionError):
        AccessLog.objects.all().delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.get().delete()


@pytest.mark.django_db
def test_bulk_and_direct_inserts_are_chained_too(django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        AccessLog.objects.create(action=AccessAction.REFUSED, record_type="auth", record_id="sign-in", detail="x")
        AccessLog.objects.bulk_create(
            [AccessLog(action=AccessAction.EXPORT, record_type="records", record_id=str(n)) for n in range(3)]
        )
    assert AccessLog.objects.filter(chain_position__isnull=True).count() == 0
    assert access_chain.verify(AccessLog).rows == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; its in-memory test database is not for threads")
    writers, each = 4, 15
    failures: list[BaseException] = []

    def write() -> None:
        try:
            for number in range(each):
                with transaction.atomic():
                    access_log_record(actor=None, action=AccessAction.READ, record=User(pk=0), subject_id=number)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    access_chain.seal(AccessLog)  # any row whose own seal lost a race is sealed by the next one
    verdict = access_chain.verify(AccessLog)
    assert (verdict.intact, verdict.rows, verdict.pending) == (True, writers * each, 0)


@pytest.mark.django_db
def test_a_transaction_of_many_rows_queues_one_seal_that_chains_them_all(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    count = access_chain.SEAL_BATCH + 7  # more than one batch
    with django_capture_on_commit_callbacks(execute=True) as hooks:
        AccessLog.objects.bulk_create(
            [AccessLog(action=AccessAction.EXPORT, record_type="records", record_id=str(n)) for n in range(count)]
        )
        _write(3)
    assert len(hooks) == 1
    verdict = access_chain.verify(AccessLog)
    assert (verdict.intact, verdict.rows, verdict.pending) == (True, count + 3, 0)
