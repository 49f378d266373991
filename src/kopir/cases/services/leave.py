"""The leave chain of an episode: opened with its maternity or adoption leave, then segments in order.

The maternity or adoption leave is planned by the same rules as the payment calculator
(`kopir.rules.leave_for`). Annual leave and unpaid childcare leave (in parts, Labour Code art.
100) follow it without overlapping; childcare leave ends at the latest on the day before the
child's third birthday. The status follows the calendar (`episode_status_refresh`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.cases.leave_state import status_on, third_birthday_eve
from kopir.cases.models import Employee, EpisodeKind, EpisodeStatus, LeaveEpisode, LeaveSegment, SegmentKind
from kopir.cases.services.locking import claim_version
from kopir.cases.services.people import child_add
from kopir.interface.language import current_language, local_day
from kopir.rules import InvalidRequest, RulesNotKnown, default_law, leave_for
from kopir.rules.contract import field_message
from kopir.rules.months import add_months

EPISODE_CLOSED = _("This leave episode is closed: the employee has returned or left.")
SEGMENT_OVERLAPS = _("This leave overlaps the leave from %(start)s to %(end)s.")
SEGMENT_KIND = _("Only annual leave and childcare leave can be added to an episode.")
PAST_THIRD_BIRTHDAY = _("Childcare leave ends at the latest on %(limit)s, the day before the child turns 3.")


def _rules_errors(error: InvalidRequest) -> ValidationError:
    """The rules' field errors on the episode form's fields (``event.leave_start`` -> ``leave_start``)."""
    lang = current_language()
    return ValidationError({e.field.removeprefix("event."): field_message(e, lang) for e in error.errors})


@transaction.atomic
def leave_episode_open(
    *,
    employee: Employee,
    kind: EpisodeKind,
    actor: User | None,
    today: date,
    document: str = "",
    children: int = 1,
    complicated_birth: bool = False,
    nuclear_test_zone: bool = False,
    **dates: date | None,
) -> LeaveEpisode:
    """Open an episode for a birth or an adoption, with its child and its maternity or adoption leave.

    `dates` are the event's dates as contract v1 names them: leave_start, expected_birth,
    birth_date, adoption_date.
    """
    event: dict[str, Any] = {"type": str(kind), "children": children, "complicated_birth": complicated_birth}
    event |= {name: value.isoformat() for name, value in dates.items() if value is not None}
    try:
        leave = leave_for(event, nuclear_test_zone=nuclear_test_zone)
    except InvalidRequest as error:
        raise _rules_errors(error) from None
    child = child_add(
        parent=employee,
        actor=actor,
        birth_date=dates.get("birth_date"),
        expected_birth=leave.expected_birth,
        adopted=kind == EpisodeKind.ADOPTION,
    )
    episode = LeaveEpisode.objects.create(
        employee=employee,
        child=child,
        kind=kind,
        children=children,
        complicated_birth=complicated_birth,
        nuclear_test_zone=nuclear_test_zone,
        opened_on=today,
    )
    segment_kind = SegmentKind.ADOPTION if kind == EpisodeKind.ADOPTION else SegmentKind.MATERNITY
    LeaveSegment.objects.create(
        episode=episode, kind=segment_kind, planned_start=leave.start, planned_end=leave.end, document=document
    )
    episode_status_refresh(episode, today)
    access_log_record(actor=actor, action=AccessAction.CREATE, record=episode, subject_id=employee.pk)
    return episode


PAYMENT_MONTHS = "gfss.childcare.months"


def childcare_last_day(episode: LeaveEpisode) -> date:
    """The last day of the episode's childcare leave (`leave_state.third_birthday_eve` of its child)."""
    child = episode.child
    born = child.birth_date or child.expected_birth
    assert born is not None  # noqa: S101 - a child always has one of the two (a database constraint)
    return third_birthday_eve(born)


