"""The daily sweep: statuses follow the calendar, and the HR office is told what needs doing.

- a leave that ends within `KOPIR_LEAVE_END_NOTICE_WORKING_DAYS` working days: plan the return;
- a leave that has ended with no return recorded: the HR officer is reminded;
- still nothing after `KOPIR_RETURN_ESCALATION_WORKING_DAYS` working days: escalated to the head.

Deadlines count Kazakhstan working days (`kopir.workdays`). A reminder is raised once per kind
and closed when the episode is no longer in that state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction

from kopir.cases.models import Destination, EpisodeStatus, FollowUp, LeaveEpisode, Reminder, ReminderKind, ReturnToWork
from kopir.cases.services.leave import episode_status_on
from kopir.rules.months import add_months
from kopir.workdays import add_working_days, working_days_between

CLOSED = (EpisodeStatus.RETURNED, EpisodeStatus.EXITED)
# The kinds this sweep owns; the return plan's sweep (kopir.returns) owns the others.
LEAVE_KINDS = (ReminderKind.LEAVE_ENDS_SOON, ReminderKind.RETURN_OVERDUE, ReminderKind.RETURN_OVERDUE_ESCALATED)


@dataclass(frozen=True)
class SweepResult:
    statuses_changed: int
    raised: int
    resolved: int


def _wanted(leave_end: date, today: date) -> dict[ReminderKind, date]:
    """The reminders an open episode whose last segment ends on `leave_end` should have today."""
    notice = settings.KOPIR_LEAVE_END_NOTICE_WORKING_DAYS
    if leave_end >= today:
        return {ReminderKind.LEAVE_ENDS_SOON: leave_end} if add_working_days(today, notice) >= leave_end else {}
    wanted = {ReminderKind.RETURN_OVERDUE: leave_end}
    escalate_on = add_working_days(leave_end, settings.KOPIR_RETURN_ESCALATION_WORKING_DAYS)
    if today >= escalate_on and working_days_between(leave_end, today) > 0:
        wanted[ReminderKind.RETURN_OVERDUE_ESCALATED] = escalate_on
    return wanted


@transaction.atomic
def reminders_sweep(*, today: date) -> SweepResult:
    """Refresh every open episode's status and raise or close its reminders."""
    episodes = LeaveEpisode.objects.exclude(status__in=CLOSED).prefetch_related("segments", "reminders")
    changed = raised = resolved = 0
    for episode in episodes:
        status = episode_status_on(episode, today)
        if status != episode.status:
            LeaveEpisode.objects.filter(pk=episode.pk).update(status=status)
            changed += 1
        leave_end = max((s.end for s in episode.segments.all()), default=None)
        wanted = _wanted(leave_end, today) if leave_end and status not in CLOSED else {}
        open_now = {r.kind: r for r in episode.reminders.all() if r.resolved_on is None and r.kind in LEAVE_KINDS}
        ever_raised = {r.kind for r in episode.reminders.all()}
        for kind, due in wanted.items():
            if kind not in ever_raised:
                Reminder.objects.create(episode=episode, kind=kind, due_on=due, raised_on=today)
                raised += 1
        for open_kind, reminder in open_now.items():
            if open_kind not in wanted:
                reminder.resolved_on = today
                reminder.save(update_fields=["resolved_on"])
                resolved += 1
    resolved += Reminder.objects.filter(
        resolved_on__isnull=True, episode__status__in=CLOSED, kind__in=LEAVE_KINDS
    ).update(resolved_on=today)
    follow_ups_record(today=today)
    return SweepResult(changed, raised, resolved)


def reminder_set(*, episode: LeaveEpisode, kind: ReminderKind, wanted: bool, due_on: date, today: date) -> int:
    """Raise the reminder if wanted and never raised; close it if open and no longer wanted. +1/-1/0."""
    # reads the prefetched reminders when the caller prefetched them (no query per episode)
    existing = next((r for r in episode.reminders.all() if r.kind == kind), None)
    if wanted and existing is None:
        Reminder.objects.create(episode=episode, kind=kind, due_on=due_on, raised_on=today)
        return 1
    if not wanted and existing is not None and existing.resolved_on is None:
        existing.resolved_on = today
        existing.save(update_fields=["resolved_on"])
        return -1
    return 0


FOLLOW_UP_MONTHS = (6, 12, 24)


def follow_ups_record(*, today: date) -> int:
    """Her status 6, 12 and 24 months after each return, recorded once the date has come (I6-I8)."""
    created = 0
    returns = ReturnToWork.objects.select_related("episode").prefetch_related(
        "episode__follow_ups", "episode__employee__separations"
    )
    for returned in returns:
        done = {f.months_after_return for f in returned.episode.follow_ups.all()}
        separations = list(returned.episode.employee.separations.all())
        for months in FOLLOW_UP_MONTHS:
            mark = add_months(returned.first_working_day, months)
            if months in done or mark > today:
                continue
            left = [s for s in separations if s.date < mark]
            moved_within = all(s.destination == Destination.STATE_BODY for s in left)
            FollowUp.objects.create(
                episode=returned.episode,
                months_after_return=months,
                employed_in_body=not left,
                employed_in_state_service=moved_within,
                recorded_on=today,
            )
            created += 1
    return created
