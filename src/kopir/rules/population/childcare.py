"""The GFSS childcare payment and the state childcare allowance of every month, as columns.

The formulas are the kernel's (`kernel.childcare_month`, `kernel.part_of_month`), as in
`kopir.rules.payments.childcare_gfss` and `childcare_allowance`; an early return to work (if the
switch read on the return day says so) keeps the allowance level from the month of the return.
The law of each month is read once per distinct birth month (`month_law.MonthLaw`), then gathered;
the whole months go in runs of one law (`month_law.runs`), each computed once and multiplied by
the months a person has in it; the birth month and a pro-rated last month go one by one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from kopir.rules import kernel
from kopir.rules.law import Law
from kopir.rules.population.income import averages
from kopir.rules.population.month_law import MonthLaw, Runs, runs
from kopir.rules.population.persons import Persons
from kopir.rules.population.reading import (
    Bools,
    DayGroups,
    Days,
    Index,
    Ints,
    switch_at,
    whole_at,
)
from kopir.rules.population.schedule import PaidMonth, Schedule, months_since_epoch, schedule

EARLY_RETURN = "gfss.childcare.early_return_keeps_allowance_level"
WINDOW_SKIPS_LEAVE = "gfss.childcare.window_skips_maternity_leave"
NEVER = np.iinfo(np.int64).max


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
    average: Ints, law: MonthLaw, group: Index, order: Ints, returned: Any, share: tuple[Ints, Ints] | None
) -> tuple[Ints, Ints]:
    """Gross and pension contribution of one child of each person in one month (tiyn), by the kernel.

    `law` holds one value per group; `group` is each person's.
    """
    return kernel.childcare_month(
        average,
        kernel.Fractions(law.rate.numerator[group], law.rate.denominator[group]),
        law.allowance[group, order],
        law.ceiling[group],
        returned,
        law.pension_at_floor[group],
        kernel.Fractions(law.opv_rate.numerator[group], law.opv_rate.denominator[group]),
        share,
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


class _Pass:
    """One childcare payment's schedule over the persons, and its sums, filled month by month or run by run."""

    def __init__(self, persons: Persons, law: Law, plan: Schedule, *, gfss: bool) -> None:
        self.persons, self.law, self.plan = persons, law, plan
        self.total = np.zeros(len(persons), dtype=np.int64)
        self.highest = _highest_order(persons)
        self.most_children = int(persons.children.max(initial=0))
        laws = [self.month_law(j) for j in range(1, int(plan.count.max(initial=0)))]
        self.runs: Runs | None = runs(laws, plan.first_month, gfss=gfss)

    def month_law(self, j: int) -> MonthLaw:
        return MonthLaw.read(self.law, self.plan.month(j).month, self.highest)

    def single_months(self) -> Iterator[tuple[int, PaidMonth, Index | None]]:
        """The months computed one by one, and whom each is for (None: everyone it pays): the birth
        month, every whole month if a rounding rule changes among them, and the last partial ones."""
        yield 0, self.plan.month(0), None
        if self.runs is None:
            for j in range(1, int(self.plan.count.max(initial=0))):
                yield j, self.plan.month(j), np.flatnonzero(self.plan.count > j)
        for j in self.plan.last_partial_months():
            yield j, self.plan.month(j), np.flatnonzero(self.plan.prorate & (self.plan.count == j))

    def run_laws(self) -> list[MonthLaw]:
        return self.runs.law if self.runs is not None else []

    def run_months(self, run: int, candidates: Index) -> tuple[Index, Index, Ints, Ints]:
        """Who of `candidates` is paid in run `run`, their groups, and the run's first and stop month j."""
        assert self.runs is not None  # noqa: S101 - called only for the runs there are
        group = self.plan.birth_months.inverse[candidates]
        start = self.runs.start[run][group]
        stop = np.minimum(self.runs.stop[run][group], self.plan.count[candidates])
        paid = (start >= 1) & (stop > start)
        return candidates[paid], group[paid], start[paid], stop[paid]


