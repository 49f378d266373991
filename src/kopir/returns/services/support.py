"""The support around the return: keeping in touch, notices, training, a nursery place, the interview.

- Keeping in touch (UK KIT days, return-to-work-and-statistics.md C.5): contacts any time; a
  day of *work* during the leave needs her consent, counts whole (one per date) and there are at
  most `KIT_DAYS_MAX` (10) per episode. Adding one claims the plan's version, so two editors
  cannot both take the tenth day.
- Notices while on leave about vacancies, restructures and pay reviews (*Smith v Greatwell
  Homes*): sent during the leave, acknowledged by her and nobody else.
- Refresher training (courses, internships) and its completion.
- A nursery or kindergarten place: the request, its number in the queue, the placement.
- The return interview (France's entretien professionnel): a written record, shared with her;
  once shared it no longer changes.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import AccessAction, User
from kopir.cases.services.locking import claim_version
from kopir.interface.language import local_day
from kopir.returns.models import (
    KIT_DAYS_MAX,
    ContactKind,
    KeepInTouch,
    LeaveNotice,
    NoticeKind,
    NurseryRequest,
    ReturnInterview,
    ReturnPlan,
    TrainingItem,
    TrainingKind,
)
from kopir.returns.services.arrangements import IN_THE_FUTURE
from kopir.returns.services.plan import ensure_open, leave_last_day, leave_start, log_write

KIT_DAY_NEEDS_CONSENT = _("A keeping-in-touch day is work: record it only with her consent.")
KIT_DAYS_USED = _("All %(max)s keeping-in-touch days of this leave are used.")
KIT_DAY_TAKEN = _("A keeping-in-touch day is already recorded on this date.")
KIT_DAY_OUTSIDE_LEAVE = _("A keeping-in-touch day falls within her leave, from %(start)s to %(end)s.")
NOTICE_OUTSIDE_LEAVE = _("Notices go to her while she is on leave, from %(start)s to %(end)s.")
NOT_HERS = _("Only the employee herself can acknowledge a notice sent to her.")
ALREADY_ACKNOWLEDGED = _("This notice has already been acknowledged.")
ALREADY_COMPLETED = _("This training is already recorded as completed.")
ALREADY_PLACED = _("A place has already been recorded for this request.")
PLACED_BEFORE_REQUEST = _("A place cannot start before it was requested, on %(date)s.")
RECORD_SHARED = _("The record was shared with her on %(date)s and can no longer be changed.")
ALREADY_SHARED = _("The record has already been shared with her.")
REQUIRED = _("This field is required.")


def _required(field: str, value: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: REQUIRED})
    return value


def _not_in_future(field: str, day: date, today: date) -> None:
    if day > today:
        raise ValidationError({field: IN_THE_FUTURE})


@transaction.atomic
def keep_in_touch_add(
    *,
    plan: ReturnPlan,
    on: date,
    kind: ContactKind,
    consent: bool,
    expected_version: int,
    actor: User | None,
    note: str = "",
) -> KeepInTouch:
    """Record a contact, or a day of work during the leave (with her consent, at most 10)."""
    episode = plan.episode
    ensure_open(episode)
    if kind == ContactKind.DAY:
        if not consent:
            raise ValidationError({"consent": KIT_DAY_NEEDS_CONSENT})
        start, end = leave_start(episode), leave_last_day(episode)
        if not start <= on <= end:
            raise ValidationError(
                {
                    "on": ValidationError(
                        KIT_DAY_OUTSIDE_LEAVE, params={"start": local_day(start), "end": local_day(end)}
                    )
                }
            )
        days = plan.contacts.filter(kind=ContactKind.DAY)
        if days.filter(on=on).exists():
            raise ValidationError({"on": KIT_DAY_TAKEN})
        if days.count() >= KIT_DAYS_MAX:
            raise ValidationError(KIT_DAYS_USED, params={"max": KIT_DAYS_MAX}, code="kit_days_used")
    record = KeepInTouch(plan=plan, on=on, kind=kind, consent=consent, note=note.strip())
    record.full_clean()
    claim_version(plan, expected_version)
    record.save()
    log_write(actor, AccessAction.CREATE, record, episode, f"{kind} on {on}")
    return record


@transaction.atomic
def notice_send(
    *, plan: ReturnPlan, kind: NoticeKind, sent_on: date, summary: str, actor: User | None, today: date
) -> LeaveNotice:
    """Record a notice sent to her during the leave about a vacancy, a restructure or a pay review."""
    episode = plan.episode
    ensure_open(episode)
    summary = _required("summary", summary)
    _not_in_future("sent_on", sent_on, today)
    start, end = leave_start(episode), leave_last_day(episode)
    if not start <= sent_on <= end:
        raise ValidationError(
            {
                "sent_on": ValidationError(
                    NOTICE_OUTSIDE_LEAVE, params={"start": local_day(start), "end": local_day(end)}
                )
            }
        )
    notice = LeaveNotice(plan=plan, kind=kind, sent_on=sent_on, summary=summary)
    notice.full_clean()
    notice.save()
    log_write(actor, AccessAction.CREATE, notice, episode, f"notice {kind} on {sent_on}")
    return notice


@transaction.atomic
def notice_acknowledge(*, notice: LeaveNotice, actor: User, today: date) -> LeaveNotice:
    """She confirms she has read the notice; nobody can do it for her."""
    episode = notice.plan.episode
    if actor.pk is None or episode.employee.user_id != actor.pk:
        raise ValidationError(NOT_HERS, code="not_hers")
    changed = LeaveNotice.objects.filter(pk=notice.pk, acknowledged_on__isnull=True).update(acknowledged_on=today)
    if changed != 1:
        raise ValidationError(ALREADY_ACKNOWLEDGED, code="acknowledged")
    notice.refresh_from_db()
    log_write(actor, AccessAction.UPDATE, notice, episode, f"acknowledged on {today}")
    return notice


@transaction.atomic
def training_add(
    *, plan: ReturnPlan, kind: TrainingKind, title: str, planned_on: date, actor: User | None
) -> TrainingItem:
    ensure_open(plan.episode)
    item = TrainingItem(plan=plan, kind=kind, title=_required("title", title), planned_on=planned_on)
    item.full_clean()
    item.save()
    log_write(actor, AccessAction.CREATE, item, plan.episode, f"{kind} planned on {planned_on}")
    return item


@transaction.atomic
def training_complete(*, item: TrainingItem, completed_on: date, actor: User | None, today: date) -> TrainingItem:
    episode = item.plan.episode
    ensure_open(episode)
    _not_in_future("completed_on", completed_on, today)
    changed = TrainingItem.objects.filter(pk=item.pk, completed_on__isnull=True).update(completed_on=completed_on)
    if changed != 1:
        raise ValidationError(ALREADY_COMPLETED, code="completed")
    item.refresh_from_db()
    log_write(actor, AccessAction.UPDATE, item, episode, f"completed on {completed_on}")
    return item


@transaction.atomic
def nursery_request(
    *, plan: ReturnPlan, requested_on: date, actor: User | None, today: date, queue_number: str = ""
) -> NurseryRequest:
    ensure_open(plan.episode)
    _not_in_future("requested_on", requested_on, today)
    request = NurseryRequest(plan=plan, requested_on=requested_on, queue_number=queue_number.strip())
    request.full_clean()
    request.save()
    log_write(actor, AccessAction.CREATE, request, plan.episode, f"nursery requested on {requested_on}")
    return request


@transaction.atomic
def nursery_queue_set(*, request: NurseryRequest, queue_number: str, actor: User | None) -> NurseryRequest:
    """Her current number in the queue (it moves as places are given)."""
    episode = request.plan.episode
    ensure_open(episode)
    number = _required("queue_number", queue_number)
    if NurseryRequest.objects.filter(pk=request.pk, placed_on__isnull=True).update(queue_number=number) != 1:
        raise ValidationError(ALREADY_PLACED, code="placed")
    request.refresh_from_db()
    log_write(actor, AccessAction.UPDATE, request, episode, f"queue number {number}")
    return request


@transaction.atomic
def nursery_place(*, request: NurseryRequest, placed_on: date, kindergarten: str, actor: User | None) -> NurseryRequest:
    """A place is given: where, and from when."""
    episode = request.plan.episode
    ensure_open(episode)
    kindergarten = _required("kindergarten", kindergarten)
    if placed_on < request.requested_on:
        raise ValidationError(
            {"placed_on": ValidationError(PLACED_BEFORE_REQUEST, params={"date": local_day(request.requested_on)})}
        )
    changed = NurseryRequest.objects.filter(pk=request.pk, placed_on__isnull=True).update(
        placed_on=placed_on, kindergarten=kindergarten
    )
    if changed != 1:
        raise ValidationError(ALREADY_PLACED, code="placed")
    request.refresh_from_db()
    log_write(actor, AccessAction.UPDATE, request, episode, f"placed from {placed_on}")
    return request


@transaction.atomic
def interview_record(
    *, plan: ReturnPlan, held_on: date, record: str, actor: User | None, today: date
) -> ReturnInterview:
    """Write (or, until it is shared, rewrite) the record of the return interview."""
    episode = plan.episode
    ensure_open(episode)
    text = _required("record", record)
    _not_in_future("held_on", held_on, today)
    interview = ReturnInterview.objects.select_for_update().filter(plan=plan).first()
    action = AccessAction.CREATE if interview is None else AccessAction.UPDATE
    if interview is None:
        interview = ReturnInterview(plan=plan)
    elif interview.shared_with_employee_on is not None:
        raise ValidationError(
            RECORD_SHARED, params={"date": local_day(interview.shared_with_employee_on)}, code="shared"
        )
    interview.held_on, interview.record = held_on, text
    interview.full_clean()
    interview.save()
    log_write(actor, action, interview, episode, f"interview held on {held_on}")
    return interview


@transaction.atomic
def interview_share(*, interview: ReturnInterview, actor: User | None, today: date) -> ReturnInterview:
    """Give her the written record; from now on she sees it on her page."""
    episode = interview.plan.episode
    ensure_open(episode)
    changed = ReturnInterview.objects.filter(pk=interview.pk, shared_with_employee_on__isnull=True).update(
        shared_with_employee_on=today
    )
    if changed != 1:
        raise ValidationError(ALREADY_SHARED, code="shared")
    interview.refresh_from_db()
    log_write(actor, AccessAction.UPDATE, interview, episode, f"shared on {today}")
    return interview
