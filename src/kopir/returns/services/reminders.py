"""The return plan's part of the daily sweep: decisions that are due, interviews not held.

- a request for flexible, remote or part-time work still pending within
  `KOPIR_DECISION_NOTICE_WORKING_DAYS` working days of its deadline (or past it);
- a return recorded `KOPIR_INTERVIEW_WORKING_DAYS` working days ago with no interview held.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction

from kopir.cases.models import LeaveEpisode, ReminderKind, ReturnToWork
from kopir.cases.services.reminders import reminder_set
from kopir.returns.models import ArrangementRequest, Decision, ReturnInterview
from kopir.workdays import add_working_days


@transaction.atomic
def return_plan_sweep(*, today: date) -> int:
    """Raise or close the return-plan reminders; returns the net number raised."""
    notice = settings.KOPIR_DECISION_NOTICE_WORKING_DAYS
    horizon = add_working_days(today, notice)
    net = 0
    pending = ArrangementRequest.objects.filter(decision=Decision.PENDING).select_related("plan")
    due_by_episode: dict[int, date] = {}
    for request in pending:
        if request.deadline <= horizon:
            episode_id = request.plan.episode_id
            due_by_episode[episode_id] = min(request.deadline, due_by_episode.get(episode_id, request.deadline))
    with_requests = LeaveEpisode.objects.filter(return_plan__isnull=False).prefetch_related("reminders")
    for episode in with_requests:
        due = due_by_episode.get(episode.pk)
        net += reminder_set(
            episode=episode, kind=ReminderKind.DECISION_DUE, wanted=due is not None, due_on=due or today, today=today
        )
    grace = settings.KOPIR_INTERVIEW_WORKING_DAYS
    held = set(ReturnInterview.objects.values_list("plan__episode_id", flat=True))
    for returned in ReturnToWork.objects.select_related("episode").prefetch_related("episode__reminders"):
        due_on = add_working_days(returned.first_working_day, grace)
        wanted = returned.episode_id not in held and today > due_on
        net += reminder_set(
            episode=returned.episode, kind=ReminderKind.INTERVIEW_NOT_HELD, wanted=wanted, due_on=due_on, today=today
        )
    return net
