"""The migration that brings the hash chain chains the rows written before it, oldest first."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kopir.accounts import access_chain
from kopir.accounts.models import AccessLog

BEFORE, AFTER = ("accounts", "0002_access_log_append_only"), ("accounts", "0003_access_log_chain")


@pytest.mark.django_db(transaction=True)
def test_existing_rows_are_chained_and_guarded() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    with connection.cursor() as cursor:
        for number in range(3):
            cursor.execute(
                "INSERT INTO accounts_accesslog (at, action, record_type, record_id, subject_id, detail) "
                "VALUES (%s, 'read', 'cases.employee', %s, %s, '')",
                [f"2025-01-0{number + 1} 10:00:00", str(number), number],
            )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([AFTER])
    rows = list(AccessLog.objects.order_by("id"))
    assert [row.chain_position for row in rows] == [1, 2, 3]
    assert rows[0].previous_hash == access_chain.GENESIS
    verdict = access_chain.verify(AccessLog)
    assert (verdict.intact, verdict.rows, verdict.pending) == (True, 3, 0)
    with pytest.raises(PermissionError):
        rows[0].delete()
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_accesslog")
