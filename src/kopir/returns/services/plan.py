"""The return plan of an episode and its phased schedule.

One plan per leave episode, edited under optimistic locking (its `version`). The phased
schedule (Norway's graded uptake, Sweden's reduced hours, Labour Code art. 70 part-time by
agreement) is a series of periods at a share of full time that:

- do not overlap;
- start on the planned return date at the earliest;
- end at full time: a 100% phase is the last one, nothing can be added after it.

A schedule whose last phase is below 100% is incomplete (`schedule_complete`); the page says so.
Adding a phase claims the plan's version, so two editors cannot interleave overlapping phases.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.cases.models import EpisodeStatus, LeaveEpisode
from kopir.cases.services.locking import claim_version
from kopir.interface.language import local_day
from kopir.returns.models import ReturnPhase, ReturnPlan

FULL_TIME = 100
PLAN_EXISTS = _("This leave episode already has a return plan.")
EPISODE_EXITED = _("She has left the body: her return plan is closed.")
NO_LEAVE = _("This episode has no leave to return from.")
RETURN_BEFORE_LEAVE = _("The return cannot be planned before the leave starts on %(start)s.")
PHASE_ENDS_BEFORE_START = _("A phase cannot end before it starts.")
PHASE_OVERLAPS = _("This phase overlaps the phase from %(start)s to %(end)s.")
PHASE_BEFORE_RETURN = _("The phased schedule starts on the planned return date, %(date)s, at the earliest.")
PHASE_AFTER_FULL_TIME = _("The schedule reaches full time on %(start)s: no phase can follow it.")
FULL_TIME_BEFORE_PHASE = _("Full time ends the schedule: it cannot come before the phase from %(start)s.")
PHASES_BEFORE_DATE = _("The phased schedule starts on %(start)s, before this date: change the phases first.")


def log_write(
    actor: User | None, action: AccessAction, record: models.Model, episode: LeaveEpisode, detail: str
) -> None:
    """The audit entry every write of the plan leaves: whose data (the employee), what, by whom."""
    access_log_record(actor=actor, action=action, record=record, subject_id=episode.employee_id, detail=detail)


def ensure_open(episode: LeaveEpisode) -> None:
    """The plan can be changed until she leaves the body (it goes on after her return)."""
    if episode.status == EpisodeStatus.EXITED:
        raise ValidationError(EPISODE_EXITED, code="exited")


def leave_start(episode: LeaveEpisode) -> date:
    """The first day of the episode's leave (its first segment, actual or planned)."""
    starts = [segment.start for segment in episode.segments.all()]
    if not starts:
        raise ValidationError(NO_LEAVE, code="no_leave")
    return min(starts)


def leave_last_day(episode: LeaveEpisode) -> date:
    """The last day of the leave: the day before the return once recorded, else the chain's planned end."""
    segments = list(episode.segments.all())
    if not segments:
        raise ValidationError(NO_LEAVE, code="no_leave")
    return max(segment.end for segment in segments)


def _check_return_date(episode: LeaveEpisode, planned_return_date: date) -> None:
    start = leave_start(episode)
    if planned_return_date <= start:
        raise ValidationError(
            {
                "planned_return_date": ValidationError(
                    RETURN_BEFORE_LEAVE, params={"start": local_day(start)}, code="before_leave"
                )
            }
        )


@transaction.atomic
def return_plan_create(*, episode: LeaveEpisode, planned_return_date: date, actor: User | None) -> ReturnPlan:
    """Open the return plan of an episode; one per episode."""
    ensure_open(episode)
    if ReturnPlan.objects.filter(episode=episode).exists():
        raise ValidationError(PLAN_EXISTS, code="exists")
    _check_return_date(episode, planned_return_date)
    plan = ReturnPlan(episode=episode, planned_return_date=planned_return_date)
    plan.full_clean()
    plan.save()
    log_write(actor, AccessAction.CREATE, plan, episode, f"return plan for {planned_return_date}")
    return plan


@transaction.atomic
def return_plan_update(
    *, plan: ReturnPlan, planned_return_date: date, expected_version: int, actor: User | None
) -> ReturnPlan:
    """Move the planned return date, on the plan as it was at `expected_version`."""
    episode = plan.episode
    ensure_open(episode)
    _check_return_date(episode, planned_return_date)
    first = plan.phases.order_by("starts_on").first()
    if first is not None and first.starts_on < planned_return_date:
        raise ValidationError(
            {"planned_return_date": ValidationError(PHASES_BEFORE_DATE, params={"start": local_day(first.starts_on)})}
        )
    claim_version(plan, expected_version)
    plan.planned_return_date = planned_return_date
    plan.save(update_fields=["planned_return_date"])
    log_write(actor, AccessAction.UPDATE, plan, episode, f"planned return {planned_return_date}")
    return plan


def _check_phase(plan: ReturnPlan, starts_on: date, ends_on: date, work_percent: int) -> None:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": ValidationError(PHASE_ENDS_BEFORE_START, code="order")})
    if starts_on < plan.planned_return_date:
        raise ValidationError(
            {"starts_on": ValidationError(PHASE_BEFORE_RETURN, params={"date": local_day(plan.planned_return_date)})}
        )
    for other in plan.phases.all():
        if starts_on <= other.ends_on and other.starts_on <= ends_on:
            raise ValidationError(
                {
                    "starts_on": ValidationError(
                        PHASE_OVERLAPS, params={"start": local_day(other.starts_on), "end": local_day(other.ends_on)}
                    )
                }
            )
        if other.work_percent == FULL_TIME and other.starts_on < starts_on:
            raise ValidationError(
                {"starts_on": ValidationError(PHASE_AFTER_FULL_TIME, params={"start": local_day(other.starts_on)})}
            )
        if work_percent == FULL_TIME and starts_on < other.starts_on:
            raise ValidationError(
                {"work_percent": ValidationError(FULL_TIME_BEFORE_PHASE, params={"start": local_day(other.starts_on)})}
            )


@transaction.atomic
def return_phase_add(
    *,
    plan: ReturnPlan,
    starts_on: date,
    ends_on: date,
    work_percent: int,
    expected_version: int,
    actor: User | None,
) -> ReturnPhase:
    """Add a period of the phased schedule, on the plan as it was at `expected_version`."""
    ensure_open(plan.episode)
    _check_phase(plan, starts_on, ends_on, work_percent)
    phase = ReturnPhase(plan=plan, starts_on=starts_on, ends_on=ends_on, work_percent=work_percent)
    phase.full_clean()
    claim_version(plan, expected_version)
    phase.save()
    log_write(actor, AccessAction.UPDATE, plan, plan.episode, f"phase {starts_on}..{ends_on} at {work_percent}")
    return phase


def schedule_complete(phases: list[ReturnPhase]) -> bool:
    """Whether a phased schedule (in date order) ends at full time; an empty schedule is not phased at all."""
    return not phases or phases[-1].work_percent == FULL_TIME
