"""One home page after sign-in (`/<lang>/home/`) that shows each role its own first page.

The HR officer sees what is due and the body's figures; the head what waits for his approval; the
analyst the statistics and costing pages (no personal data, so no 403 as before); the employee her
leave, her dates and her payments; the administrator the admin pages and the bursts of refusals.
Thin views: the reads are the selectors' (`kopir.returns.dashboard`, `kopir.web.employee_home`,
`kopir.accounts.selectors`), and every read of personal data is logged by them.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kopir.accounts.models import AccessAction, Role, User
from kopir.accounts.selectors import refusal_bursts
from kopir.accounts.services import access_log_record
from kopir.accounts.views import refusals_kept
from kopir.cases.selectors import STAFF_READERS
from kopir.interface.pages import local_today, viewer_with_role
from kopir.returns.dashboard import head_home, hr_home
from kopir.web.employee_home import calculator_prefill, employee_home

TEMPLATES = {
    Role.HR_OFFICER: "web/home_hr.html",
    Role.BODY_HEAD: "web/home_head.html",
    Role.ANALYST: "web/home_analyst.html",
    Role.EMPLOYEE: "web/home_employee.html",
    Role.ADMINISTRATOR: "web/home_administrator.html",
}


@login_required
@refusals_kept
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own first page; a user without a known role is refused (and logged)."""
    viewer = viewer_with_role(request, frozenset(TEMPLATES))
    role = Role(viewer.role)
    return render(request, TEMPLATES[role], _context(viewer, role))


def _context(viewer: User, role: Role) -> dict[str, object]:
    if role == Role.HR_OFFICER:
        return {"home": hr_home(viewer=viewer)}
    if role == Role.BODY_HEAD:
        return {"home": head_home(viewer=viewer, today=local_today())}
    if role == Role.EMPLOYEE:
        return {"home": employee_home(viewer=viewer)}
    if role == Role.ADMINISTRATOR:
        access_log_record(
            actor=viewer, action=AccessAction.READ, record=viewer, subject_id=None, detail="home page: refusals"
        )
        return {"bursts": refusal_bursts()}
    return {}


@login_required
@require_POST
@refusals_kept
def my_calculator(request: HttpRequest) -> HttpResponse:
    """Fill the calculator with her record (in her session) and show her answers to check and change."""
    viewer = viewer_with_role(request, frozenset({Role.EMPLOYEE}))
    if not calculator_prefill(viewer=viewer, session=request.session):
        return redirect("calculator:start")
    return redirect("calculator:check")


@login_required
@require_POST
@refusals_kept
def episode_calculator(request: HttpRequest, episode_id: int) -> HttpResponse:
    """The HR episode page's "open the calculator": her record's answers in the officer's session."""
    viewer = viewer_with_role(request, STAFF_READERS)
    if not calculator_prefill(viewer=viewer, session=request.session, episode_id=episode_id):
        raise Http404
    return redirect("calculator:check")
