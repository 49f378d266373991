"""The state allowance for the care of a child up to 1.5 years, from the budget.

For a carer who is not insured, or has fewer than 6 months of contributions in the 24 months
before the birth: 5.76 / 6.81 / 7.85 / 8.90 MRP a month for the 1st / 2nd / 3rd / 4th and later
child, with the MRP of each month (kz-benefits-rules.md §3.4). The same amount is the floor of
the GFSS childcare payment, so `state_allowance` serves both.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from kopir.rules import kernel
from kopir.rules.explanation import Trace
from kopir.rules.i18n import N_, Money, MonthOf
from kopir.rules.paid_months import WHOLE, PaidMonth, explain_partial_months, same_law_runs

PATH = "state_budget.childcare_allowance.coefficient_mrp"
ROUNDING = "rounding.state_allowances"
STEP_AMOUNT = N_(
    "Child number %(order)s in the family: %(coefficient)s MRP × %(mrp)s = %(amount)s a month in %(month)s."
)
STEP_MONTHS = N_("Paid monthly from %(first)s to %(last)s: %(count)s months.")
STEP_LATER = N_("From %(month)s the MRP changes, and the amount with it: %(amount)s a month for all children.")


class MonthlySchedule(NamedTuple):
    """Monthly amounts per child (tiyn), month by month."""

    months: tuple[date, ...]
    per_child: tuple[tuple[int, ...], ...]  # [month][child]

    def totals(self) -> list[int]:
        return [sum(amounts) for amounts in self.per_child]


def state_allowance(order: int, month: date, trace: Trace) -> int:
    """The monthly state allowance for a child of this birth order in this month (tiyn)."""
    return trace.per_period(_state_allowance, order, month)


def _state_allowance(order: int, month: date, trace: Trace) -> int:
    _, coefficient = trace.by_order(PATH, month, order)
    mrp = trace.number("general.mrp", month)
    amount: int = kernel.mrp_amount(int(mrp * 100), coefficient, trace.rounding(ROUNDING, month))
    return amount


def explain_amount(payment: str, order: int, month: date, amount: int, trace: Trace) -> None:
    """One step that shows how the allowance `amount` of a child in a month is made."""
    reading = trace.read(PATH, month)
    coefficient, _ = trace.by_order(PATH, month, order)
    mrp = trace.number("general.mrp", month)
    trace.step(
        payment,
        STEP_AMOUNT,
        reading,
        value=coefficient,
        order=order,
        coefficient=coefficient,
        mrp=Money(int(mrp * 100)),
        amount=Money(amount),
        month=MonthOf(month),
    )


def childcare_allowance(orders: list[int], paid: list[PaidMonth], trace: Trace, *, explain: bool) -> MonthlySchedule:
    """The allowance of every child for every month; explained only when it is the payment she gets."""
    rows: list[tuple[int, ...]] = []
    for head, count in same_law_runs(paid, trace):  # the months of a run have the same amounts
        rounding = trace.rounding(ROUNDING, head.month)
        share = None if head.part == WHOLE else head.part
        row = tuple(
            kernel.part_of_month(state_allowance(order, head.month, trace), share, rounding) for order in orders
        )
        rows += [row] * count
    per_child = tuple(rows)
    months = [p.month for p in paid]
    schedule = MonthlySchedule(tuple(months), per_child)
    if explain and months:
        for order in orders:
            explain_amount("childcare_allowance", order, months[0], state_allowance(order, months[0], trace), trace)
        explain_partial_months("childcare_allowance", paid, trace)
        trace.step(
            "childcare_allowance",
            STEP_MONTHS,
            trace.read("state_budget.childcare_allowance.months", months[0]),
            first=MonthOf(months[0]),
            last=MonthOf(months[-1]),
            count=len(months),
        )
        totals = schedule.totals()
        for index in range(1, len(months)):
            if totals[index] != totals[index - 1]:
                trace.step(
                    "childcare_allowance",
                    STEP_LATER,
                    month=MonthOf(months[index]),
                    amount=Money(totals[index]),
                )
    return schedule
