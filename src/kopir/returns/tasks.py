"""The return plan's daily job (huey), after the cases' sweep: decisions due, interviews not held."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kopir.returns.services.reminders import return_plan_sweep


@db_periodic_task(crontab(hour="6", minute="10"))
def daily_return_plan_reminders() -> int:
    return return_plan_sweep(today=timezone.localdate())
