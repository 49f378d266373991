"""Reads of return plans, always through `kopir.cases.selectors.episode_get`: same access, same log.

Whoever may read a leave episode may read its return plan; a refused look is logged as refused
and answered with `PermissionDenied`. The employee sees her own plan, with the interview record
only once it has been shared with her, and not the checks (they are the HR office's sign-off).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kopir.accounts.models import Role, User
from kopir.cases.models import LeaveEpisode
from kopir.cases.selectors import episode_get
from kopir.returns.models import (
    KIT_DAYS_MAX,
    ArrangementRequest,
    CheckKind,
    ContactKind,
    KeepInTouch,
    LeaveNotice,
    NurseryRequest,
    ReturnCheck,
    ReturnInterview,
    ReturnPhase,
    ReturnPlan,
    TrainingItem,
)
from kopir.returns.services.arrangements import is_overdue
from kopir.returns.services.plan import schedule_complete
from kopir.workdays import working_days_between


@dataclass
class PlanRecords:
    """An episode's return plan and everything in it, read once for a page."""

    episode: LeaveEpisode
    plan: ReturnPlan | None
    phases: list[ReturnPhase] = field(default_factory=list)
    arrangements: list[ArrangementRequest] = field(default_factory=list)
    contacts: list[KeepInTouch] = field(default_factory=list)
    notices: list[LeaveNotice] = field(default_factory=list)
    training: list[TrainingItem] = field(default_factory=list)
    nursery: list[NurseryRequest] = field(default_factory=list)
    interview: ReturnInterview | None = None
    checks: list[ReturnCheck] = field(default_factory=list)

    @property
    def kit_days_used(self) -> int:
        return sum(1 for contact in self.contacts if contact.kind == ContactKind.DAY)

    @property
    def kit_days_left(self) -> int:
        return max(0, KIT_DAYS_MAX - self.kit_days_used)

    @property
    def schedule_complete(self) -> bool:
        return schedule_complete(self.phases)


@dataclass(frozen=True)
class Timer:
    """Where a pending request stands against its deadline."""

    overdue: bool
    working_days_left: int


def decision_timer(request: ArrangementRequest, today: date) -> Timer:
    """Working days left until the decision is due (today included), or overdue."""
    return Timer(is_overdue(request, today), working_days_between(today, request.deadline))


def _checks(episode: LeaveEpisode) -> list[ReturnCheck]:
    """The episode's checks, the post first and then the pay, as `CheckKind` lists them."""
    order = list(CheckKind)
    found = ReturnCheck.objects.filter(episode=episode).select_related("justified_by", "approved_by")
    return sorted(found, key=lambda check: order.index(CheckKind(check.kind)))


def return_plan_get(*, viewer: User, episode_id: int) -> PlanRecords:
    """The episode (access-checked and logged by `episode_get`) and its return plan, if any."""
    episode = episode_get(viewer=viewer, episode_id=episode_id)
    plan = ReturnPlan.objects.filter(episode=episode).first()
    checks = [] if viewer.role == Role.EMPLOYEE else _checks(episode)
    if plan is None:
        return PlanRecords(episode=episode, plan=None, checks=checks)
    interview = ReturnInterview.objects.filter(plan=plan).first()
    if viewer.role == Role.EMPLOYEE and interview is not None and interview.shared_with_employee_on is None:
        interview = None
    return PlanRecords(
        episode=episode,
        plan=plan,
        phases=list(plan.phases.order_by("starts_on")),
        arrangements=list(plan.arrangements.select_related("decided_by")),
        contacts=list(plan.contacts.all()),
        notices=list(plan.notices.all()),
        training=list(plan.training.all()),
        nursery=list(plan.nursery_requests.all()),
        interview=interview,
        checks=checks,
    )
