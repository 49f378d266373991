"""The population path: the same law over numpy arrays of persons, exact to the tiyn.

The microsimulation (issue 6) costs the payments of a whole country, so the formulas run on
columns, not one person at a time. They read the same parameter files, by day (`searchsorted`
over each parameter's effective dates), and round with the same integer helpers
(`kopir.rules.money`), so that for every person the result equals the single-person calculation
(`kopir.rules.calculate`) to the tiyn; a property test holds the two together.

Covered so far: the leave days, the birth allowance and the GFSS maternity payment, for persons
whose income is given as an average SO base (as the synthetic population has it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from kopir.rules.errors import RulesNotKnown
from kopir.rules.law import Law, Parameter
from kopir.rules.money import Rounding, divide

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Days = npt.NDArray[np.datetime64]


@dataclass(frozen=True)
class Persons:
    """One row per person; money in tiyn, dates as numpy days."""

    insured: Bools
    nuclear_test_zone: Bools
    leave_start: Days
    children: Ints
    complicated_birth: Bools
    previous_children: Ints
    average_so_base: Ints

    def __len__(self) -> int:
        return len(self.insured)


def _entry_index(parameter: Parameter, days: Days) -> Ints:
    starts = np.array([np.datetime64(v.since, "D") for v in parameter.values])
    # int64 day numbers search twice as fast as datetime64 values, with the same order
    index = np.searchsorted(starts.view(np.int64), days.astype("datetime64[D]").view(np.int64), side="right") - 1
    if (index < 0).any():
        first = parameter.values[0].since
        raise RulesNotKnown(parameter.path, date.fromisoformat(str(days[index.argmin()])), first)
    return index.astype(np.int64)


def _gather(parameter: Parameter, days: Days, column: list[Any]) -> npt.NDArray[Any]:
    return np.asarray(column)[_entry_index(parameter, days)]


def fraction_at(law: Law, path: str, days: Days) -> tuple[Ints, Ints, Bools]:
    """A numeric parameter on each day as an exact fraction (numerators, denominators, in force)."""
    parameter = law[path]
    fractions = [
        Fraction(Decimal(v.value)) if v.value is not None else Fraction(0)  # type: ignore[arg-type]
        for v in parameter.values
    ]
    index = _entry_index(parameter, days)
    numerators = np.array([f.numerator for f in fractions], dtype=np.int64)[index]
    denominators = np.array([f.denominator for f in fractions], dtype=np.int64)[index]
    in_force = np.array([v.value is not None for v in parameter.values])[index]
    return numerators, denominators, in_force


def whole_at(law: Law, path: str, days: Days) -> Ints:
    numerators, denominators, _ = fraction_at(law, path, days)
    return numerators // denominators


def _rounding(law: Law, path: str, days: Days) -> Rounding:
    """The rounding rule for all these days (one rule across them, as the law has it today)."""
    parameter = law[path]
    rules = {
        (v.value["mode"], v.value["unit"])
        for v in (parameter.values[i] for i in np.unique(_entry_index(parameter, days)).tolist())
    }
    if len(rules) != 1:
        raise NotImplementedError(f"{path}: more than one rounding rule across these dates")
    mode, unit = rules.pop()
    return Rounding(mode=mode, unit=unit)


def mzp_multiple_at(law: Law, path: str, days: Days) -> tuple[Ints, Bools]:
    """A limit in minimum wages, in tiyn (as `Trace.mzp_multiple`: truncated), and whether it is in force."""
    numerators, denominators, in_force = fraction_at(law, path, days)
    mzp = whole_at(law, "general.mzp", days)
    return (mzp * 100 * numerators) // denominators, in_force


def leave_days(persons: Persons, law: Law) -> tuple[Ints, Ints]:
    """Days before and after the birth (Labour Code art. 99; the nuclear-test zone's longer leave)."""
    start = persons.leave_start
    longer = persons.complicated_birth | (persons.children >= 2)
    before = np.where(
        persons.nuclear_test_zone,
        whole_at(law, "leave.nuclear_zone.before_birth_days", start),
        whole_at(law, "leave.maternity.before_birth_days", start),
    )
    after = np.select(
        [persons.nuclear_test_zone & longer, persons.nuclear_test_zone, longer],
        [
            whole_at(law, "leave.nuclear_zone.after_birth_days_complicated", start),
            whole_at(law, "leave.nuclear_zone.after_birth_days", start),
            whole_at(law, "leave.maternity.after_birth_days_complicated", start),
        ],
        whole_at(law, "leave.maternity.after_birth_days", start),
    )
    return before, after


def birth_allowance(persons: Persons, law: Law, birth: Days) -> Ints:
    """The one-time allowance of every child of the event, each at its own birth order (tiyn)."""
    path = "state_budget.birth_allowance.coefficient_mrp"
    parameter = law[path]
    entry = _entry_index(parameter, birth)
    mrp = whole_at(law, "general.mrp", birth) * 100
    rounding = _rounding(law, "rounding.state_allowances", birth)
    total = np.zeros(len(persons), dtype=np.int64)
    for k in range(1, int(persons.children.max(initial=0)) + 1):
        order = persons.previous_children + k
        numerators, denominators = _scale_by_order(parameter, entry, order)
        amount = divide(mrp * numerators, denominators, rounding)  # type: ignore[arg-type]
        total += np.where(persons.children >= k, amount, 0)
    return total


def _scale_by_order(parameter: Parameter, entry: Ints, order: Ints) -> tuple[Ints, Ints]:
    """Coefficients of a scale by birth order, per person (the highest bracket not above the order)."""
    numerators = np.zeros(len(entry), dtype=np.int64)
    denominators = np.ones(len(entry), dtype=np.int64)
    for index, dated in enumerate(parameter.values):
        for lowest, value in sorted(dated.value.items()):  # type: ignore[union-attr]
            fraction = Fraction(value)
            chosen = (entry == index) & (order >= lowest)
            numerators = np.where(chosen, fraction.numerator, numerators)
            denominators = np.where(chosen, fraction.denominator, denominators)
    return numerators, denominators


@dataclass(frozen=True)
class MaternityColumns:
    eligible: Bools
    average_income: Ints
    gross: Ints
    pension_contribution: Ints
    net: Ints


def maternity(persons: Persons, law: Law, days: Ints) -> MaternityColumns:
    """The GFSS maternity payment: the capped average x days / 30, less the 10% pension contribution."""
    right = persons.leave_start
    cap, capped = mzp_multiple_at(law, "gfss.maternity.income_cap_mzp", right)
    average = np.where(capped, np.minimum(persons.average_so_base, cap), persons.average_so_base)
    rounding = _rounding(law, "rounding.gfss_payments", right)
    divisor = whole_at(law, "gfss.maternity.days_divisor", right)
    gross = divide(average * days, divisor, rounding)  # type: ignore[arg-type]
    numerators, denominators, _ = fraction_at(law, "contributions.opv_rate", right)
    opv = divide(gross * numerators, denominators, rounding)  # type: ignore[arg-type]
    eligible = persons.insured & (persons.average_so_base > 0)
    zero = np.zeros(len(persons), dtype=np.int64)
    return MaternityColumns(
        eligible=eligible,
        average_income=np.where(eligible, average, zero),
        gross=np.where(eligible, gross, zero),
        pension_contribution=np.where(eligible, opv, zero),
        net=np.where(eligible, gross - opv, zero),
    )


def _payment_months(law: Law, birth: Days) -> list[Days]:
    """The first day of each paid month: 18 whole months from the birth month (no pro-rating)."""
    if _any_true(law, "gfss.childcare.prorate_partial_months", birth):
        raise NotImplementedError("the population path pays whole months; pro-rating is not vectorised yet")
    months = whole_at(law, "gfss.childcare.months", birth)
    if len(set(months.tolist())) > 1:
        raise NotImplementedError("one number of paid months across the population")
    first = birth.astype("datetime64[M]")
    return [(first + j).astype("datetime64[D]") for j in range(int(months[0]) if len(months) else 0)]


def _any_true(law: Law, path: str, days: Days) -> bool:
    parameter = law[path]
    return any(parameter.values[i].value is True for i in np.unique(_entry_index(parameter, days)).tolist())


def state_allowance_at(persons: Persons, law: Law, order: Ints, month: Days) -> Ints:
    """The monthly state allowance of a child of this order in this month (tiyn): the floor too."""
    parameter = law["state_budget.childcare_allowance.coefficient_mrp"]
    numerators, denominators = _scale_by_order(parameter, _entry_index(parameter, month), order)
    mrp = whole_at(law, "general.mrp", month) * 100
    amount: Ints = divide(mrp * numerators, denominators, _rounding(law, "rounding.state_allowances", month))  # type: ignore[arg-type,assignment]
    return amount


def _childcare_month(persons: Persons, law: Law, order: Ints, month: Days) -> tuple[Ints, Ints]:
    """GFSS childcare gross and pension contribution of one child in one month (tiyn)."""
    rounding = _rounding(law, "rounding.gfss_payments", month)
    rate_num, rate_den, _ = fraction_at(law, "gfss.childcare.rate", month)
    floor = state_allowance_at(persons, law, order, month)
    ceiling_base, _ = mzp_multiple_at(law, "gfss.childcare.ceiling_mzp", month)
    ceiling = divide(ceiling_base * rate_num, rate_den, rounding)  # type: ignore[arg-type]
    base40 = divide(persons.average_so_base * rate_num, rate_den, rounding)  # type: ignore[arg-type]
    gross = np.minimum(np.maximum(base40, floor), ceiling)
    at_floor = base40 < floor
    withheld = ~at_floor | _switch_at(law, "gfss.childcare.pension_contribution_at_floor", month)
    opv_num, opv_den, _ = fraction_at(law, "contributions.opv_rate", month)
    opv = np.where(withheld, divide(gross * opv_num, opv_den, rounding), 0)  # type: ignore[arg-type]
    return gross, opv


def _switch_at(law: Law, path: str, days: Days) -> Bools:
    parameter = law[path]
    return np.array([v.value is True for v in parameter.values])[_entry_index(parameter, days)]


@dataclass(frozen=True)
class ChildcareColumns:
    gfss_eligible: Bools
    monthly_gross: Ints  # the first month, the first child
    monthly_net: Ints
    gfss_total: Ints  # every month, every child
    allowance_monthly: Ints  # the first month, the first child
    allowance_total: Ints


def childcare(persons: Persons, law: Law, birth: Days) -> ChildcareColumns:
    """The GFSS childcare payment (insured) or the state allowance (uninsured), month by month.

    With the income given as an average SO base every month of the window counts as covered,
    so an insured person always passes the 6-month rule, as in the single-person calculation.
    """
    n = len(persons)
    gfss_total = np.zeros(n, dtype=np.int64)
    allowance_total = np.zeros(n, dtype=np.int64)
    first_gross = first_opv = first_allowance = np.zeros(n, dtype=np.int64)
    for j, month in enumerate(_payment_months(law, birth)):
        for k in range(1, int(persons.children.max(initial=0)) + 1):
            order = persons.previous_children + k
            present = persons.children >= k
            gross, opv = _childcare_month(persons, law, order, month)
            allowance = state_allowance_at(persons, law, order, month)
            gfss_total += np.where(present & persons.insured, gross - opv, 0)
            allowance_total += np.where(present & ~persons.insured, allowance, 0)
            if j == 0 and k == 1:
                first_gross, first_opv, first_allowance = gross, opv, allowance
    insured = persons.insured
    return ChildcareColumns(
        gfss_eligible=insured.copy(),
        monthly_gross=np.where(insured, first_gross, 0),
        monthly_net=np.where(insured, first_gross - first_opv, 0),
        gfss_total=gfss_total,
        allowance_monthly=first_allowance,
        allowance_total=allowance_total,
    )


def total_net(persons: Persons, law: Law) -> Ints:
    """Everything each person receives (tiyn): lump sums and every scheduled month, as `total_net`."""
    before, after = leave_days(persons, law)
    birth = persons.leave_start + before.astype("timedelta64[D]")
    care = childcare(persons, law, birth)
    return (
        birth_allowance(persons, law, birth)
        + maternity(persons, law, before + after).net
        + care.gfss_total
        + (care.allowance_total)
    )
