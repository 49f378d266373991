"""One way to register a sweeper with huey, for every kind of leased run.

Each kind of run (a simulation, an indicator run) needs the same three entries: a sweep every minute,
one when the consumer starts, and one more a lease after the start, so that runs left by a consumer
killed just before are taken up without waiting for the clock. Written once here so that a new kind
of run cannot forget one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup


def sweeper_registered(sweep: Callable[[], Any], *, name: str) -> Any:
    """Register `sweep` under `name` (every minute, at start, one lease after start); return the task."""

    def swept() -> None:
        sweep()

    swept.__name__ = swept.__qualname__ = name
    once = db_task(name=name)(swept)
    db_periodic_task(crontab(minute="*"), name=f"{name}_every_minute")(swept)

    def at_start() -> None:
        sweep()
        once.schedule(delay=settings.KOPIR_JOB_LEASE_SECONDS + 1)

    on_startup(name=f"{name}_at_start")(at_start)
    return once
