"""The database's own refusal to change the access log: triggers on SQLite and PostgreSQL.

Python refuses too (``AccessLog.save``/``delete``), but triggers also stop raw SQL and other
clients. Refused on both databases: ``UPDATE`` (except the one-time seal that fills an unsealed
row's chain columns and nothing else) and ``DELETE``; on PostgreSQL also ``TRUNCATE``, which row
triggers do not see. SQLite has no ``TRUNCATE`` (its ``DELETE`` without ``WHERE`` fires the trigger).

Django's ``flush`` (the test suite between transactional tests) empties every table; the
``flush`` command of this app lifts the guard for it only where ``KOPIR_ACCESS_LOG_FLUSHABLE``
is set (test settings). Anyone who owns the table can still drop a trigger: the hash chain is
what shows that afterwards (decision 0015).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

REFUSAL = "The access log is append-only."
# the columns a seal may not touch (SQLite lists them; PostgreSQL compares the whole row minus the chain)
_FIXED_COLUMNS = (
    "id",
    "at",
    "actor_id",
    "role",
    "action",
    "record_type",
    "record_id",
    "subject_id",
    "detail",
    "address",
    "method",
    "path",
)
_SQLITE_CHANGED = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in _FIXED_COLUMNS)
SQLITE_INSTALL = [
    (
        "CREATE TRIGGER accounts_accesslog_no_update BEFORE UPDATE ON accounts_accesslog "
        f"WHEN OLD.chain_position IS NOT NULL OR NEW.chain_position IS NULL OR {_SQLITE_CHANGED} "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END;"
    ),
    (
        "CREATE TRIGGER accounts_accesslog_no_delete BEFORE DELETE ON accounts_accesslog "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END;"
    ),
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS accounts_accesslog_no_update;",
    "DROP TRIGGER IF EXISTS accounts_accesslog_no_delete;",
]
_CHAIN = "'chain_position' - 'previous_hash' - 'row_hash'"
POSTGRES_INSTALL = [
    (
        "CREATE OR REPLACE FUNCTION accounts_accesslog_append_only() RETURNS trigger AS $$ "
        "BEGIN "
        "IF TG_OP = 'UPDATE' THEN "
        "IF OLD.chain_position IS NULL AND NEW.chain_position IS NOT NULL "
        f"AND (to_jsonb(NEW) - {_CHAIN}) = (to_jsonb(OLD) - {_CHAIN}) THEN RETURN NEW; END IF; "
        "END IF; "
        f"RAISE EXCEPTION '{REFUSAL}'; "
        "END; $$ LANGUAGE plpgsql;"
    ),
    "DROP TRIGGER IF EXISTS accounts_accesslog_append_only ON accounts_accesslog;",
    (
        "CREATE TRIGGER accounts_accesslog_append_only BEFORE UPDATE OR DELETE ON accounts_accesslog "
        "FOR EACH ROW EXECUTE FUNCTION accounts_accesslog_append_only();"
    ),
    (
        "CREATE TRIGGER accounts_accesslog_no_truncate BEFORE TRUNCATE ON accounts_accesslog "
        "FOR EACH STATEMENT EXECUTE FUNCTION accounts_accesslog_append_only();"
    ),
]
POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS accounts_accesslog_no_truncate ON accounts_accesslog;",
    "DROP TRIGGER IF EXISTS accounts_accesslog_append_only ON accounts_accesslog;",
    "DROP FUNCTION IF EXISTS accounts_accesslog_append_only();",
]
INSTALL = {"sqlite": SQLITE_INSTALL, "postgresql": POSTGRES_INSTALL}
REMOVE = {"sqlite": SQLITE_REMOVE, "postgresql": POSTGRES_REMOVE}


def install(connection: Any) -> None:
    """Create (or re-create) the triggers for this connection's database."""
    with connection.cursor() as cursor:
        for statement in INSTALL.get(connection.vendor, []):
            cursor.execute(statement)


def remove(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in REMOVE.get(connection.vendor, []):
            cursor.execute(statement)


@contextmanager
def lifted(connection: Any) -> Iterator[None]:
    """Without the guard for the duration (``flush`` in tests; a test that tampers on purpose)."""
    remove(connection)
    try:
        yield
    finally:
        install(connection)
