"""One formula per payment, for one person and for a population (decision 0019).

Each formula of the law is written here once. It uses only integer arithmetic (``+ - * //``),
comparisons, ``&`` and ``|``, the exact rounding of `kopir.rules.money`, and the three
operations `lower`, `higher` and `choose`. Those work on Python ints and bools (one person:
`kopir.rules.calculate`) and on numpy int64 and bool columns (a population:
`kopir.rules.population`), so both paths run the very same lines and agree to the tiyn by
construction. The callers only read the law (a `Trace` for one person, period tables for a
column) and hand the values in.

A kernel that explains itself takes a recorder and gives it its own values as it computes
them; the text of the explanation is built from those values, never computed again. The
population path passes ``None``, which switches the recording off.

numpy is not imported here: a one-person calculation (`kopir calc`) must not pay its import,
and a column brings its own operations (``np.minimum`` is looked up on first use).
"""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import Any, NamedTuple, Protocol

from kopir.rules.money import Ratio, Rounding, apply_rate, divide

# An int (or bool) for one person, a numpy column for a population: mypy cannot follow numpy's
# broadcasting across both, so the kernels' values are typed by what they mean, not by Any's kind.
Value = Any


@cache
def _numpy() -> ModuleType:
    import numpy as np  # noqa: PLC0415 - only a column needs it, and a column has imported it already

    return np


def lower(a: Value, b: Value) -> Value:
    """The smaller of two amounts (element by element on columns)."""
    if isinstance(a, int) and isinstance(b, int):  # one person (numpy's integers are not ints)
        return a if a <= b else b
    return _numpy().minimum(a, b)


def higher(a: Value, b: Value) -> Value:
    """The larger of two amounts (element by element on columns)."""
    if isinstance(a, int) and isinstance(b, int):
        return a if a >= b else b
    return _numpy().maximum(a, b)


def choose(condition: Value, yes: Value, no: Value) -> Value:
    """`yes` where the condition holds, else `no` (numpy's ``where`` on columns)."""
    if isinstance(condition, bool):
        return yes if condition else no
    return _numpy().where(condition, yes, no)


def negate(condition: Value) -> Value:
    return (not condition) if isinstance(condition, bool) else ~condition


class Fractions(NamedTuple):
    """A column of exact fractions, numerators and denominators: a `Ratio`, as one `Fraction` is."""

    numerator: Value
    denominator: Value


# The leave --------------------------------------------------------------------------------


def longer_leave(complicated_birth: Value, children: Value) -> Value:
    """The longer leave after the birth: a complicated birth, or more than one child (Labour Code art. 99)."""
    return complicated_birth | (children >= 2)


def birth_order(previous_children: Value, child_number: int) -> Value:
    """The birth order of the k-th child of the event: it comes after the children already there."""
    return previous_children + child_number


# Amounts written in MRP: the birth allowance, the state childcare allowance ----------------


def mrp_amount(mrp: Value, coefficient: Ratio, rounding: Rounding) -> Value:
    """An amount of `coefficient` MRP in tiyn, the MRP given in tiyn."""
    return apply_rate(mrp, coefficient, rounding)


def part_of_month(amount: Value, share: tuple[Value, Value] | None, rounding: Rounding) -> Value:
    """The part of a monthly amount paid for a month covered in part: `share` is (days covered, days
    in the month), None for a whole month. The same rational share gives the same tiyn, reduced or not."""
    if share is None:
        return amount
    covered, length = share
    return choose(covered == length, amount, divide(amount * covered, length, rounding))


# Income --------------------------------------------------------------------------------------


def so_base_from_gross(
    gross: Value, opv_cap: Value, opv_rate: Ratio, floor: Value, ceiling: Value, rounding: Rounding
) -> tuple[Value, Value]:
    """The SO base of a month with this gross salary, and the pension contribution withheld (tiyn).

    The contribution is taken on the gross up to its cap; the base is the rest, kept between
    the floor and the ceiling; a month without salary has neither.
    """
    opv = apply_rate(lower(gross, opv_cap), opv_rate, rounding)
    base = lower(higher(gross - opv, floor), ceiling)
    paid = gross > 0
    return choose(paid, base, 0), choose(paid, opv, 0)


