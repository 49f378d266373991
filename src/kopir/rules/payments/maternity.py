"""The GFSS social payment for loss of income at pregnancy and birth, or adoption of a newborn.

One lump sum for all the leave days: the average monthly SO base of the window before the
month the right arises, capped at a multiple of the MZP when a cap is in force on that day,
times days / the divisor, minus the pension contribution (kz-benefits-rules.md §3.2, §4.2).
Every number of the explanation is the value read on the right's day or the kernel's own.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from kopir.rules import acts, kernel
from kopir.rules.explanation import Trace
from kopir.rules.i18n import N_, Money, Percent
from kopir.rules.income import average_income
from kopir.rules.leave import Leave
from kopir.rules.request import CalculationRequest

NOT_INSURED = N_("Only a participant of social insurance (social contributions paid for her) gets this payment.")
NO_CONTRIBUTIONS = N_("No social contributions were paid in the %(count)s months before the leave.")
NO_ADOPTION_DAYS = N_("The child was adopted after the end of the adoption leave, so there are no days to pay.")
STEP_RIGHT = N_("The right to the payment arises on %(date)s.")
STEP_CAP = N_("The average is capped at %(multiple)s minimum wages: %(cap)s; the capped average is %(average)s.")
STEP_UNDER_CAP = N_("The cap of %(multiple)s minimum wages (%(cap)s) does not reduce the average.")
STEP_NO_CAP = N_("No cap applies: the right arose on %(date)s, before a cap was in force.")
STEP_GROSS = N_("Payment before deduction: %(average)s × %(days)s / %(divisor)s days = %(gross)s.")
STEP_OPV = N_("The pension contribution of %(rate)s is withheld: %(opv)s.")
STEP_NET = N_("Payment received: %(gross)s − %(opv)s = %(net)s, paid at once for the whole leave.")
STEP_EXTENSION = N_(
    "The %(days)s extra days after a complicated or multiple birth come on a second certificate; "
    "apply for the recalculation within %(months)s months."
)


class MaternityPayment(NamedTuple):
    eligible: bool
    reason: str | None
    days: int
    average_income: int = 0
    gross: int = 0
    pension_contribution: int = 0
    net: int = 0
    reason_params: tuple[tuple[str, object], ...] = ()


class _Explanation:
    """Turns the maternity kernel's values into the steps of the explanation, as it computes them."""

    def __init__(self, trace: Trace, on: date) -> None:
        self.trace, self.on = trace, on

    def capped(self, average_income: int, cap: int | None, capped: int) -> None:
        cap_reading = self.trace.read("gfss.maternity.income_cap_mzp", self.on)
        if cap is None:
            self.trace.step("maternity", STEP_NO_CAP, cap_reading, date=self.on)
            return
        message = STEP_CAP if capped < average_income else STEP_UNDER_CAP
        self.trace.step(
            "maternity", message, cap_reading, multiple=cap_reading.number(), cap=Money(cap), average=Money(capped)
        )

    def gross(self, capped: int, days: int, divisor: int, gross: int) -> None:
        self.trace.step(
            "maternity",
            STEP_GROSS,
            self.trace.read("gfss.maternity.days_divisor", self.on),
            average=Money(capped),
            days=days,
            divisor=divisor,
            gross=Money(gross),
        )

    def withheld(self, gross: int, opv: int, net: int) -> None:
        opv_rate = self.trace.read("contributions.opv_rate", self.on)
        self.trace.step("maternity", STEP_OPV, opv_rate, rate=Percent(opv_rate.number()), opv=Money(opv))
        basis = acts.formula_act("pension_withheld", self.on)  # the act of the right's day (Law 105-V in 2023)
        self.trace.step("maternity", STEP_NET, basis=basis, gross=Money(gross), opv=Money(opv), net=Money(net))


def _explain_extension(request: CalculationRequest, leave: Leave, trace: Trace) -> None:
    """The extra days (the longer leave after the birth less the usual one, read as the leave read them)
    and the deadline of the recalculation, as read."""
    event = request.event
    zone = "nuclear_zone" if request.nuclear_test_zone else "maternity"
    anchor = event.leave_start or event.expected_birth or event.birth_date or leave.start
    extra = (leave.after_birth or 0) - trace.whole(f"leave.{zone}.after_birth_days", anchor)
    deadline = trace.read("deadlines.maternity_application_months", leave.right_date)
    trace.step("maternity", STEP_EXTENSION, deadline, days=extra, months=deadline.number())


def maternity_payment(request: CalculationRequest, leave: Leave, trace: Trace) -> MaternityPayment:
    """The maternity or adoption payment, or why there is none."""
    if not request.insured:
        return MaternityPayment(False, NOT_INSURED, leave.days)
    if leave.days == 0:
        return MaternityPayment(False, NO_ADOPTION_DAYS, 0)
    trace.step("maternity", STEP_RIGHT, date=leave.right_date)
    window = trace.read("gfss.maternity.window_months", leave.right_date)
    average = average_income("maternity", request.income, window, trace, request.employment, leave.start)
    if not kernel.maternity_eligible(request.insured, leave.days, average.total):  # here: contributions
        return MaternityPayment(False, NO_CONTRIBUTIONS, leave.days, reason_params=(("count", len(average.months)),))
    on = leave.right_date
    explanation = _Explanation(trace, on)
    amounts = kernel.maternity(
        average.amount,
        trace.mzp_multiple("gfss.maternity.income_cap_mzp", on),
        leave.days,
        trace.whole("gfss.maternity.days_divisor", on),
        trace.rate("contributions.opv_rate", on),
        trace.rounding("rounding.gfss_payments", on),
        explanation,
    )
    if leave.extended:
        _explain_extension(request, leave, trace)
    return MaternityPayment(True, None, leave.days, *amounts)
