"""Return plans of the demo: one body's plans at every stage, written through the services.

`kopir.cases.demo` builds the people and their leave; this module gives the demo body (the one
of the hr, head and employee accounts) return plans the way its HR office would have kept them,
so that every page of the return has something to show:

* no plan yet: every other woman on leave;
* in progress: the plan, a phased schedule, keeping-in-touch contacts and days, notices (one
  acknowledged by her, one waiting), a nursery place in the queue, training planned, a request
  for flexible hours waiting for a decision (one of them past its deadline);
* returned: the same support completed (the interview held and shared, the training done, the
  place found, the request granted) and both checks at the return computed for every return of
  the body; a failed check justified by the HR officer and approved by the head, and another
  justified and waiting for the head.

Everything goes through the services (`kopir.returns.services`), so the demo holds nothing the
pages could not have recorded; they write an access-log entry each, by the demo HR officer.
The choice is by date and id, not random: the same cases data give the same plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from kopir.accounts.models import User
from kopir.cases.models import EpisodeStatus, LeaveEpisode
from kopir.returns.models import (
    ArrangementKind,
    ContactKind,
    Decision,
    NoticeKind,
    ReturnCheck,
    ReturnPlan,
    TrainingKind,
)
from kopir.returns.services.arrangements import arrangement_decide, arrangement_request
from kopir.returns.services.checks import check_approve, check_justify, return_checks_run
from kopir.returns.services.plan import leave_last_day, leave_start, return_phase_add, return_plan_create
from kopir.returns.services.support import (
    interview_record,
    interview_share,
    keep_in_touch_add,
    notice_acknowledge,
    notice_send,
    nursery_place,
    nursery_request,
    training_add,
    training_complete,
)

ON_LEAVE = (EpisodeStatus.MATERNITY, EpisodeStatus.CHILDCARE, EpisodeStatus.ANNUAL, EpisodeStatus.BETWEEN)
RETURNED_WITH_PLANS = 6  # the latest returns of the body that get a completed plan
# The records an HR office writes are data in the language it works in; the demo's are in Russian.
KINDERGARTEN = "Ясли-сад № 12"
JUSTIFICATION = (
    "Должность сокращена при реорганизации управления; назначена на равнозначную должность "
    "той же категории по её письменному согласию."
)


@dataclass(frozen=True)
class DemoPlans:
    """What was built: plans by stage, checks computed and how the failed ones stand."""

    in_progress: int
    without_plan: int
    returned: int
    checks: int
    failed_checks: int
    approved: int
    awaiting_approval: int

    def lines(self) -> list[str]:
        return [
            (
                f"  Return plans: {self.in_progress} in progress, {self.without_plan} on leave without one yet, "
                f"{self.returned} after the return"
            ),
            (
                f"  Checks at the return: {self.checks} computed, {self.failed_checks} failed "
                f"({self.approved} justified and approved, {self.awaiting_approval} waiting for the head)"
            ),
        ]


@transaction.atomic
def build_demo_return_plans(*, body_id: int, hr: User, head: User, employee: User | None, today: date) -> DemoPlans:
    """Give the body's leave episodes return plans at every stage; the checks of all its returns."""
    episodes = (
        LeaveEpisode.objects.filter(employee__body_id=body_id).select_related("employee").order_by("opened_on", "pk")
    )
    on_leave = [e for e in episodes if e.status in ON_LEAVE]
    mine = [e for e in on_leave if employee is not None and e.employee.user_id == employee.pk]
    planned = mine + [e for index, e in enumerate(on_leave) if index % 2 == 0 and e not in mine]
    for number, episode in enumerate(planned):
        _plan_in_progress(episode, hr=hr, employee=employee, today=today, overdue=number == 1)
    returned = sorted(
        (e for e in episodes if e.status == EpisodeStatus.RETURNED),
        key=lambda e: (e.return_to_work.first_working_day, e.pk),
    )
    for episode in returned[-RETURNED_WITH_PLANS:]:
        _plan_completed(episode, hr=hr, today=today)
    checks = [check for episode in returned for check in return_checks_run(episode=episode, actor=hr, today=today)]
    failed = [check for check in checks if not check.passed]
    for number, check in enumerate(failed[:2]):
        check_justify(check=check, justification=JUSTIFICATION, actor=hr, today=today)
        if number == 0:
            check_approve(check=check, approver=head, today=today)
    approved = ReturnCheck.objects.filter(episode__employee__body_id=body_id, approved_by__isnull=False).count()
    return DemoPlans(
        in_progress=len(planned),
        without_plan=len(on_leave) - len(planned),
        returned=min(len(returned), RETURNED_WITH_PLANS),
        checks=len(checks),
        failed_checks=len(failed),
        approved=approved,
        awaiting_approval=min(len(failed), 2) - approved,
    )


