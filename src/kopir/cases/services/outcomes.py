"""How an episode ends: a return to work, or a separation during or after leave.

Dismissal protection (Labour Code art. 54): a pregnant woman and a parent of a child under 3
cannot be separated at the employer's initiative; recording a separation for her needs one of
the listed legal grounds, or it is refused.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.cases.leave_state import is_protected
from kopir.cases.models import (
    Appointment,
    AppointmentKind,
    Destination,
    Employee,
    EpisodeStatus,
    LeaveEpisode,
    PayRecord,
    ProtectedGround,
    ReturnMode,
    ReturnToWork,
    Separation,
    SeparationReason,
)
from kopir.cases.services.leave import EPISODE_CLOSED, episode_status_refresh
from kopir.cases.services.locking import claim_version
from kopir.cases.services.replacement import replacement_term_refresh
from kopir.organisation.models import Position

RETURN_BEFORE_LEAVE = _("The return cannot be before the leave started.")
PROTECTED = _(
    "This employee is protected from dismissal (pregnancy or a child under 3): "
    "choose the legal ground of the separation."
)


@transaction.atomic
def return_record(
    *,
    episode: LeaveEpisode,
    first_working_day: date,
    mode: ReturnMode,
    position: Position,
    monthly_salary: Decimal,
    expected_version: int,
    actor: User | None,
    today: date,
) -> ReturnToWork:
    """She is back: the segment she was on ends the day before; segments not yet begun are dropped."""
    if episode.status in (EpisodeStatus.RETURNED, EpisodeStatus.EXITED):
        raise ValidationError(EPISODE_CLOSED)
    segments = sorted(episode.segments.all(), key=lambda s: s.start)
    if not segments or first_working_day <= segments[0].start:
        raise ValidationError({"first_working_day": RETURN_BEFORE_LEAVE})
    claim_version(episode, expected_version)
    for segment in segments:
        if segment.start >= first_working_day:
            segment.delete()
        elif segment.end >= first_working_day:
            segment.actual_end = first_working_day - timedelta(days=1)
            segment.save(update_fields=["actual_end"])
    record = ReturnToWork.objects.create(
        episode=episode,
        first_working_day=first_working_day,
        mode=mode,
        position=position,
        monthly_salary=monthly_salary,
    )
    employee = episode.employee
    Appointment.objects.create(
        employee=employee, position=position, starts_on=first_working_day, kind=AppointmentKind.RETURN
    )
    PayRecord.objects.update_or_create(
        employee=employee,
        effective_from=first_working_day,
        defaults={"monthly_salary": monthly_salary, "reason": "return"},
    )
    episode_status_refresh(episode, today)
    replacement_term_refresh(episode)
    access_log_record(actor=actor, action=AccessAction.CREATE, record=record, subject_id=employee.pk)
    return record


def _open_episode(employee: Employee) -> LeaveEpisode | None:
    return employee.episodes.exclude(status__in=[EpisodeStatus.RETURNED, EpisodeStatus.EXITED]).first()


@transaction.atomic
def separation_record(
    *,
    employee: Employee,
    last_day: date,
    reason: SeparationReason,
    destination: Destination,
    actor: User | None,
    today: date,
    protected_ground: ProtectedGround = ProtectedGround.NONE,
) -> Separation:
    """Record that she left; refused for a protected employee unless a listed legal ground is given."""
    if is_protected(employee.children.all(), last_day) and not protected_ground:
        raise ValidationError({"protected_ground": PROTECTED})
    episode = _open_episode(employee)
    during_leave = episode is not None and episode.status != EpisodeStatus.PLANNED
    separation = Separation.objects.create(
        employee=employee,
        episode=episode,
        date=last_day,
        during_leave=during_leave,
        reason=reason,
        destination=destination,
        protected_ground=protected_ground,
    )
    if episode is not None:
        episode_status_refresh(episode, today)
    access_log_record(actor=actor, action=AccessAction.CREATE, record=separation, subject_id=employee.pk)
    return separation
