"""The triggers that keep a published release unchanged, shared by the migrations that need them."""

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


def recreate_on_sqlite(apps, schema_editor):  # type: ignore[no-untyped-def]
    """After a table rebuild (SQLite drops the table's triggers with it), create them again."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_REVERSE + SQLITE:
            schema_editor.execute(statement)