def average(total: Value, months: Value, rounding: Rounding) -> Value:
    """The average monthly income of a window: months without contributions stay in the divisor."""
    return divide(total, months, rounding)


# The GFSS maternity payment ------------------------------------------------------------------


class MaternityRecord(Protocol):
    """Receives the maternity kernel's values as it computes them."""

    def capped(self, average_income: Value, cap: Value, capped: Value) -> None: ...
    def gross(self, capped: Value, days: Value, divisor: Value, gross: Value) -> None: ...
    def withheld(self, gross: Value, opv: Value, net: Value) -> None: ...


class MaternityAmounts(NamedTuple):
    average: Value  # after the cap
    gross: Value
    pension_contribution: Value
    net: Value


def maternity_eligible(insured: Value, days: Value, income_total: Value) -> Value:
    """An insured person with leave days and contributions in the window."""
    return insured & (days > 0) & (income_total > 0)


def maternity(
    average_income: Value,
    cap: Value | None,
    days: Value,
    divisor: Value,
    opv_rate: Ratio,
    rounding: Rounding,
    record: MaternityRecord | None = None,
) -> MaternityAmounts:
    """The average capped (None: no cap in force), times days / divisor, less the pension contribution."""
    capped = average_income if cap is None else lower(average_income, cap)
    if record is not None:
        record.capped(average_income, cap, capped)
    gross = divide(capped * days, divisor, rounding)
    if record is not None:
        record.gross(capped, days, divisor, gross)
    opv = apply_rate(gross, opv_rate, rounding)
    net = gross - opv
    if record is not None:
        record.withheld(gross, opv, net)
    return MaternityAmounts(capped, gross, opv, net)


# The GFSS childcare payment ------------------------------------------------------------------


class ChildcareRecord(Protocol):
    """Receives the values of one month of one child as the childcare kernel computes them."""

    def month(self, base: Value, floor: Value, ceiling: Value, gross: Value, opv: Value) -> None: ...


def childcare_eligible(insured: Value, months_with_contributions: Value, minimum: Value) -> Value:
    """An insured person with at least the minimum months of contributions in the window."""
    return insured & (months_with_contributions >= minimum)


def childcare_ceiling(ceiling_base: Value, rate: Ratio, rounding: Rounding) -> Value:
    """The most the payment can be: the rate of the ceiling in minimum wages (tiyn)."""
    return apply_rate(ceiling_base, rate, rounding)


def childcare_month(
    average_income: Value,
    rate: Ratio,
    floor: Value,
    ceiling: Value,
    returned: Value,
    pension_at_floor: Value,
    opv_rate: Ratio,
    share: tuple[Value, Value] | None,
    rounding: Rounding,
    record: ChildcareRecord | None = None,
) -> tuple[Value, Value]:
    """Gross and pension contribution of one child in one month (tiyn).

    The rate of the average, not below the state allowance of the child's order (`floor`) nor
    above the ceiling; after a return to work, the allowance level. With the [L] switch
    `pension_at_floor` on, the contribution is withheld from the whole payment; off (decision 0026,
    from 01.07.2023), none is withheld at the floor, and above it only down to the floor, so that
    an insured mother is never paid less than the allowance level and a higher income never less.
    """
    base = apply_rate(average_income, rate, rounding)
    monthly = choose(returned, floor, lower(higher(base, floor), ceiling))
    gross = part_of_month(monthly, share, rounding)
    full = apply_rate(gross, opv_rate, rounding)
    above_floor = higher(gross - part_of_month(floor, share, rounding), 0)  # nil at the floor and after a return
    opv = choose(pension_at_floor, full, lower(full, above_floor))
    if record is not None:
        record.month(base, floor, ceiling, gross, opv)
    return gross, opv
