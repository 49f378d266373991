"""The access log refuses UPDATE (and on PostgreSQL DELETE) in the database itself.

Python already refuses (`AccessLog.save`/`delete`); the triggers also stop raw SQL and other
clients. On SQLite only UPDATE is blocked: Django's flush (tests, `manage.py flush`) deletes rows
there, while on PostgreSQL it truncates, which row triggers do not see.
"""

from django.db import migrations

SQLITE = [
    (
        "CREATE TRIGGER accounts_accesslog_no_update BEFORE UPDATE ON accounts_accesslog "
        "BEGIN SELECT RAISE(ABORT, 'The access log is append-only.'); END;"
    ),
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS accounts_accesslog_no_update;"]
POSTGRES = [
    (
        "CREATE FUNCTION accounts_accesslog_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'The access log is append-only.'; END; $$ LANGUAGE plpgsql;"
    ),
    (
        "CREATE TRIGGER accounts_accesslog_append_only BEFORE UPDATE OR DELETE ON accounts_accesslog "
        "FOR EACH ROW EXECUTE FUNCTION accounts_accesslog_append_only();"
    ),
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS accounts_accesslog_append_only ON accounts_accesslog;",
    "DROP FUNCTION IF EXISTS accounts_accesslog_append_only();",
]


def _run(statements_by_vendor: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