def childcare_payment_last_day(episode: LeaveEpisode) -> date | None:
    """The last day of the monthly childcare payment: the eve of the day the child is
    `gfss.childcare.months` old (18 months, 1.5 years, for a child born from 2023: Social Code art. 85).

    The law gives her no choice of length (the 1-year payment ended for children born from 2023), so the
    child's birth date says it all; an early return lowers the payment, it does not end it. None before
    the birth, or when the law knows no length for that birth date (born before 2023: long over).
    """
    born = episode.child.birth_date if episode.child is not None else None
    if born is None:
        return None
    try:
        months = default_law().in_force(PAYMENT_MONTHS, born).whole
    except RulesNotKnown:
        return None
    assert months is not None  # noqa: S101 - a number of months (the parameter's unit)
    return add_months(born, months) - timedelta(days=1)


def childcare_days_remaining(episode: LeaveEpisode) -> int:
    """Days of the three-year clock still free after the last planned segment."""
    segments = list(episode.segments.all())
    last_end = max(s.end for s in segments) if segments else episode.opened_on
    return max(0, (childcare_last_day(episode) - last_end).days)


def _check_fits(episode: LeaveEpisode, kind: SegmentKind, start: date, end: date) -> None:
    if episode.status in (EpisodeStatus.RETURNED, EpisodeStatus.EXITED):
        raise ValidationError(EPISODE_CLOSED)
    if kind not in (SegmentKind.ANNUAL, SegmentKind.CHILDCARE):
        raise ValidationError({"kind": SEGMENT_KIND})
    for other in episode.segments.all():
        if start <= other.end and other.start <= end:
            raise ValidationError(
                {
                    "planned_start": ValidationError(
                        SEGMENT_OVERLAPS, params={"start": local_day(other.start), "end": local_day(other.end)}
                    )
                }
            )
    limit = childcare_last_day(episode)
    if kind == SegmentKind.CHILDCARE and end > limit:
        raise ValidationError({"planned_end": ValidationError(PAST_THIRD_BIRTHDAY, params={"limit": local_day(limit)})})


@transaction.atomic
def leave_segment_add(
    *,
    episode: LeaveEpisode,
    kind: SegmentKind,
    planned_start: date,
    planned_end: date,
    expected_version: int,
    actor: User | None,
    today: date,
    document: str = "",
) -> LeaveSegment:
    """Add annual or childcare leave to the chain, made on the episode as it was at `expected_version`."""
    _check_fits(episode, kind, planned_start, planned_end)
    segment = LeaveSegment(
        episode=episode, kind=kind, planned_start=planned_start, planned_end=planned_end, document=document
    )
    segment.full_clean()
    claim_version(episode, expected_version)
    segment.save()
    episode_status_refresh(episode, today)
    if episode.replacement_id is not None:  # the replacement's term follows the chain
        episode.replacement_until = max(s.end for s in episode.segments.all())
        LeaveEpisode.objects.filter(pk=episode.pk).update(replacement_until=episode.replacement_until)
    access_log_record(
        actor=actor,
        action=AccessAction.UPDATE,
        record=episode,
        subject_id=episode.employee_id,
        detail=f"segment {kind} {planned_start}..{planned_end}",
    )
    return segment


def episode_status_on(episode: LeaveEpisode, today: date) -> EpisodeStatus:
    """The stored episode's `leave_state.status_on`: its segments, its return, its separation."""
    return status_on(
        episode.segments.all(),
        returned=hasattr(episode, "return_to_work"),
        exited=episode.separations.exists(),
        today=today,
    )


def episode_status_refresh(episode: LeaveEpisode, today: date) -> EpisodeStatus:
    """Move the status to what the calendar says; automatic, so it does not bump the version."""
    status = episode_status_on(episode, today)
    if status != episode.status:
        LeaveEpisode.objects.filter(pk=episode.pk).update(status=status)
        episode.status = status
    return status
