"""Releases refuse UPDATE (and on PostgreSQL DELETE) in the database itself.

Python already refuses (`Release.save`/`delete`); the triggers also stop raw SQL and other clients.
On SQLite only UPDATE is blocked: Django's flush (tests, `manage.py flush`) deletes rows there,
while on PostgreSQL it truncates, which row triggers do not see (as for the access log).
"""

from django.db import migrations

from kopir.publication.migrations._triggers import POSTGRES, POSTGRES_REVERSE, SQLITE, SQLITE_REVERSE, _run


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_release")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
