"""The GFSS childcare payment and the state childcare allowance, month by month, as columns.

As `kopir.rules.payments.childcare_gfss` and `childcare_allowance`: 40% of the average SO base,
not below the state allowance of the child's birth order, not above 40% of 7 MZP, less the
pension contribution, for each child of the birth; after an early return to work (if the
switch read on the return day says so) at the allowance level from the month of the return.
The law of each month is read once per distinct birth month (`_MonthLaw`), then gathered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kopir.rules import kernel
from kopir.rules.law import Law
from kopir.rules.money import Rounding
from kopir.rules.population.income import averages
from kopir.rules.population.persons import Persons
from kopir.rules.population.reading import (
    Bools,
    DayGroups,
    Days,
    Index,
    Ints,
    fraction_at,
    mrp_scale_amounts,
    mzp_multiple_at,
    rounding_at,
    switch_at,
    whole_at,
)
from kopir.rules.population.schedule import PaidMonth, months_since_epoch, schedule

ALLOWANCE_SCALE = "state_budget.childcare_allowance.coefficient_mrp"
EARLY_RETURN = "gfss.childcare.early_return_keeps_allowance_level"
WINDOW_SKIPS_LEAVE = "gfss.childcare.window_skips_maternity_leave"
NEVER = np.iinfo(np.int64).max


@dataclass(frozen=True)
class _MonthLaw:
    """What the law says in one month of the schedule, per distinct birth month."""

    number: Ints  # months since the epoch
    gfss_rounding: Rounding
    allowance_rounding: Rounding
    rate: kernel.Fractions
    ceiling: Ints
    opv_rate: kernel.Fractions
    pension_at_floor: Bools
    allowance: Ints  # [month, order]

    @classmethod
    def read(cls, law: Law, month: Days, highest_order: int) -> _MonthLaw:
        gfss_rounding = rounding_at(law, "rounding.gfss_payments", month)
        rate_num, rate_den, _ = fraction_at(law, "gfss.childcare.rate", month)
        ceiling_base, _ = mzp_multiple_at(law, "gfss.childcare.ceiling_mzp", month)
        opv_num, opv_den, _ = fraction_at(law, "contributions.opv_rate", month)
        return cls(
            number=months_since_epoch(month),
            gfss_rounding=gfss_rounding,
            allowance_rounding=rounding_at(law, "rounding.state_allowances", month),
            rate=kernel.Fractions(rate_num, rate_den),
            ceiling=kernel.childcare_ceiling(ceiling_base, kernel.Fractions(rate_num, rate_den), gfss_rounding),
            opv_rate=kernel.Fractions(opv_num, opv_den),
            pension_at_floor=switch_at(law, "gfss.childcare.pension_contribution_at_floor", month),
            allowance=mrp_scale_amounts(law, ALLOWANCE_SCALE, month, highest_order, "rounding.state_allowances"),
        )


def _returned_from(persons: Persons, law: Law) -> Ints:
    """The month (since the epoch) from which each person's payment is kept at the allowance level."""
    result = np.full(len(persons), NEVER, dtype=np.int64)
    back = persons.return_to_work
    if back is None:
        return result
    who = np.flatnonzero(~np.isnat(back))
    if len(who) == 0:
        return result
    returns = DayGroups.of(back[who])
    keeps = np.broadcast_to(returns.spread(switch_at(law, EARLY_RETURN, returns.distinct)), who.shape)
    result[who[keeps]] = months_since_epoch(back[who[keeps]])
    return result


def _gfss_month(
    average: Ints, law: _MonthLaw, paid: PaidMonth, who: Index, order: Ints, returned_from: Ints
) -> tuple[Ints, Ints]:
    """Gross and pension contribution of one child of each person `who` in one month (tiyn)."""
    group = paid.groups[who]
    return kernel.childcare_month(
        average,
        kernel.Fractions(law.rate.numerator[group], law.rate.denominator[group]),
        law.allowance[group, order],
        law.ceiling[group],
        law.number[group] >= returned_from[who],
        law.pension_at_floor[group],
        kernel.Fractions(law.opv_rate.numerator[group], law.opv_rate.denominator[group]),
        paid.share(who),
        law.gfss_rounding,
    )


def add_by_year(totals: dict[int, int], month: Ints, amounts: Ints) -> None:
    """Add amounts paid in months (since the epoch) to the totals of their calendar years.

    Sums go through float64 bincount, exact while a year's total stays below 2**53 tiyn
    (90 trillion tenge): per chunk of a million persons they stay far below.
    """
    if len(amounts) == 0:
        return
    years = month // 12
    low = int(years.min())
    sums = np.bincount(years - low, weights=amounts)
    for offset, value in enumerate(sums.tolist()):
        if value:
            year = 1970 + low + offset
            totals[year] = totals.get(year, 0) + round(value)


