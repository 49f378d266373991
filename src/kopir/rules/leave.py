"""Maternity and adoption leave: its days and dates (Labour Code art. 99; Law 1787-XII art. 14).

The leave is counted as a total and granted in full whatever the actual birth date:
70 days before the expected birth and 56 after (126), 70 after a complicated or multiple
birth (140); in the nuclear-test areas 91 before and 79 or 93 after (170 or 184). An
adoptive parent's leave runs from the adoption date to day 56 (or 70) after the birth.

Dates the request leaves out are derived where the rules allow, and the response says
which ones were derived.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from kopir.rules import kernel
from kopir.rules.errors import FieldError, InvalidRequest
from kopir.rules.explanation import Trace
from kopir.rules.i18n import N_
from kopir.rules.request import BIRTH_BEFORE_LEAVE, CalculationRequest

BIRTH_AFTER_LEAVE = N_("The birth date is after the end of the maternity leave (%(end)s); check the dates.")
STEP_BIRTH = N_(
    "Maternity leave: %(before)s days before the birth and %(after)s after, %(days)s days in all, "
    "from %(start)s to %(end)s."
)
STEP_LONGER = N_("The leave after the birth is %(after)s days because the birth is complicated or multiple.")
STEP_NUCLEAR = N_("The leave is longer for residents of the areas affected by the Semipalatinsk nuclear tests.")
STEP_DERIVED_START = N_("The leave start is derived: %(before)s days before the expected birth.")
STEP_UNINSURED = N_(
    "She has this leave under the Labour Code if she works under an employment contract, but no social "
    "insurance payment for it: no social contributions were paid for her, so the State Social Insurance Fund "
    "pays nothing for the leave."
)
UNINSURED_LEAVE = N_(
    "Not insured: the leave is hers under the Labour Code, but unpaid. The State Social Insurance Fund pays "
    "the maternity payment only to a woman for whom social contributions were paid; the state allowances "
    "are paid from the budget."
)
STEP_ADOPTION = N_(
    "Adoption leave runs from the adoption date to day %(after)s after the birth: %(days)s days, "
    "from %(start)s to %(end)s."
)


class Leave(NamedTuple):
    """The leave and the dates the payments hang on."""

    start: date
    end: date
    days: int
    before_birth: int | None
    after_birth: int | None
    expected_birth: date | None
    birth: date  # the actual birth date, or the expected one when the child is not born yet
    right_date: date  # when the right to the maternity/adoption payment arises
    derived: tuple[str, ...]
    extended: bool = False  # longer leave after a complicated or multiple birth


def _after_birth_path(request: CalculationRequest, zone: str) -> str:
    longer = kernel.longer_leave(request.event.complicated_birth, request.event.children)
    return f"leave.{zone}.after_birth_days" + ("_complicated" if longer else "")


def birth_leave(request: CalculationRequest, trace: Trace) -> Leave:
    """The maternity leave of a birth, deriving the leave start or expected birth if not given."""
    event = request.event
    zone = "nuclear_zone" if request.nuclear_test_zone else "maternity"
    anchor = event.leave_start or event.expected_birth or event.birth_date
    assert anchor is not None  # parse_request guarantees one of the three  # noqa: S101
    before_reading = trace.read(f"leave.{zone}.before_birth_days", anchor)
    after_reading = trace.read(_after_birth_path(request, zone), anchor)
    before, after = int(before_reading.number()), int(after_reading.number())
    derived: list[str] = []
    expected = event.expected_birth
    if expected is None:
        expected = event.leave_start + timedelta(days=before) if event.leave_start else event.birth_date
        derived.append("expected_birth")
    assert expected is not None  # noqa: S101
    start = event.leave_start
    if start is None:
        start = expected - timedelta(days=before)
        derived.append("leave_start")
        trace.step("leave", STEP_DERIVED_START, before_reading, before=before)
    days = before + after
    end = start + timedelta(days=days - 1)
    if event.birth_date and event.birth_date > end:
        raise InvalidRequest([FieldError("event.birth_date", BIRTH_AFTER_LEAVE, (("end", end),))])
    if event.birth_date and event.birth_date < start:  # the start was derived from the expected birth
        raise InvalidRequest([FieldError("event.birth_date", BIRTH_BEFORE_LEAVE)])
    trace.step("leave", STEP_BIRTH, before_reading, before=before, after=after, days=days, start=start, end=end)
    if after_reading.path.endswith("_complicated"):  # the longer leave applies
        trace.step("leave", STEP_LONGER, after_reading, after=after)
    if request.nuclear_test_zone:
        trace.step("leave", STEP_NUCLEAR, before_reading)
    birth = event.birth_date or expected
    if event.birth_date is None:
        derived.append("birth_date")
    extended = after_reading.path.endswith("_complicated")
    return Leave(start, end, days, before, after, expected, birth, start, tuple(derived), extended)


def adoption_leave(request: CalculationRequest, trace: Trace) -> Leave:
    """The adoption leave: from the adoption date to day 56 (or 70) after the birth; may be zero."""
    event = request.event
    assert event.adoption_date is not None  # noqa: S101 - parse_request requires both for an adoption
    assert event.birth_date is not None  # noqa: S101
    longer = kernel.longer_leave(event.complicated_birth, event.children)
    path = "leave.adoption.after_birth_days" + ("_complicated" if longer else "")
    reading = trace.read(path, event.adoption_date)
    after = int(reading.number())
    # Day `after` counts the birth day as day 1 unless switched off (decision 0026: the law does not say).
    birth_day_counts = trace.switch("leave.adoption.birth_day_counts", event.adoption_date)
    last_day = event.birth_date + timedelta(days=after - 1 if birth_day_counts else after)
    days = max(0, (last_day - event.adoption_date).days + 1)
    end = last_day if days else event.adoption_date
    trace.step("leave", STEP_ADOPTION, reading, after=after, days=days, start=event.adoption_date, end=end)
    return Leave(
        start=event.adoption_date,
        end=end,
        days=days,
        before_birth=None,
        after_birth=None,
        expected_birth=None,
        birth=event.birth_date,
        right_date=event.adoption_date,
        derived=(),
    )


def leave_of(request: CalculationRequest, trace: Trace) -> Leave:
    """The leave; it also dates the payments' formulas, so each step cites the act in force when the right arose."""
    adoption = request.event.type == "adoption"
    leave = adoption_leave(request, trace) if adoption else birth_leave(request, trace)
    if not request.insured and leave.days:
        # Labour Code art. 99 grants the leave to an employee whatever her insurance; the payment for it is the
        # GFSS's, for participants only (Social Code art. 78; docs/methodology/payments.md, decision 0026).
        trace.step("leave", STEP_UNINSURED)
        trace.warn(UNINSURED_LEAVE)
    # The maternity (adoption) payment's right arises on the first day of the leave; the allowances' and the
    # childcare payment's at the birth, or at the adoption (as `calculation._compute` assigns them).
    assigned = leave.right_date if adoption else leave.birth
    trace.date_formulas(
        {
            "leave": leave.start,
            "maternity": leave.right_date,
            "birth_allowance": assigned,
            "childcare_allowance": assigned,
            "childcare_gfss": assigned,
        }
    )
    return leave
