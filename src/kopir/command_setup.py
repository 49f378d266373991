"""One way into Django for the ``kopir`` commands that touch the database.

Only the database commands set Django up (``kopir calc`` must start without it, decision 0017), each
inside its own function; this is the one place that says how: the development settings unless
``DJANGO_SETTINGS_MODULE`` names others, and the database migrated when the command writes to it or
reads what may not be there yet.
"""

from __future__ import annotations

import os


def django_ready(*, migrate: bool = False) -> None:
    """Set Django up (idempotent), and with ``migrate`` bring the database's tables up to date quietly."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopir.web.settings.dev")
    import django  # noqa: PLC0415 - only the database commands pay for Django
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
