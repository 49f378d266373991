"""The employee's own read-only page of her plan, where she acknowledges the notices sent to her.

Each handler is the same shape (`page.post_form`): check the role, read the plan, validate, call one service.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kopir.accounts.views import refusals_kept
from kopir.cases.selectors import episode_viewer
from kopir.interface.pages import local_today
from kopir.returns.models import LeaveNotice
from kopir.returns.selectors import PlanRecords, decision_timer, return_plan_get
from kopir.returns.services import support
from kopir.returns.views.page import EMPLOYEES, UNPROCESSABLE, Row, item_of, plan_of


def _my_context(records: PlanRecords, error: ValidationError | None = None) -> dict[str, Any]:
    """Her page: the same records as the HR page, without any form but the acknowledgement of notices."""
    today = local_today()
    return {
        "records": records,
        "episode": records.episode,
        "errors": error.messages if error else [],
        "arrangement_rows": [Row(a, timer=decision_timer(a, today)) for a in records.arrangements],
        "training_rows": [Row(t) for t in records.training],
        "nursery_rows": [Row(n) for n in records.nursery],
    }


@login_required
@refusals_kept
def my_plan(request: HttpRequest, episode_id: int) -> HttpResponse:
    """Her own return plan, read-only, with the interview record once it is shared with her."""
    viewer = episode_viewer(request, EMPLOYEES, episode_id)
    records = return_plan_get(viewer=viewer, episode_id=episode_id)
    return render(request, "returns/my_plan.html", _my_context(records))


@login_required
@require_POST
@refusals_kept
def notice_acknowledge(request: HttpRequest, episode_id: int, notice_id: int) -> HttpResponse:
    viewer = episode_viewer(request, EMPLOYEES, episode_id)
    records = return_plan_get(viewer=viewer, episode_id=episode_id)
    notice = item_of(LeaveNotice, notice_id, plan=plan_of(records))
    try:
        support.notice_acknowledge(notice=notice, actor=viewer, today=local_today())
    except ValidationError as error:
        return render(request, "returns/my_plan.html", _my_context(records, error), status=UNPROCESSABLE)
    return redirect("returns:my_plan", episode_id=episode_id)
