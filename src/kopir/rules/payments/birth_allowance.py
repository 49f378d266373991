"""The one-time state allowance at the birth (or adoption) of a child (Social Code art. 80).

38 MRP for the 1st to 3rd child and 63 MRP for the 4th and later, for each child of the event
at its own birth order, with the MRP of the year it is assigned (kz-benefits-rules.md §3.1).
It does not depend on employment or income.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from kopir.rules import kernel
from kopir.rules.explanation import Trace
from kopir.rules.i18n import N_, Money

STEP_CHILD = N_("Child number %(order)s in the family: %(coefficient)s MRP × %(mrp)s = %(amount)s.")
STEP_TOTAL = N_("Birth allowance for %(children)s children: %(amount)s, paid once.")
PATH = "state_budget.birth_allowance.coefficient_mrp"


class BirthAllowance(NamedTuple):
    per_child: tuple[int, ...]

    @property
    def amount(self) -> int:
        return sum(self.per_child)


def birth_orders(previous_children: int, children: int) -> list[int]:
    """The birth order of each child of the event."""
    return [kernel.birth_order(previous_children, k) for k in range(1, children + 1)]


def birth_allowance(orders: list[int], assigned_on: date, trace: Trace) -> BirthAllowance:
    """The allowance for each child, explained child by child."""
    scale = trace.read(PATH, assigned_on)
    mrp = trace.read("general.mrp", assigned_on).number()
    rounding = trace.rounding("rounding.state_allowances", assigned_on)
    amounts = []
    for order in orders:
        coefficient, rate = trace.by_order(PATH, assigned_on, order)
        amount = kernel.mrp_amount(int(mrp * 100), rate, rounding)
        trace.step(
            "birth_allowance",
            STEP_CHILD,
            scale,
            value=coefficient,
            order=order,
            coefficient=coefficient,
            mrp=Money(int(mrp * 100)),
            amount=Money(amount),
        )
        amounts.append(amount)
    if len(orders) > 1:
        trace.step("birth_allowance", STEP_TOTAL, children=len(orders), amount=Money(sum(amounts)))
    return BirthAllowance(tuple(amounts))
