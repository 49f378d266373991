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

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from kopir.accounts.models import AccessAction, Role, User
from kopir.accounts.services import access_log_record
from kopir.cases.models import Employee, LeaveEpisode
from kopir.interface.pages import viewer_with_role


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
        subject = LeaveEpisode.objects.filter(pk=episode_id).values_list("employee_id", flat=True).first()
        access_log_record(
            actor=viewer, action=AccessAction.REFUSED, record=LeaveEpisode(pk=episode_id), subject_id=subject
        )
        raise PermissionDenied
    access_log_record(actor=viewer, action=AccessAction.READ, record=episode, subject_id=episode.employee_id)
    return episode


def episode_viewer(request: HttpRequest, roles: Collection[str], episode_id: int) -> User:
    """The signed-in user if her role may act on episodes; a refusal is logged against the episode she asked for."""

    def subject() -> int | None:
        return LeaveEpisode.objects.filter(pk=episode_id).values_list("employee_id", flat=True).first()

    return viewer_with_role(request, roles, record=LeaveEpisode(pk=episode_id), subject_of=subject)


def employee_viewer(request: HttpRequest, roles: Collection[str], employee_id: int) -> User:
    """The signed-in user if her role may act on employees; a refusal is logged against the one she asked for."""
    return viewer_with_role(request, roles, record=Employee(pk=employee_id), subject_of=lambda: employee_id)
