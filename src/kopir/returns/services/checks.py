"""The two checks at the return, computed from the records, and the sign-off of a failed one.

**Same or equivalent post** (ILO C183 art. 8(2), indicator I9). Passed when the post on return
(`ReturnToWork.position`) is the pre-leave post, or a post with the same corps, category and
managerial level, *and* the salary on return is at least the pre-leave salary.

- The pre-leave post is the post of her latest `Appointment` that began before the first day
  of the leave. Without such an appointment it is `Employee.position`, the post on her record:
  recording a return (`return_record`) adds an appointment but does not change it, so it is the
  post she held when the episode was opened unless HR moved her on the record since. `detail`
  says which source was used.
- Any other post fails, a promotion included: it is not "the same or equivalent", and the
  justification says why it is right.

**Pay catch-up** (indicator I11, France's L1225-26). Passed when the salary on return is at
least the pre-leave salary x (1 + the mean raise of the comparators during the leave):

- the pre-leave salary is her `PayRecord` in force on the first day of the leave;
- the comparators are the other employees of her body whose post has the category of her
  pre-leave post; those with a salary on record on the first day of the leave count;
- a comparator's raise is her salary in force on the day before the return over the one in
  force on the first day of the leave, minus 1 (a cut counts as no raise); the mean is taken
  over all comparators, those without a raise counting as 0;
- when nobody had a raise, the check passes trivially and `detail` says so (as the Egapro
  indicator, it only applies when raises were given during the leave).

The required salary is computed exactly (fractions) and rounded up to the tiyn.

A failed check is justified by an HR officer of her body (`check_justify`) and then approved by
a *different* user, the head of her body (`check_approve`). Running the checks again keeps the
sign-off when the outcome and what was compared are unchanged, and clears it otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import AccessAction, Role, User
from kopir.cases.models import Appointment, LeaveEpisode, PayRecord, ReturnToWork
from kopir.organisation.models import Position
from kopir.returns.models import CheckKind, ReturnCheck
from kopir.returns.services.plan import leave_start, log_write
from kopir.rules.money import Rounding, divide, tiyn

NO_RETURN = _("Record the return to work first: the checks compare the post and pay on return.")
NOT_FAILED = _("This check passed: it needs no justification or approval.")
JUSTIFIER_ROLE = _("A failed check is justified by an HR officer of her state body.")
JUSTIFICATION_REQUIRED = _("Write why the return is right although the check failed.")
ALREADY_APPROVED = _("This check has already been approved.")
APPROVAL_NEEDS_JUSTIFICATION = _("The check has no justification yet: an HR officer writes it first.")
APPROVER_SAME_PERSON = _("The second approval must come from someone other than the person who justified the check.")
APPROVER_ROLE = _("Only the head of her state body can give the second approval.")
CEILING_TIYN = Rounding("ceiling", 1)
RAISE_DIGITS = Decimal("0.000001")
CENTS = Decimal("0.01")


def _money(amount_tiyn: int | None) -> str | None:
    return None if amount_tiyn is None else str((Decimal(amount_tiyn) / 100).quantize(CENTS))


def _post(position: Position) -> dict[str, Any]:
    return {
        "id": position.pk,
        "corps": position.corps,
        "category": position.category,
        "managerial_level": position.managerial_level,
    }


def pre_leave_position(episode: LeaveEpisode, start: date) -> tuple[Position, str]:
    """Her post before the leave and where it was found: ``appointment`` or ``employee`` (her record)."""
    appointment = (
        Appointment.objects.select_related("position")
        .filter(employee_id=episode.employee_id, starts_on__lt=start)
        .order_by("-starts_on", "-id")
        .first()
    )
    if appointment is not None:
        return appointment.position, "appointment"
    return episode.employee.position, "employee"


def salary_on(employee_id: int, day: date) -> int | None:
    """Her monthly salary in force on `day`, in tiyn, or None when no pay is on record by then."""
    record = PayRecord.objects.filter(employee_id=employee_id, effective_from__lte=day).order_by("-effective_from")
    found = record.values_list("monthly_salary", flat=True).first()
    return None if found is None else tiyn(found)


def _same_post(
    returned: ReturnToWork, before: Position, source: str, pre_pay: int | None
) -> tuple[bool, dict[str, Any]]:
    after = returned.position
    if after.pk == before.pk:
        post = "same"
    elif (after.corps, after.category, after.managerial_level) == (
        before.corps,
        before.category,
        before.managerial_level,
    ):
        post = "equivalent"
    else:
        post = "different"
    pay = tiyn(returned.monthly_salary)
    if post == "different":
        outcome = "different_post"
    elif pre_pay is None:
        outcome = "no_pre_leave_pay"
    elif pay < pre_pay:
        outcome = "lower_pay"
    else:
        outcome = f"{post}_post"
    detail = {
        "outcome": outcome,
        "post": post,
        "pre_leave_position": _post(before),
        "position_source": source,
        "return_position": _post(after),
        "pre_leave_salary": _money(pre_pay),
        "return_salary": _money(pay),
    }
    return outcome in ("same_post", "equivalent_post"), detail


def _comparator_raises(episode: LeaveEpisode, category: str, start: date, last_day: date) -> list[Fraction]:
    """The raise of every comparator with a salary on record when the leave began (0 when none)."""
    records = (
        PayRecord.objects.filter(
            employee__body_id=episode.employee.body_id,
            employee__position__category=category,
            effective_from__lte=last_day,
        )
        .exclude(employee_id=episode.employee_id)
        .order_by("employee_id", "effective_from")
        .values_list("employee_id", "effective_from", "monthly_salary")
    )
    history: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    for employee_id, effective_from, salary in records:
        history[employee_id].append((effective_from, salary))
    raises = []
    for pay in history.values():
        at_start = [salary for day, salary in pay if day <= start]
        if not at_start or at_start[-1] <= 0:
            continue
        change = Fraction(pay[-1][1]) / Fraction(at_start[-1]) - 1
        raises.append(max(change, Fraction(0)))
    return raises


def _pay_catch_up(
    episode: LeaveEpisode, returned: ReturnToWork, category: str, start: date, pre_pay: int | None
) -> tuple[bool, dict[str, Any]]:
    raises = _comparator_raises(episode, category, start, returned.first_working_day - timedelta(days=1))
    mean = sum(raises, Fraction(0)) / len(raises) if raises else Fraction(0)
    pay = tiyn(returned.monthly_salary)
    required = None if pre_pay is None else divide(pre_pay * (mean + 1).numerator, (mean + 1).denominator, CEILING_TIYN)
    if mean == 0:
        outcome = "no_raises"
    elif required is None:
        outcome = "no_pre_leave_pay"
    else:
        outcome = "caught_up" if pay >= required else "behind"
    detail = {
        "outcome": outcome,
        "category": category,
        "leave_start": start.isoformat(),
        "return_day": returned.first_working_day.isoformat(),
        "comparators": len(raises),
        "raised": sum(1 for r in raises if r > 0),
        "mean_raise": str((Decimal(mean.numerator) / Decimal(mean.denominator)).quantize(RAISE_DIGITS)),
        "pre_leave_salary": _money(pre_pay),
        "required_salary": _money(required),
        "return_salary": _money(pay),
    }
    return outcome in ("no_raises", "caught_up"), detail


def _store(episode: LeaveEpisode, kind: CheckKind, passed: bool, detail: dict[str, Any], today: date) -> ReturnCheck:
    check = ReturnCheck.objects.select_for_update().filter(episode=episode, kind=kind).first()
    if check is None:
        return ReturnCheck.objects.create(episode=episode, kind=kind, passed=passed, detail=detail, computed_on=today)
    if (check.passed, check.detail) != (passed, detail):
        check.passed, check.detail = passed, detail
        check.justification, check.justified_by, check.justified_on = "", None, None
        check.approved_by, check.approved_on = None, None
    check.computed_on = today
    check.save()
    return check


@transaction.atomic
def return_checks_run(*, episode: LeaveEpisode, actor: User | None, today: date) -> list[ReturnCheck]:
    """Compute (or recompute) both checks of a recorded return, and keep what was compared."""
    returned = ReturnToWork.objects.select_related("position").filter(episode=episode).first()
    if returned is None:
        raise ValidationError(NO_RETURN, code="no_return")
    start = leave_start(episode)
    before, source = pre_leave_position(episode, start)
    pre_pay = salary_on(episode.employee_id, start)
    results = {
        CheckKind.SAME_POST: _same_post(returned, before, source, pre_pay),
        CheckKind.PAY_CATCH_UP: _pay_catch_up(episode, returned, before.category, start, pre_pay),
    }
    checks = []
    for kind, (passed, detail) in results.items():
        check = _store(episode, kind, passed, detail, today)
        log_write(actor, AccessAction.UPDATE, check, episode, f"{kind}: {'passed' if passed else 'failed'}")
        checks.append(check)
    return checks


def _check_failed_and_open(check: ReturnCheck) -> None:
    if check.passed:
        raise ValidationError(NOT_FAILED, code="passed")
    if check.approved_by_id is not None:
        raise ValidationError(ALREADY_APPROVED, code="approved")


def _of_her_body(user: User, check: ReturnCheck) -> bool:
    return user.body_id is not None and user.body_id == check.episode.employee.body_id


@transaction.atomic
def check_justify(*, check: ReturnCheck, justification: str, actor: User, today: date) -> ReturnCheck:
    """An HR officer of her body explains why a failed check is right; it then waits for the second approval."""
    _check_failed_and_open(check)
    if actor.role != Role.HR_OFFICER or not _of_her_body(actor, check):
        raise ValidationError(JUSTIFIER_ROLE, code="role")
    text = justification.strip()
    if not text:
        raise ValidationError({"justification": JUSTIFICATION_REQUIRED})
    check.justification, check.justified_by, check.justified_on = text, actor, today
    check.save(update_fields=["justification", "justified_by", "justified_on"])
    log_write(actor, AccessAction.UPDATE, check, check.episode, f"{check.kind} justified")
    return check


@transaction.atomic
def check_approve(*, check: ReturnCheck, approver: User, today: date) -> ReturnCheck:
    """The second approval of a justified failed check, by the head of her body, not the one who justified it."""
    _check_failed_and_open(check)
    if not check.justification or check.justified_by_id is None:
        raise ValidationError(APPROVAL_NEEDS_JUSTIFICATION, code="unjustified")
    if approver.pk == check.justified_by_id:
        raise ValidationError(APPROVER_SAME_PERSON, code="same_person")
    if approver.role != Role.BODY_HEAD or not _of_her_body(approver, check):
        raise ValidationError(APPROVER_ROLE, code="role")
    changed = ReturnCheck.objects.filter(pk=check.pk, approved_by__isnull=True, passed=False).update(
        approved_by=approver, approved_on=today
    )
    if changed != 1:
        raise ValidationError(ALREADY_APPROVED, code="approved")
    check.refresh_from_db()
    log_write(approver, AccessAction.UPDATE, check, check.episode, f"{check.kind} approved")
    return check
