"""The GFSS social payment for the care of a child up to 1.5 years (kz-benefits-rules.md §3.3, §4.3).

The rate of the average monthly SO base of the window before the month of birth, not below the
state allowance for the child's birth order, not above the rate of a multiple of the MZP, minus
the pension contribution (none at the floor: decision 0026); for each child of a multiple birth;
monthly for the payment's months. Fewer than the minimum months of contributions in the window:
only the state allowance. After an early return to work, the state-allowance level. Every number
of the explanation is a value read for the month or the kernel's own (rate, ceiling, floor).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from operator import sub
from typing import NamedTuple

from kopir.rules import kernel
from kopir.rules.explanation import Trace
from kopir.rules.i18n import N_, Money, MonthOf, Percent
from kopir.rules.income import Average, average_income
from kopir.rules.leave import Leave
from kopir.rules.money import Rounding, apply_rate
from kopir.rules.months import month_of
from kopir.rules.paid_months import WHOLE, PaidMonth, explain_partial_months, same_law_runs
from kopir.rules.payments.childcare_allowance import STEP_MONTHS, MonthlySchedule, explain_amount, state_allowance
from kopir.rules.request import CalculationRequest

PAYMENT = "childcare_gfss"
ROUNDING = "rounding.gfss_payments"
NOT_INSURED = N_("Only a participant of social insurance gets this payment; the state allowance is paid instead.")
TOO_FEW_MONTHS = N_(
    "Fewer than %(minimum)s months of social contributions in the %(window)s months before the birth "
    "(%(count)s); the state allowance is paid instead."
)
ADOPTED_TOO_LATE = N_("The child was adopted after the age of %(age)s years, when the payment ends.")
STEP_PARTICIPATION = N_("%(count)s months with social contributions in the window; at least %(minimum)s are needed.")
STEP_RATE = N_("%(rate)s of the average: %(amount)s.")
STEP_CEILING = N_("The payment is at most %(rate)s of %(multiple)s minimum wages: %(ceiling)s.")
STEP_RESULT = N_("Monthly payment per child before deduction: %(gross)s.")
STEP_OPV = N_("The pension contribution of %(rate)s is withheld: %(opv)s; received: %(net)s a month per child.")
STEP_NO_OPV_AT_FLOOR = N_(
    "No pension contribution is withheld from the state allowance level: received %(net)s a month per child."
)
STEP_OPV_DOWN_TO_FLOOR = N_(
    "The pension contribution is withheld only down to the state allowance level: %(opv)s; "
    "received: %(net)s a month per child."
)
STEP_EACH_CHILD = N_("The payment is assigned for each child of a multiple birth separately: %(children)s children.")
STEP_RETURN = N_(
    "From %(month)s, the month of the return to work, the payment is kept at the state allowance "
    "level: %(net)s a month in all."
)
STEP_CHANGE = N_("From %(month)s the monthly amount changes to %(net)s in all (the MRP changes).")


_Row = tuple[int, ...]  # one amount per child


class ChildcarePayment(NamedTuple):
    eligible: bool
    reason: str | None
    reason_params: tuple[tuple[str, object], ...] = ()
    average: Average | None = None
    schedule: MonthlySchedule | None = None
    gross: tuple[tuple[int, ...], ...] = ()  # [month][child]
    pension: tuple[tuple[int, ...], ...] = ()


def _window_reading_date(request: CalculationRequest, leave: Leave, trace: Trace) -> date:
    """The window ends before the month of birth, or of the leave start if the [L] switch says so."""
    if request.event.type == "adoption":
        return leave.right_date
    skips = trace.switch("gfss.childcare.window_skips_maternity_leave", leave.birth)
    return leave.start if skips else leave.birth


class _MonthLaw(NamedTuple):
    """What the law sets for one child's month: the same over a whole period of the law."""

    rate: Fraction
    rounding: Rounding
    floor: int  # the state allowance of the child's birth order
    ceiling: int
    pension_at_floor: bool
    opv_rate: Fraction


def _month_law(order: int, month: date, trace: Trace) -> _MonthLaw:
    rate = trace.rate("gfss.childcare.rate", month)
    rounding = trace.rounding(ROUNDING, month)
    return _MonthLaw(
        rate,
        rounding,
        state_allowance(order, month, trace),
        kernel.childcare_ceiling(trace.mzp_multiple("gfss.childcare.ceiling_mzp", month) or 0, rate, rounding),
        trace.switch("gfss.childcare.pension_contribution_at_floor", month),
        trace.rate("contributions.opv_rate", month),
    )


def _month_amounts(
    average: int,
    order: int,
    paid: PaidMonth,
    returned: bool,
    trace: Trace,
    record: kernel.ChildcareRecord | None,
) -> tuple[int, int]:
    """Gross and pension contribution for one child in one month (tiyn), by the kernel.

    The law's part is read once per period of the law and birth order (`Trace.per_period`), not per call.
    """
    law = trace.per_period(_month_law, order, paid.month)
    return kernel.childcare_month(
        average,
        law.rate,
        law.floor,
        law.ceiling,
        returned,
        law.pension_at_floor,
        law.opv_rate,
        None if paid.part == WHOLE else paid.part,
        law.rounding,
        record,
    )


