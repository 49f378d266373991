"""The leave days, the birth allowance and the GFSS maternity payment, as columns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kopir.rules import kernel
from kopir.rules.law import Law
from kopir.rules.population.income import averages
from kopir.rules.population.persons import Persons
from kopir.rules.population.reading import (
    Bools,
    DayGroups,
    Days,
    Ints,
    fraction_at,
    mrp_scale_amounts,
    mzp_multiple_at,
    rounding_at,
    whole_at,
)


def leave_days(persons: Persons, law: Law) -> tuple[Ints, Ints]:
    """Days before and after the birth (Labour Code art. 99; the nuclear-test zone's longer leave)."""
    starts = DayGroups.of(persons.leave_start)

    def at(path: str) -> Ints:
        return starts.spread(whole_at(law, path, starts.distinct))

    longer = kernel.longer_leave(persons.complicated_birth, persons.children)
    zone = persons.nuclear_test_zone
    before = np.where(zone, at("leave.nuclear_zone.before_birth_days"), at("leave.maternity.before_birth_days"))
    after = np.select(
        [zone & longer, zone, longer],
        [
            np.broadcast_to(at("leave.nuclear_zone.after_birth_days_complicated"), zone.shape),
            np.broadcast_to(at("leave.nuclear_zone.after_birth_days"), zone.shape),
            np.broadcast_to(at("leave.maternity.after_birth_days_complicated"), zone.shape),
        ],
        np.broadcast_to(at("leave.maternity.after_birth_days"), zone.shape),
    )
    return before.astype(np.int64), after.astype(np.int64)


def birth_allowance(persons: Persons, law: Law, birth: Days) -> Ints:
    """The one-time allowance of every child of the event, each at its own birth order (tiyn)."""
    births = DayGroups.of(birth)
    highest = int((persons.previous_children + persons.children).max(initial=1))
    table = mrp_scale_amounts(
        law,
        "state_budget.birth_allowance.coefficient_mrp",
        births.distinct,
        highest,
        "rounding.state_allowances",
    )
    total = np.zeros(len(persons), dtype=np.int64)
    for k in range(1, int(persons.children.max(initial=0)) + 1):
        who = np.flatnonzero(persons.children >= k)
        total[who] += table[births.inverse[who], kernel.birth_order(persons.previous_children[who], k)]
    return total


NO_CAP = np.iinfo(np.int64).max  # a cap not in force caps nothing


@dataclass(frozen=True)
class MaternityColumns:
    average_income: Ints
    gross: Ints
    pension_contribution: Ints
    net: Ints
    eligible: Bools


def maternity(persons: Persons, law: Law, days: Ints) -> MaternityColumns:
    """The GFSS maternity payment: the capped average x days / 30, less the 10% pension contribution."""
    rights = DayGroups.of(persons.leave_start)  # a birth's right arises on the leave start
    on = rights.distinct
    income = averages(persons, law, "gfss.maternity.window_months", rights)
    cap, capped = mzp_multiple_at(law, "gfss.maternity.income_cap_mzp", on)
    numerators, denominators, _ = fraction_at(law, "contributions.opv_rate", on)
    amounts = kernel.maternity(
        income.amount,
        rights.spread(np.where(capped, cap, NO_CAP)),
        days,
        rights.spread(whole_at(law, "gfss.maternity.days_divisor", on)),
        kernel.Fractions(rights.spread(numerators), rights.spread(denominators)),
        rounding_at(law, "rounding.gfss_payments", on),
    )
    eligible = kernel.maternity_eligible(persons.insured, days, income.total)
    average, gross, opv, net = (np.where(eligible, column, 0) for column in amounts)
    return MaternityColumns(average, gross, opv, net, eligible)
