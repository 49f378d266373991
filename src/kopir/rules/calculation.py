"""One person's calculation: the leave, the four payments and the timeline of a parsed request.

Everything is computed once through one `Trace`; `kopir.rules.response` renders the result in
any language.
"""

from __future__ import annotations

from typing import NamedTuple

from kopir.rules.errors import FieldError, InvalidRequest, RulesNotKnown
from kopir.rules.explanation import Trace
from kopir.rules.i18n import N_
from kopir.rules.law import Law
from kopir.rules.leave import Leave, leave_of
from kopir.rules.paid_months import paid_months
from kopir.rules.payments.birth_allowance import BirthAllowance, birth_allowance, birth_orders
from kopir.rules.payments.childcare_allowance import MonthlySchedule, childcare_allowance
from kopir.rules.payments.childcare_gfss import ChildcarePayment, childcare_payment
from kopir.rules.payments.maternity import MaternityPayment, maternity_payment
from kopir.rules.request import CalculationRequest
from kopir.rules.timeline import Mark, timeline

RULES_NOT_KNOWN = N_("Kopir knows the rules from %(first)s; this date is earlier.")
GETS_GFSS = N_("The GFSS childcare payment is paid instead, and it is never below this allowance.")


class Calculation(NamedTuple):
    """Everything computed for one request, before it is rendered in a language."""

    request: CalculationRequest
    leave: Leave
    birth_allowance: BirthAllowance
    maternity: MaternityPayment
    childcare: ChildcarePayment
    allowance: MonthlySchedule
    orders: list[int]
    timeline: list[Mark]
    trace: Trace

    @property
    def allowance_paid(self) -> bool:
        """The state allowance is paid when the GFSS payment is not, for the months before age 1.5."""
        return not self.childcare.eligible and bool(self.allowance.months)

    def total_net(self) -> int:
        """Everything she receives: the lump sums and every scheduled month (tiyn)."""
        total = self.birth_allowance.amount + self.maternity.net
        if self.childcare.eligible and self.childcare.schedule is not None:
            total += sum(self.childcare.schedule.totals())
        if self.allowance_paid:
            total += sum(self.allowance.totals())
        return total


def _anchor_field(request: CalculationRequest) -> str:
    event = request.event
    if event.type == "adoption":
        return "event.adoption_date"
    for name in ("leave_start", "expected_birth", "birth_date"):
        if getattr(event, name) is not None:
            return f"event.{name}"
    return "event"


def compute(request: CalculationRequest, law: Law) -> Calculation:
    """Compute the leave, the four payments and the timeline of a parsed request."""
    trace = Trace(law)
    try:
        return _compute(request, trace)
    except RulesNotKnown as error:
        params = (("first", error.first),)
        raise InvalidRequest([FieldError(_anchor_field(request), RULES_NOT_KNOWN, params)]) from None


def _compute(request: CalculationRequest, trace: Trace) -> Calculation:
    leave = leave_of(request, trace)
    orders = birth_orders(request.previous_children, request.event.children)
    assigned_on = leave.right_date if request.event.type == "adoption" else leave.birth
    allowance_once = birth_allowance(orders, assigned_on, trace)
    maternity = maternity_payment(request, leave, trace)
    first_paid = leave.right_date if request.event.type == "adoption" else leave.birth
    months = paid_months(leave.birth, first_paid, "gfss.childcare.months", trace)
    childcare = childcare_payment(request, leave, orders, months, trace)
    allowance_months = paid_months(leave.birth, first_paid, "state_budget.childcare_allowance.months", trace)
    allowance = childcare_allowance(orders, allowance_months, trace, explain=not childcare.eligible)
    marks = timeline(request, leave, maternity=maternity.eligible, trace=trace)
    return Calculation(
        request,
        leave,
        allowance_once,
        maternity,
        childcare,
        allowance,
        orders,
        marks,
        trace,
    )
