"""Releases refuse UPDATE (and on PostgreSQL DELETE) in the database itself.

Python already refuses (`Release.save`/`delete`); the triggers also stop raw SQL and other clients.
On SQLite only UPDATE is blocked: Django's flush (tests, `manage.py flush`) deletes rows there,
while on PostgreSQL it truncates, which row triggers do not see (as for the access log).
"""

from django.db import migrations

SQLITE = [
    (
        "CREATE TRIGGER publication_release_no_update BEFORE UPDATE ON publication_release "
        "BEGIN SELECT RAISE(ABORT, 'A published release never changes.'); END;"
    ),
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS publication_release_no_update;"]
POSTGRES = [
    (
        "CREATE FUNCTION publication_release_immutable() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'A published release never changes.'; END; $$ LANGUAGE plpgsql;"
    ),
    (
        "CREATE TRIGGER publication_release_immutable BEFORE UPDATE OR DELETE ON publication_release "
        "FOR EACH ROW EXECUTE FUNCTION publication_release_immutable();"
    ),
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS publication_release_immutable ON publication_release;",
    "DROP FUNCTION IF EXISTS publication_release_immutable();",
]


def _run(statements_by_vendor: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_release")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