def _gfss(
    persons: Persons, law: Law, birth: Days, income: tuple[Ints, Bools], by_year: dict[int, int]
) -> tuple[Ints, Ints, Ints]:
    """Every eligible person's GFSS total, and the first month's gross and contribution of the first child."""
    n = len(persons)
    first_gross, first_opv = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    average, eligible = income
    insured = np.flatnonzero(eligible)
    returned_from = _returned_from(persons, law)
    each = _Pass(persons, law, schedule(law, "gfss.childcare.months", birth), gfss=True)
    for j, paid, only in each.single_months():
        month_law = each.month_law(j)
        candidates = insured if only is None else np.intersect1d(insured, only, assume_unique=True)
        for k in range(1, each.most_children + 1):
            who = candidates[(persons.children[candidates] >= k) & np.broadcast_to(paid.paid, (n,))[candidates]]
            order = kernel.birth_order(persons.previous_children[who], k)
            group = paid.groups[who]
            returned = month_law.number[group] >= returned_from[who]
            gross, opv = _gfss_month(average[who], month_law, group, order, returned, paid.share(who))
            each.total[who] += gross - opv
            add_by_year(by_year, month_law.number[group], gross - opv)
            if j == 0 and k == 1:
                first_gross[who], first_opv[who] = gross, opv
    for run, run_law in enumerate(each.run_laws()):
        who_all, group_all, start, stop = each.run_months(run, insured)
        back = returned_from[who_all] - each.plan.first_month[group_all]  # the month j of the return
        months_before = np.maximum(np.minimum(stop, back) - start, 0)
        months_after = np.maximum(stop - np.maximum(start, back), 0)
        for k in range(1, each.most_children + 1):
            has_child = persons.children[who_all] >= k
            for after_return, months in ((False, months_before), (True, months_after)):
                chosen = has_child & (months > 0)
                who, group = who_all[chosen], group_all[chosen]
                order = kernel.birth_order(persons.previous_children[who], k)
                gross, opv = _gfss_month(average[who], run_law, group, order, after_return, None)
                amount = (gross - opv) * months[chosen]
                each.total[who] += amount
                add_by_year(by_year, run_law.number[group], amount)
    return each.total, first_gross, first_opv


def _allowance(
    persons: Persons, law: Law, birth: Days, gfss: Bools, by_year: dict[int, int]
) -> tuple[Ints, Ints, Ints]:
    """The allowance total and first month (all children) of those without the GFSS payment, and
    everyone's first month of the first child."""
    n = len(persons)
    first, first_all = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    everyone, uninsured = np.arange(n), np.flatnonzero(~gfss)
    each = _Pass(persons, law, schedule(law, "state_budget.childcare_allowance.months", birth), gfss=False)
    for j, paid, only in each.single_months():
        month_law = each.month_law(j)
        for k in range(1, each.most_children + 1):
            candidates = everyone if j == 0 and k == 1 else uninsured
            if only is not None:
                candidates = np.intersect1d(candidates, only, assume_unique=True)
            who = candidates[(persons.children[candidates] >= k) & np.broadcast_to(paid.paid, (n,))[candidates]]
            amount = month_law.allowance[paid.groups[who], kernel.birth_order(persons.previous_children[who], k)]
            amount = kernel.part_of_month(amount, paid.share(who), month_law.allowance_rounding)
            paid_to_uninsured = np.where(gfss[who], 0, amount)
            each.total[who] += paid_to_uninsured
            add_by_year(by_year, month_law.number[paid.groups[who]], paid_to_uninsured)
            if j == 0:
                first_all[who] += amount
                if k == 1:
                    first[who] = amount
    for run, run_law in enumerate(each.run_laws()):
        who_all, group_all, start, stop = each.run_months(run, uninsured)
        for k in range(1, each.most_children + 1):
            chosen = persons.children[who_all] >= k
            who, group = who_all[chosen], group_all[chosen]
            order = kernel.birth_order(persons.previous_children[who], k)
            amount = run_law.allowance[group, order] * (stop - start)[chosen]
            each.total[who] += amount
            add_by_year(by_year, run_law.number[group], amount)
    return each.total, first, np.where(gfss, 0, first_all)


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
