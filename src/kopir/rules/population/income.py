"""The average income of each person's window, as columns, for every income form of a request.

As `kopir.rules.income`: the window is the calendar months before the month of the day its
length is read on; a gross salary becomes each month's SO base through the kernel
(`kernel.so_base_from_gross`) with that month's limits, and none in a month wholly inside the
maternity leave; months without contributions count as zero and stay in the divisor. The months
of a window are the same calendar months for everyone whose window is read in the same month,
so the limits are read per distinct day, not per person.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kopir.rules import kernel
from kopir.rules.income import SELF_EMPLOYED_SO_RATE
from kopir.rules.law import Law
from kopir.rules.population.persons import Persons
from kopir.rules.population.reading import DayGroups, Days, Ints, fraction_at, mzp_multiple_at, rounding_at, whole_at
from kopir.rules.population.schedule import month_start, months_since_epoch


@dataclass(frozen=True)
class Averages:
    """Per person: the average monthly SO base, the window's total and its months with contributions."""

    amount: Ints
    total: Ints
    months_with_contributions: Ints


def _limit(law: Law, path: str, days: Days, groups: DayGroups, otherwise: Ints) -> Ints:
    """A limit in minimum wages per person; where none is in force (or it is zero), `otherwise`.

    As `Trace.mzp_multiple(...) or otherwise` on the single-person path.
    """
    amount, in_force = mzp_multiple_at(law, path, days)
    present = in_force & (amount != 0)
    if present.all():
        return groups.spread(amount)
    limit: Ints = np.where(groups.spread(present), groups.spread(amount), otherwise)
    return limit


def _so_base(persons: Persons, law: Law, month: Ints, groups: DayGroups) -> Ints:
    """Each person's SO base in the month `month` (months since the epoch, per distinct day)."""
    n = len(persons)
    if persons.gross_salary is not None:
        gross = persons.gross_salary
        days = month_start(month).view("datetime64[D]")
        numerators, denominators, _ = fraction_at(law, "contributions.opv_rate", days)
        bases_and_contributions = kernel.so_base_from_gross(
            gross,
            _limit(law, "contributions.opv_base_ceiling_mzp", days, groups, gross),
            kernel.Fractions(groups.spread(numerators), groups.spread(denominators)),
            _limit(law, "contributions.so_base_floor_mzp", days, groups, np.zeros(1, dtype=np.int64)),
            _limit(law, "contributions.so_base_ceiling_mzp", days, groups, gross),
            rounding_at(law, "rounding.so_base", days),
        )
        salary_base: Ints = bases_and_contributions[0]
        if persons.self_employed is not None and persons.self_employed.any():
            salary_base = np.where(persons.self_employed, _self_employed_base(gross, law, days, groups), salary_base)
        # A month wholly inside the maternity leave had no salary (decision 0026, point 6.6), as in rules/income.py.
        on_leave = groups.spread(days) >= persons.leave_start
        from_gross: Ints = np.where(on_leave, 0, salary_base)
        return from_gross
    monthly = persons.monthly_so_base
    if monthly is None or persons.monthly_from is None:
        return np.zeros(n, dtype=np.int64)
    column = np.broadcast_to(groups.spread(month) - months_since_epoch(np.array([persons.monthly_from]))[0], (n,))
    known = (column >= 0) & (column < monthly.shape[1])
    base: Ints = np.where(known, monthly[np.arange(n), np.clip(column, 0, max(monthly.shape[1] - 1, 0))], 0)
    return base


def _self_employed_base(income: Ints, law: Law, days: Days, groups: DayGroups) -> Ints:
    """The SO base of a month on the regime for the self-employed: her income, up to the SO ceiling.

    No pension contribution is taken first and there is no floor; before the regime's SO rate is in
    force (or before Kopir's records of it) there is no such payer and the base is zero, as
    `rules.income._gross_month` has it.
    """
    first = np.datetime64(law[SELF_EMPLOYED_SO_RATE].values[0].since, "D")
    known = days >= first
    in_force = np.zeros(len(days), dtype=bool)
    if known.any():
        in_force[known] = fraction_at(law, SELF_EMPLOYED_SO_RATE, days[known])[2]
    income_base, _ = kernel.so_base_from_gross(
        income,
        income,
        kernel.Fractions(np.zeros(1, dtype=np.int64), np.ones(1, dtype=np.int64)),
        np.zeros(1, dtype=np.int64),
        _limit(law, "contributions.so_base_ceiling_mzp", days, groups, income),
        rounding_at(law, "rounding.so_base", days),
    )
    regime: Ints = np.where(groups.spread(in_force), income_base, 0)
    return regime


def averages(persons: Persons, law: Law, window_path: str, groups: DayGroups) -> Averages:
    """The average of each person's window; its length is read on each person's day in `groups`."""
    length = groups.spread(whole_at(law, window_path, groups.distinct))
    if persons.gross_salary is None and persons.monthly_so_base is None:
        given = persons.average_so_base
        return Averages(given, given * length, np.broadcast_to(length, given.shape))
    end = months_since_epoch(groups.distinct)
    total = np.zeros(len(persons), dtype=np.int64)
    covered = np.zeros(len(persons), dtype=np.int64)
    for back in range(1, int(length.max(initial=0)) + 1):
        base = np.where(back <= length, _so_base(persons, law, end - back, groups), 0)
        total += base
        covered += base > 0
    last = month_start(end - 1).view("datetime64[D]")
    amount: Ints = kernel.average(total, length, rounding_at(law, "rounding.average_income", last))
    return Averages(amount, total, covered)