def _plan_in_progress(
    episode: LeaveEpisode, *, hr: User, employee: User | None, today: date, overdue: bool
) -> ReturnPlan:
    """A plan while she is on leave: what has happened by today, the rest planned."""
    start, last = leave_start(episode), leave_last_day(episode)
    back = last + timedelta(days=1)
    plan = return_plan_create(episode=episode, planned_return_date=back, actor=hr)
    _phases(plan, back, hr, phased=True)
    _keep_in_touch(plan, start, min(last, today), hr)
    sent = [
        notice_send(plan=plan, kind=kind, sent_on=day, summary=summary, actor=hr, today=today)
        for kind, day, summary in (
            (NoticeKind.VACANCY, start + timedelta(days=45), "Конкурс на должность главного эксперта отдела."),
            (NoticeKind.PAY_REVIEW, start + timedelta(days=120), "Пересмотр должностных окладов с 1 января."),
        )
        if day <= min(last, today)
    ]
    if sent and employee is not None and episode.employee.user_id == employee.pk:
        notice_acknowledge(notice=sent[0], actor=employee, today=today)
    requested = min(today, start + timedelta(days=60))
    nursery_request(plan=plan, requested_on=requested, actor=hr, today=today, queue_number=f"ALM-{episode.pk:06d}")
    training_add(
        plan=plan, kind=TrainingKind.COURSE, title="Изменения в законодательстве о госслужбе", planned_on=back, actor=hr
    )
    asked = today - timedelta(days=30 if overdue else 2)
    arrangement_request(
        plan=plan,
        kind=ArrangementKind.FLEXIBLE_HOURS,
        starts_on=back,
        ends_on=back + timedelta(days=179),
        requested_on=max(asked, start),
        actor=hr,
        today=today,
        details="С 9:00 до 17:00, обеденный перерыв 30 минут",
    )
    return plan


def _plan_completed(episode: LeaveEpisode, *, hr: User, today: date) -> ReturnPlan:
    """A plan after her return: the support given before and at the return, all recorded."""
    start, last = leave_start(episode), leave_last_day(episode)
    back = episode.return_to_work.first_working_day
    plan = return_plan_create(episode=episode, planned_return_date=back, actor=hr)
    _phases(plan, back, hr, phased=episode.return_to_work.mode in ("phased", "part_time"))
    _keep_in_touch(plan, start, last, hr)
    notice_send(
        plan=plan,
        kind=NoticeKind.RESTRUCTURE,
        sent_on=max(start, last - timedelta(days=90)),
        summary="Реорганизация управления: новая структура отделов.",
        actor=hr,
        today=today,
    )
    asked = max(start, back - timedelta(days=200))
    nursery = nursery_request(plan=plan, requested_on=asked, actor=hr, today=today, queue_number=f"Q-{episode.pk:06d}")
    nursery_place(request=nursery, placed_on=max(asked, back - timedelta(days=7)), kindergarten=KINDERGARTEN, actor=hr)
    course = training_add(plan=plan, kind=TrainingKind.COURSE, title="Курс по новой системе документооборота",
                          planned_on=back + timedelta(days=7), actor=hr)  # fmt: skip
    if course.planned_on + timedelta(days=3) <= today:
        training_complete(item=course, completed_on=course.planned_on + timedelta(days=3), actor=hr, today=today)
    held = max(start, back - timedelta(days=10))
    interview = interview_record(
        plan=plan,
        held_on=held,
        record="Обсудили график выхода, обучение и гибкий график на первые полгода.",
        actor=hr,
        today=today,
    )
    interview_share(interview=interview, actor=hr, today=min(today, held + timedelta(days=2)))
    request = arrangement_request(
        plan=plan,
        kind=ArrangementKind.FLEXIBLE_HOURS,
        starts_on=back,
        ends_on=back + timedelta(days=179),
        requested_on=max(start, back - timedelta(days=30)),
        actor=hr,
        today=today,
        details="С 8:00 до 17:00",
    )
    decided = min(today, request.requested_on + timedelta(days=3))
    arrangement_decide(request=request, decision=Decision.GRANTED, decided_on=decided, actor=hr, today=today)
    return plan


def _phases(plan: ReturnPlan, back: date, hr: User, *, phased: bool) -> None:
    """A phased return (60%, then 80% for a month each) ending at full time, or full time at once."""
    steps = ((60, 30), (80, 30), (100, 60)) if phased else ((100, 60),)
    day = back
    for percent, days in steps:
        return_phase_add(
            plan=plan,
            starts_on=day,
            ends_on=day + timedelta(days=days - 1),
            work_percent=percent,
            expected_version=plan.version,
            actor=hr,
        )
        plan.refresh_from_db(fields=["version"])
        day += timedelta(days=days)


def _keep_in_touch(plan: ReturnPlan, start: date, until: date, hr: User) -> None:
    """A contact a month after the leave began and, with her consent, two days of work later on."""
    dates = [
        (start + timedelta(days=30), ContactKind.CONTACT, "Звонок: новости отдела"),
        (start + timedelta(days=150), ContactKind.DAY, "Совещание по плану работы"),
        (start + timedelta(days=240), ContactKind.DAY, "Обучение по новой системе"),
    ]
    for day, kind, note in dates:
        if day > until:
            break
        keep_in_touch_add(
            plan=plan,
            on=day,
            kind=kind,
            consent=True,
            expected_version=plan.version,
            actor=hr,
            note=note,
        )
        plan.refresh_from_db(fields=["version"])
