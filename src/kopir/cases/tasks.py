"""Jobs that run by themselves (huey): the daily reminders sweep, at 06:00 Almaty time."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kopir.cases.services.reminders import SweepResult, reminders_sweep


@db_periodic_task(crontab(hour="6", minute="0"))
def daily_reminders() -> SweepResult:
    """Refresh statuses and reminders every morning."""
    return reminders_sweep(today=timezone.localdate())


@db_task()
def reminders_now() -> SweepResult:
    """The same sweep on demand (after an import, say)."""
    return reminders_sweep(today=timezone.localdate())
