"""One way into Django for the ``kopir`` commands that touch the database.

Only the database commands set Django up (``kopir calc`` must start without it, decision 0017), each
inside its own function; this is the one place that says how: the development settings unless
``DJANGO_SETTINGS_MODULE`` names others. Only the commands that make a database ready migrate it
(``kopir serve`` and ``kopir demo``); the others read or write the tables as they are, and an
unmigrated database stops them with a message saying which command prepares it, rather than a
migration run as a side effect of an import or a report (decision 0023).
"""

from __future__ import annotations

import os

import click

NOT_MIGRATED = (
    "The database is not ready (it has migrations not applied yet): run `kopir serve` or `kopir demo` once, "
    "which migrate it, then run this command again."
)


class DatabaseNotReady(click.ClickException):
    """The database lacks migrations this version of Kopir needs; the message says what to run."""


def django_ready(*, migrate: bool = False, check_migrated: bool = True) -> None:
    """Set Django up (idempotent); with ``migrate`` bring the tables up to date, without it require them so.

    ``check_migrated=False`` is for a command that decides itself whether to migrate (``kopir demo``
    refuses production settings before it touches the database).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopir.web.settings.dev")
    import django  # noqa: PLC0415 - only the database commands pay for Django
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
    elif check_migrated and unapplied_migrations():
        raise DatabaseNotReady(NOT_MIGRATED)


def unapplied_migrations() -> int:
    """How many migrations the default database still lacks (0: it is ready)."""
    from django.db import DEFAULT_DB_ALIAS, connections  # noqa: PLC0415
    from django.db.migrations.executor import MigrationExecutor  # noqa: PLC0415

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
