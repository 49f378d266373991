"""What the HR officer and the body head see first after signing in: their body's work, read once.

The home page (kopir.web.home) shows the HR officer what is due (returns, decisions, reminders) and
the body's figures, and the head what waits for him (failed checks needing the second approval,
requests near their deadline). Every list is bounded and every figure one COUNT on the body's
indexed rows, so the page stays quick in a body of thousands. Reads are scoped by
`employee_scope` (the same rule as `employees_visible_to`), so the head and the HR officer see
their own body and nothing else; the look is written to the access log like the employee list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.cases.models import LeaveEpisode, Reminder
from kopir.cases.selectors import ON_LEAVE, RETURN_REMINDERS, employee_scope, employees_visible_to
from kopir.returns.models import ArrangementRequest, Decision, ReturnCheck
from kopir.workdays import add_working_days

ITEMS_SHOWN = 10
NEAR_DEADLINE_WORKING_DAYS = 3


@dataclass(frozen=True)
class BodyFigures:
    """The body's headline counts."""

    employees: int
    on_leave: int
    returns_due: int
    decisions_pending: int


@dataclass(frozen=True)
class HrHome:
    """The HR officer's first page: what is due, and the figures."""

    figures: BodyFigures
    returns_due: list[Reminder]
    decisions_due: list[ArrangementRequest]
    reminders: list[Reminder]


@dataclass(frozen=True)
class HeadHome:
    """The head's first page: what waits for his approval or is about to be late."""

    checks_to_approve: list[ReturnCheck]
    requests_near_deadline: list[ArrangementRequest]
    figures: BodyFigures


def _log_look(viewer: User, what: str) -> None:
    access_log_record(actor=viewer, action=AccessAction.READ, record=viewer, subject_id=None, detail=what)


def _pending_requests(viewer: User) -> QuerySet[ArrangementRequest]:
    return (
        ArrangementRequest.objects.filter(employee_scope(viewer, "plan__episode__employee"), decision=Decision.PENDING)
        .select_related("plan__episode__employee")
        .order_by("deadline", "id")
    )


def body_figures(viewer: User) -> BodyFigures:
    """Employees, those on leave, returns due and requests pending, in the viewer's reach."""
    open_reminders = Reminder.objects.filter(employee_scope(viewer, "episode__employee"), resolved_on__isnull=True)
    return BodyFigures(
        employees=employees_visible_to(viewer).count(),
        on_leave=LeaveEpisode.objects.filter(employee_scope(viewer, "employee"), status__in=ON_LEAVE)
        .values("employee_id")
        .distinct()
        .count(),
        returns_due=open_reminders.filter(kind__in=RETURN_REMINDERS).values("episode_id").distinct().count(),
        decisions_pending=_pending_requests(viewer).count(),
    )


def hr_home(*, viewer: User) -> HrHome:
    """The HR officer's home: returns due, decisions due (soonest first), open reminders, the figures; logged."""
    open_reminders = (
        Reminder.objects.filter(employee_scope(viewer, "episode__employee"), resolved_on__isnull=True)
        .select_related("episode__employee")
        .order_by("due_on", "id")
    )
    _log_look(viewer, "home page of the HR office")
    return HrHome(
        figures=body_figures(viewer),
        returns_due=list(open_reminders.filter(kind__in=RETURN_REMINDERS)[:ITEMS_SHOWN]),
        decisions_due=list(_pending_requests(viewer)[:ITEMS_SHOWN]),
        reminders=list(open_reminders.exclude(kind__in=RETURN_REMINDERS)[:ITEMS_SHOWN]),
    )


def head_home(*, viewer: User, today: date) -> HeadHome:
    """The head's home: justified failed checks without the second approval, requests due within
    `NEAR_DEADLINE_WORKING_DAYS` working days (or already late), the figures; logged."""
    checks = (
        ReturnCheck.objects.filter(employee_scope(viewer, "episode__employee"), passed=False, approved_by__isnull=True)
        .filter(~Q(justification=""))
        .select_related("episode__employee")
        .order_by("computed_on", "id")
    )
    near = add_working_days(today, NEAR_DEADLINE_WORKING_DAYS)
    _log_look(viewer, "home page of the head")
    return HeadHome(
        checks_to_approve=list(checks[:ITEMS_SHOWN]),
        requests_near_deadline=list(_pending_requests(viewer).filter(deadline__lte=near)[:ITEMS_SHOWN]),
        figures=body_figures(viewer),
    )