@dataclass(frozen=True)
class ChildcareColumns:
    gfss_eligible: Bools
    monthly_gross: Ints  # the first month, the first child
    monthly_net: Ints
    gfss_total: Ints  # every month, every child
    allowance_monthly: Ints  # the first month, the first child
    allowance_total: Ints
    allowance_first_month: Ints  # the first month, every child, persons without the GFSS payment only
    gfss_by_year: dict[int, int]  # all persons' net payments by calendar year (tiyn)
    allowance_by_year: dict[int, int]


def _highest_order(persons: Persons) -> int:
    return int((persons.previous_children + persons.children).max(initial=1))


def _gfss_income(persons: Persons, law: Law, birth: Days) -> tuple[Ints, Bools]:
    """The average of each person's window, and who gets the GFSS payment by the kernel's rule.

    The window is read on the birth, or on the leave start if the [L] switch says the window
    skips the maternity leave, as in the single-person calculation.
    """
    births = DayGroups.of(birth)
    skips = births.spread(switch_at(law, WINDOW_SKIPS_LEAVE, births.distinct))
    if len(skips) == 1:  # one reading for everyone (the usual case): the groups of the birth serve
        windows = DayGroups.of(persons.leave_start) if skips[0] else births
    else:
        windows = DayGroups.of(np.where(skips, persons.leave_start, birth))
    income = averages(persons, law, "gfss.childcare.window_months", windows)
    minimum = births.spread(whole_at(law, "gfss.childcare.minimum_participation_months", births.distinct))
    eligible: Bools = kernel.childcare_eligible(persons.insured, income.months_with_contributions, minimum)
    return income.amount, eligible


def _gfss(
    persons: Persons, law: Law, birth: Days, income: tuple[Ints, Bools], by_year: dict[int, int]
) -> tuple[Ints, Ints, Ints]:
    """Every eligible person's GFSS total, and the first month's gross and contribution of the first child."""
    n = len(persons)
    total, first_gross, first_opv = (np.zeros(n, dtype=np.int64) for _ in range(3))
    average, eligible = income
    insured = np.flatnonzero(eligible)
    returned_from = _returned_from(persons, law)
    for j, paid in enumerate(schedule(law, "gfss.childcare.months", birth).months()):
        month_law = _MonthLaw.read(law, paid.month, _highest_order(persons))
        for k in range(1, int(persons.children.max(initial=0)) + 1):
            who = insured[(persons.children[insured] >= k) & np.broadcast_to(paid.paid, (n,))[insured]]
            order = kernel.birth_order(persons.previous_children[who], k)
            gross, opv = _gfss_month(average[who], month_law, paid, who, order, returned_from)
            total[who] += gross - opv
            add_by_year(by_year, month_law.number[paid.groups[who]], gross - opv)
            if j == 0 and k == 1:
                first_gross[who], first_opv[who] = gross, opv
    return total, first_gross, first_opv


def _allowance(
    persons: Persons, law: Law, birth: Days, gfss: Bools, by_year: dict[int, int]
) -> tuple[Ints, Ints, Ints]:
    """The allowance total and first month (all children) of those without the GFSS payment, and
    everyone's first month of the first child."""
    n = len(persons)
    total, first, first_all = (np.zeros(n, dtype=np.int64) for _ in range(3))
    everyone, uninsured = np.arange(n), np.flatnonzero(~gfss)
    for j, paid in enumerate(schedule(law, "state_budget.childcare_allowance.months", birth).months()):
        month_law = _MonthLaw.read(law, paid.month, _highest_order(persons))
        for k in range(1, int(persons.children.max(initial=0)) + 1):
            candidates = everyone if j == 0 and k == 1 else uninsured
            who = candidates[(persons.children[candidates] >= k) & np.broadcast_to(paid.paid, (n,))[candidates]]
            amount = month_law.allowance[paid.groups[who], kernel.birth_order(persons.previous_children[who], k)]
            amount = kernel.part_of_month(amount, paid.share(who), month_law.allowance_rounding)
            paid_to_uninsured = np.where(gfss[who], 0, amount)
            total[who] += paid_to_uninsured
            add_by_year(by_year, month_law.number[paid.groups[who]], paid_to_uninsured)
            if j == 0:
                first_all[who] += amount
                if k == 1:
                    first[who] = amount
    return total, first, np.where(gfss, 0, first_all)


def childcare(persons: Persons, law: Law, birth: Days) -> ChildcareColumns:
    """The GFSS childcare payment (its eligible persons) or the state allowance (the others), month by month."""
    gfss_by_year: dict[int, int] = {}
    allowance_by_year: dict[int, int] = {}
    income = _gfss_income(persons, law, birth)
    eligible = income[1]
    gfss_total, first_gross, first_opv = _gfss(persons, law, birth, income, gfss_by_year)
    allowance_total, allowance_first, allowance_first_all = _allowance(persons, law, birth, eligible, allowance_by_year)
    return ChildcareColumns(
        gfss_eligible=eligible,
        monthly_gross=first_gross,
        monthly_net=first_gross - first_opv,
        gfss_total=gfss_total,
        allowance_monthly=allowance_first,
        allowance_total=allowance_total,
        allowance_first_month=allowance_first_all,
        gfss_by_year=gfss_by_year,
        allowance_by_year=allowance_by_year,
    )
