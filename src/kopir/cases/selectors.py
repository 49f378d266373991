"""Reads of case records, always through the viewer: who may see which employees' data.

- administrator: every body;
- HR officer and body head: the employees of their own body;
- employee: herself only;
- analyst: no personal data at all (statistics come from the indicators, not from here).

Views, API endpoints and exports all read through these functions, so they cannot disagree.
A refused look at a record is logged like an allowed one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest

from kopir.accounts.models import AccessAction, Role, User
from kopir.accounts.services import access_log_record
from kopir.cases.models import Employee, EpisodeStatus, LeaveEpisode, Reminder, ReminderKind
from kopir.interface.pages import local_today, viewer_with_role

STAFF_READERS = frozenset({Role.HR_OFFICER, Role.BODY_HEAD, Role.ADMINISTRATOR})
"""Who may read a body's case pages (the leave chain, the return plan): its HR officers and head, and admins."""
STAFF_WRITERS = frozenset({Role.HR_OFFICER, Role.ADMINISTRATOR})
"""Who may change them: the head approves through his own actions, he does not edit the records."""

EMPLOYEE_PAGE_SIZE = 50
REMINDERS_SHOWN = 20
ON_LEAVE = (EpisodeStatus.MATERNITY, EpisodeStatus.ANNUAL, EpisodeStatus.CHILDCARE, EpisodeStatus.BETWEEN)
RETURN_REMINDERS = (ReminderKind.LEAVE_ENDS_SOON, ReminderKind.RETURN_OVERDUE, ReminderKind.RETURN_OVERDUE_ESCALATED)
STATUS_FILTERS = ("on_leave", "return_due", "decision_overdue")


def employees_visible_to(viewer: User) -> QuerySet[Employee]:
    """The employees whose records `viewer` may read."""
    employees = Employee.objects.select_related("body", "position")
    if not viewer.is_authenticated or not viewer.is_active:
        return employees.none()
    if viewer.role == Role.ADMINISTRATOR:
        return employees
    if viewer.role in (Role.HR_OFFICER, Role.BODY_HEAD):
        return employees.filter(body_id=viewer.body_id)
    if viewer.role == Role.EMPLOYEE:
        return employees.filter(user=viewer)
    return employees.none()


def employee_scope(viewer: User, path: str) -> Q:
    """`employees_visible_to` as a filter on a related model (`path` leads to the employee, e.g.
    "episode__employee"): a join on the body's indexed column rather than an IN over the body's employees."""
    if not viewer.is_authenticated or not viewer.is_active:
        return Q(pk__in=[])
    if viewer.role == Role.ADMINISTRATOR:
        return Q()
    if viewer.role in (Role.HR_OFFICER, Role.BODY_HEAD):
        return Q(**{f"{path}__body_id": viewer.body_id})
    if viewer.role == Role.EMPLOYEE:
        return Q(**{f"{path}__user": viewer})
    return Q(pk__in=[])


def episodes_visible_to(viewer: User) -> QuerySet[LeaveEpisode]:
    """The leave episodes of the employees `viewer` may read."""
    return LeaveEpisode.objects.select_related("employee", "child").filter(employee__in=employees_visible_to(viewer))


def employee_get(*, viewer: User, employee_id: int) -> Employee:
    """One employee's record for `viewer`, logged; `PermissionDenied` (also logged) if not hers to see."""
    employee = employees_visible_to(viewer).filter(pk=employee_id).first()
    if employee is None:
        refused = Employee(pk=employee_id)
        access_log_record(actor=viewer, action=AccessAction.REFUSED, record=refused, subject_id=employee_id)
        raise PermissionDenied
    access_log_record(actor=viewer, action=AccessAction.READ, record=employee, subject_id=employee.pk)
    return employee


def episode_get(*, viewer: User, episode_id: int) -> LeaveEpisode:
    """One leave episode for `viewer`, logged; `PermissionDenied` (also logged) if not hers to see."""
    episode = episodes_visible_to(viewer).filter(pk=episode_id).first()
    if episode is None:
        access_log_record(
            actor=viewer,
            action=AccessAction.REFUSED,
            record=LeaveEpisode(pk=episode_id),
            subject_id=_episode_subject(episode_id),
        )
        raise PermissionDenied
    access_log_record(actor=viewer, action=AccessAction.READ, record=episode, subject_id=episode.employee_id)
    return episode


def _episode_subject(episode_id: int) -> int | None:
    """The employee an episode belongs to (None for an episode that does not exist)."""
    return LeaveEpisode.objects.filter(pk=episode_id).values_list("employee_id", flat=True).first()


