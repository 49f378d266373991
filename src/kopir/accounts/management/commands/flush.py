"""Django's ``flush``, which the access log's guard refuses unless ``KOPIR_ACCESS_LOG_FLUSHABLE`` is set.

The test suite flushes the database after each transactional test; production must not be able
to empty the access log this way, so only the test settings set the flag.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands import flush
from django.db import connections

from kopir.accounts import log_guard


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        if not getattr(settings, "KOPIR_ACCESS_LOG_FLUSHABLE", False):
            super().handle(**options)  # the triggers refuse to empty the access log
            return
        with log_guard.lifted(connections[options["database"]]):
            super().handle(**options)
