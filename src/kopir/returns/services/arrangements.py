"""Requests for flexible hours, remote or part-time work for a transition period, and their decisions.

Part-time work is by written agreement today (Labour Code art. 70); flexible starts for
civil-servant parents and shorter schedules are on their way (return-to-work-and-statistics.md
C.6). A request is decided by a deadline: `KOPIR_ARRANGEMENT_DECISION_WORKING_DAYS` Kazakhstan
working days after it was made (10 unless set). Deciding later is allowed, and the decision is
flagged as late. A refusal must give its reasons (as the UK's flexible-working rules require).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import AccessAction, User
from kopir.interface.language import local_day
from kopir.returns.models import ArrangementKind, ArrangementRequest, Decision, ReturnPlan
from kopir.returns.services.plan import ensure_open, log_write
from kopir.workdays import add_working_days

ENDS_BEFORE_START = _("The period cannot end before it starts.")
ALREADY_DECIDED = _("This request has already been decided.")
NOT_A_DECISION = _("Choose to grant or to refuse the request.")
REFUSAL_NEEDS_REASONS = _("Give the reasons for the refusal.")
DECIDED_BEFORE_REQUEST = _("A request cannot be decided before it was made, on %(date)s.")
IN_THE_FUTURE = _("This date is in the future.")


def decision_deadline(requested_on: date) -> date:
    """The day a decision is due: N Kazakhstan working days after the request (N from the settings)."""
    days = settings.KOPIR_ARRANGEMENT_DECISION_WORKING_DAYS
    return add_working_days(requested_on, int(days))


def is_overdue(request: ArrangementRequest, today: date) -> bool:
    """Still waiting for a decision after its deadline."""
    return request.decision == Decision.PENDING and today > request.deadline


@transaction.atomic
def arrangement_request(
    *,
    plan: ReturnPlan,
    kind: ArrangementKind,
    starts_on: date,
    ends_on: date,
    requested_on: date,
    actor: User | None,
    today: date,
    details: str = "",
) -> ArrangementRequest:
    """Record her request; the deadline for the decision starts running from `requested_on`."""
    ensure_open(plan.episode)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": ENDS_BEFORE_START})
    if requested_on > today:
        raise ValidationError({"requested_on": IN_THE_FUTURE})
    request = ArrangementRequest(
        plan=plan,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        details=details.strip(),
        requested_on=requested_on,
        deadline=decision_deadline(requested_on),
    )
    request.full_clean()
    request.save()
    log_write(actor, AccessAction.CREATE, request, plan.episode, f"{kind} {starts_on}..{ends_on}")
    return request


@transaction.atomic
def arrangement_decide(
    *,
    request: ArrangementRequest,
    decision: Decision,
    decided_on: date,
    actor: User,
    today: date,
    reasons: str = "",
) -> ArrangementRequest:
    """Grant or refuse a pending request; a refusal needs reasons; after the deadline it is flagged late."""
    ensure_open(request.plan.episode)
    reasons = reasons.strip()
    if decision not in (Decision.GRANTED, Decision.REFUSED):
        raise ValidationError({"decision": NOT_A_DECISION})
    if decision == Decision.REFUSED and not reasons:
        raise ValidationError({"reasons": REFUSAL_NEEDS_REASONS})
    if decided_on < request.requested_on:
        raise ValidationError(
            {"decided_on": ValidationError(DECIDED_BEFORE_REQUEST, params={"date": local_day(request.requested_on)})}
        )
    if decided_on > today:
        raise ValidationError({"decided_on": IN_THE_FUTURE})
    late = decided_on > request.deadline
    # Only a pending request changes: two people deciding at once cannot both succeed.
    changed = ArrangementRequest.objects.filter(pk=request.pk, decision=Decision.PENDING).update(
        decision=decision, decided_on=decided_on, decided_by=actor, decided_late=late, reasons=reasons
    )
    if changed != 1:
        raise ValidationError(ALREADY_DECIDED, code="decided")
    request.refresh_from_db()
    detail = f"{decision} on {decided_on}" + (" after the deadline" if late else "")
    log_write(actor, AccessAction.UPDATE, request, request.plan.episode, detail)
    return request