def episode_viewer(request: HttpRequest, roles: Collection[str], episode_id: int) -> User:
    """The signed-in user if her role may act on episodes; a refusal is logged against the episode she asked for."""
    return viewer_with_role(
        request, roles, record=LeaveEpisode(pk=episode_id), subject_of=lambda: _episode_subject(episode_id)
    )


def employee_viewer(request: HttpRequest, roles: Collection[str], employee_id: int) -> User:
    """The signed-in user if her role may act on employees; a refusal is logged against the one she asked for."""
    return viewer_with_role(request, roles, record=Employee(pk=employee_id), subject_of=lambda: employee_id)


@dataclass(frozen=True)
class EmployeeListPage:
    """One page of the employee list: the employees with their latest episode, and the open reminders."""

    page: Page[Any]  # employees annotated with episode_status and episode_id
    reminders: list[Reminder]


def employees_by_status(employees: QuerySet[Employee], status: str, today: date) -> QuerySet[Employee]:
    """The employees in one of the HR list's filters (`STATUS_FILTERS`); an unknown filter keeps them all.

    "on_leave": an episode in one of the leave statuses; "return_due": an open reminder that her leave
    ends soon or ended without a recorded return; "decision_overdue": an open reminder of a request
    for flexible or remote work whose decision date has passed. Each is `pk IN (the few employees
    concerned)`, found from the episodes or reminders, so a body of thousands is not read row by row.
    """
    open_reminders = Reminder.objects.filter(resolved_on__isnull=True)
    concerned: QuerySet[Any, int]
    if status == "on_leave":
        concerned = LeaveEpisode.objects.filter(status__in=ON_LEAVE).values_list("employee_id", flat=True)
    elif status == "return_due":
        concerned = open_reminders.filter(kind__in=RETURN_REMINDERS).values_list("episode__employee_id", flat=True)
    elif status == "decision_overdue":
        concerned = open_reminders.filter(kind=ReminderKind.DECISION_DUE, due_on__lt=today).values_list(
            "episode__employee_id", flat=True
        )
    else:
        return employees
    return employees.filter(pk__in=concerned)


def employee_list_page(
    *, viewer: User, query: str, page_number: str | None, status: str = "", today: date | None = None
) -> EmployeeListPage:
    """The employees `viewer` may read, 50 a page, each with the status and id of the latest episode; logged.

    `query` finds a surname by its start or the body's own reference exactly (imported records may
    have no names); `status` narrows to one of `STATUS_FILTERS`. The open reminders of the same
    employees come first on the page, the 20 due soonest.
    """
    latest = LeaveEpisode.objects.filter(employee=OuterRef("pk")).order_by("-opened_on", "-id")
    employees = employees_by_status(employees_visible_to(viewer), status, today or local_today())
    if query:
        employees = employees.filter(Q(surname__istartswith=query) | Q(ref__iexact=query))
    employees = employees.annotate(
        episode_status=Subquery(latest.values("status")[:1]), episode_id=Subquery(latest.values("pk")[:1])
    )
    page = Paginator(employees, EMPLOYEE_PAGE_SIZE).get_page(page_number)
    access_log_record(
        actor=viewer,
        action=AccessAction.READ,
        record=viewer,
        subject_id=None,
        detail=f"employee list page {page.number}",
    )
    reminders = (
        Reminder.objects.filter(employee_scope(viewer, "episode__employee"), resolved_on__isnull=True)
        .select_related("episode__employee")
        .order_by("due_on")[:REMINDERS_SHOWN]
    )
    return EmployeeListPage(page, list(reminders))


REPLACEMENT_CANDIDATES_SHOWN = 20


def replacement_candidates(*, episode: LeaveEpisode, query: str) -> list[Employee]:
    """Who may stand in for her: colleagues of her body whose surname starts with `query` or whose
    reference is `query`, at most 20 (the episode page searches instead of listing the whole body)."""
    if not query:
        return []
    found = (
        Employee.objects.select_related("position")
        .filter(body_id=episode.employee.body_id)
        .exclude(pk=episode.employee_id)
        .filter(Q(surname__istartswith=query) | Q(ref__iexact=query))
    )
    return list(found[:REPLACEMENT_CANDIDATES_SHOWN])


def replacement_candidates_chosen(episode: LeaveEpisode, chosen: str) -> list[Employee]:
    """The one colleague a posted form chose, to show her again beside the form's errors."""
    if not chosen.isdigit():
        return []
    found = Employee.objects.select_related("position").filter(body_id=episode.employee.body_id, pk=int(chosen))
    return list(found.exclude(pk=episode.employee_id))