def _returned(request: CalculationRequest, month: date, trace: Trace) -> bool:
    back = request.return_to_work
    if back is None or month < month_of(back):
        return False
    return trace.switch("gfss.childcare.early_return_keeps_allowance_level", back)


class _FirstMonth:
    """Turns the kernel's values for the first month of the first child into the steps that explain it."""

    def __init__(self, order: int, month: date, trace: Trace) -> None:
        self.order, self.on, self.trace = order, month, trace

    def month(self, base: int, floor: int, ceiling: int, gross: int, opv: int) -> None:
        trace, on = self.trace, self.on
        rate = trace.read("gfss.childcare.rate", on)
        trace.step(PAYMENT, STEP_RATE, rate, rate=Percent(rate.number()), amount=Money(base))
        explain_amount(PAYMENT, self.order, on, floor, trace)
        ceiling_reading = trace.read("gfss.childcare.ceiling_mzp", on)
        trace.step(
            PAYMENT,
            STEP_CEILING,
            ceiling_reading,
            rate=Percent(rate.number()),
            multiple=ceiling_reading.number(),
            ceiling=Money(ceiling),
        )
        trace.step(PAYMENT, STEP_RESULT, gross=Money(gross))
        opv_rate = trace.read("contributions.opv_rate", on)
        full = opv == apply_rate(gross, trace.rate("contributions.opv_rate", on), trace.rounding(ROUNDING, on))
        if opv and full:
            net = Money(gross - opv)
            trace.step(PAYMENT, STEP_OPV, opv_rate, rate=Percent(opv_rate.number()), opv=Money(opv), net=net)
            return
        # The kernel withheld less than the rate (decision 0026: none at the floor, down to it above): say so.
        at_floor = trace.read("gfss.childcare.pension_contribution_at_floor", on)
        message = STEP_OPV_DOWN_TO_FLOOR if opv else STEP_NO_OPV_AT_FLOOR
        trace.step(PAYMENT, message, at_floor, opv=Money(opv), net=Money(gross - opv))


def _explain_changes(request: CalculationRequest, months: list[date], nets: list[int], trace: Trace) -> None:
    for index in range(1, len(months)):
        if nets[index] == nets[index - 1]:
            continue
        returned_now = _returned(request, months[index], trace) and not _returned(request, months[index - 1], trace)
        trace.step(
            PAYMENT,
            STEP_RETURN if returned_now else STEP_CHANGE,
            month=MonthOf(months[index]),
            net=Money(nets[index]),
        )


def childcare_payment(
    request: CalculationRequest, leave: Leave, orders: list[int], paid: list[PaidMonth], trace: Trace
) -> ChildcarePayment:
    """The GFSS childcare payment for every child and month, or why the state allowance is paid instead."""
    if not request.insured:
        return ChildcarePayment(False, NOT_INSURED)
    if not paid:
        age = Decimal(trace.whole("gfss.childcare.months", leave.birth)) / 12  # months of the payment, in years
        return ChildcarePayment(False, ADOPTED_TOO_LATE, (("age", age),))
    months = [p.month for p in paid]
    window = trace.read("gfss.childcare.window_months", _window_reading_date(request, leave, trace))
    average = average_income(PAYMENT, request.income, window, trace, request.employment, leave.start)
    minimum = trace.whole("gfss.childcare.minimum_participation_months", leave.birth)
    trace.step(
        PAYMENT,
        STEP_PARTICIPATION,
        trace.read("gfss.childcare.minimum_participation_months", leave.birth),
        count=average.months_with_contributions,
        minimum=minimum,
    )
    if not kernel.childcare_eligible(request.insured, average.months_with_contributions, minimum):
        params = (("minimum", minimum), ("window", len(average.months)), ("count", average.months_with_contributions))
        return ChildcarePayment(False, TOO_FEW_MONTHS, params, average)
    gross_rows: list[_Row] = []
    pension_rows: list[_Row] = []
    net_rows: list[_Row] = []
    back = request.return_to_work
    for head, count in same_law_runs(paid, trace, month_of(back) if back is not None else date.max):
        returned = _returned(request, head.month, trace)
        first = not gross_rows  # the first month is explained from the kernel's own values
        amounts = [
            _month_amounts(
                average.amount,
                order,
                head,
                returned,
                trace,
                _FirstMonth(order, head.month, trace) if first and child == 0 else None,
            )
            for child, order in enumerate(orders)
        ]
        gross, pension = zip(*amounts, strict=True) if amounts else ((), ())  # by child
        gross_rows += [gross] * count
        pension_rows += [pension] * count
        net_rows += [tuple(map(sub, gross, pension))] * count
    nets = tuple(net_rows)
    trace.step(
        PAYMENT,
        STEP_MONTHS,
        trace.read("gfss.childcare.months", leave.birth),
        first=MonthOf(months[0]),
        last=MonthOf(months[-1]),
        count=len(months),
    )
    if len(orders) > 1:
        trace.step(PAYMENT, STEP_EACH_CHILD, children=len(orders))
    explain_partial_months(PAYMENT, paid, trace)
    schedule = MonthlySchedule(tuple(months), nets)
    _explain_changes(request, months, schedule.totals(), trace)
    return ChildcarePayment(True, None, (), average, schedule, tuple(gross_rows), tuple(pension_rows))
