"""Income windows and the average monthly income from which social contributions were paid.

The base of both GFSS payments is the income that social contributions (SO) were paid from,
not the gross salary: for an employee it is gross pay minus the pension contribution, between
the floor and the ceiling in minimum wages (kz-benefits-rules.md §4.1); for the self-employed,
the income itself. Months with no contributions (on maternity leave, before the self-employed
regime) count as zero and stay in the divisor. Every rate and bound is read for its own month and
stated as read: a window across two SO rates or two years' bounds says both.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import groupby
from typing import Any, NamedTuple

from kopir.rules import kernel
from kopir.rules.errors import RulesNotKnown
from kopir.rules.explanation import Trace
from kopir.rules.i18n import N_, Money, MonthOf, Percent
from kopir.rules.law import Reading
from kopir.rules.money import apply_rate
from kopir.rules.months import months_before
from kopir.rules.request import Income

STEP_WINDOW = N_("The income window is the %(count)s months from %(first)s to %(last)s.")
STEP_MONTHLY_TOTAL = N_(
    "Income from which social contributions were paid in the window: %(total)s, in %(with_so)s of "
    "%(count)s months (months without contributions count as zero)."
)
STEP_GROSS = N_(
    "From %(first)s to %(last)s: gross salary %(gross)s minus the %(opv_rate)s pension contribution %(opv)s "
    "gives the social contribution base %(base)s (kept between %(floor)s and %(ceiling)s)."
)
STEP_SO_PAID = N_("Social contributions of %(rate)s were paid on it: %(so)s a month.")
STEP_AVERAGE = N_("Average monthly income: %(total)s / %(count)s = %(average)s.")
STEP_AVERAGE_GIVEN = N_("Average monthly income, as given: %(average)s (every month of the window covered).")
STEP_ON_LEAVE = N_(
    "From %(first)s to %(last)s: maternity leave, with no salary and no social contributions; "
    "these months count as zero."
)
STEP_SELF_EMPLOYED = N_(
    "From %(first)s to %(last)s: income %(gross)s under the special tax regime for the self-employed "
    "is the social contribution base %(base)s (at most %(ceiling)s)."
)
STEP_SELF_EMPLOYED_BEFORE = N_(
    "From %(first)s to %(last)s: the special tax regime for the self-employed did not yet pay social "
    "contributions; these months count as zero."
)
SELF_EMPLOYED_SO_RATE = "contributions.self_employed_so_rate"


class Average(NamedTuple):
    """An income window and its average, in tiyn."""

    months: tuple[date, ...]
    total: int
    amount: int
    months_with_contributions: int


class _Month(NamedTuple):
    """One month of a gross-salary window: the SO base and what it was worked out with (tiyn)."""

    month: date
    base: int
    opv: int
    kind: str  # "salary", "self_employed", "before_regime" or "on_leave"
    so_rate_path: str = "contributions.so_rate"
    floor: int = 0
    ceiling: int = 0

    def same_run(self) -> tuple[object, ...]:
        """What a run of months shares, so that one step states every value read (two rates, two bounds)."""
        return (self.base, self.opv, self.kind, self.floor, self.ceiling, self.so_rate_path)


def so_base_from_gross(gross: int, month: date, trace: Trace) -> tuple[int, int]:
    """The SO base of a month with this gross salary, and the pension contribution withheld (tiyn)."""
    if gross == 0:  # the kernel gives 0 too; reading no limit, it warns of none it did not use
        return 0, 0
    return kernel.so_base_from_gross(
        gross,
        trace.mzp_multiple("contributions.opv_base_ceiling_mzp", month) or gross,
        trace.rate("contributions.opv_rate", month),
        trace.mzp_multiple("contributions.so_base_floor_mzp", month) or 0,
        trace.mzp_multiple("contributions.so_base_ceiling_mzp", month) or gross,
        trace.rounding("rounding.so_base", month),
    )


def _knows(path: str, on: date, trace: Trace) -> bool:
    """Whether Kopir's records of a parameter reach back to `on`."""
    try:
        trace.law.in_force(path, on)
    except RulesNotKnown:
        return False
    return True


def _rate_number(path: str, on: date, trace: Trace) -> Decimal | None:
    """A rate's number on a day; None where it is not in force (null) or before Kopir's records of it."""
    if not _knows(path, on, trace):
        return None
    return trace.law.in_force(path, on).number


def _gross_month(gross: int, month: date, employment: str, on_leave_from: date | None, trace: Trace) -> _Month:
    """A month of the window with a gross salary (or, self-employed, an income) of `gross`.

    A month wholly inside the maternity leave had no salary and no SO (decision 0026, point 6.6).
    The self-employed pay SO on their income itself, with no pension contribution taken first and
    no floor, up to the SO ceiling, from the day their regime's SO rate is in force (decision 0020).
    """
    if on_leave_from is not None and month >= on_leave_from:
        return _Month(month, 0, 0, "on_leave")
    if employment == "self_employed":
        if _rate_number(SELF_EMPLOYED_SO_RATE, month, trace) is None:
            return _Month(month, 0, 0, "before_regime")
        ceiling = trace.mzp_multiple("contributions.so_base_ceiling_mzp", month) or gross
        base, _ = kernel.so_base_from_gross(
            gross, gross, Fraction(0), 0, ceiling, trace.rounding("rounding.so_base", month)
        )
        return _Month(month, base, 0, "self_employed", SELF_EMPLOYED_SO_RATE, 0, ceiling)
    base, opv = so_base_from_gross(gross, month, trace)
    floor = trace.mzp_multiple("contributions.so_base_floor_mzp", month) or 0
    ceiling = trace.mzp_multiple("contributions.so_base_ceiling_mzp", month) or 0
    return _Month(month, base, opv, "salary", floor=floor, ceiling=ceiling)


def _explain_run(payment: str, gross: int, run: list[_Month], trace: Trace) -> None:
    """The steps of a run of months that share their base, bounds and rates: the values read for them."""
    first, last, row = run[0].month, run[-1].month, run[0]
    months: dict[str, Any] = {"first": MonthOf(first), "last": MonthOf(last)}
    if row.kind == "on_leave":
        trace.step(payment, STEP_ON_LEAVE, **months)
        return
    if row.kind == "before_regime":  # the regime's null value is the reading, where Kopir's records reach
        reading = trace.read(SELF_EMPLOYED_SO_RATE, last) if _knows(SELF_EMPLOYED_SO_RATE, last, trace) else None
        trace.step(payment, STEP_SELF_EMPLOYED_BEFORE, reading, **months)
        return
    ceiling_reading = trace.read("contributions.so_base_ceiling_mzp", first)
    if row.kind == "self_employed":
        trace.step(
            payment,
            STEP_SELF_EMPLOYED,
            ceiling_reading,
            gross=Money(gross),
            base=Money(row.base),
            ceiling=Money(row.ceiling),
            **months,
        )
    else:
        trace.step(
            payment,
            STEP_GROSS,
            ceiling_reading,
            gross=Money(gross),
            opv_rate=Percent(trace.number("contributions.opv_rate", first)),
            opv=Money(row.opv),
            base=Money(row.base),
            floor=Money(row.floor),
            ceiling=Money(row.ceiling),
            **months,
        )
    # A run holds one SO rate (it is part of the run's key): the SO paid at the rate read for it. Before
    # Kopir's records of the SO rate start, the base is known (the SO base limits reach further) but not the SO.
    if _rate_number(row.so_rate_path, first, trace) is None:
        return
    so_rate = trace.read(row.so_rate_path, first)
    so = apply_rate(row.base, trace.rate(row.so_rate_path, first), trace.rounding("rounding.so_base", first))
    trace.step(payment, STEP_SO_PAID, so_rate, rate=Percent(so_rate.number()), so=Money(so))


def _explain_gross(
    payment: str, gross: int, months: tuple[date, ...], employment: str, on_leave_from: date | None, trace: Trace
) -> list[int]:
    """SO bases month by month, with one step per run of months that share a base, bounds and rates."""
    rows = [_gross_month(gross, month, employment, on_leave_from, trace) for month in months]
    so_rate_of = {
        row.month: _rate_number(row.so_rate_path, row.month, trace)
        for row in rows
        if row.kind in ("salary", "self_employed")
    }
    for _, run in groupby(rows, key=lambda row: (*row.same_run(), so_rate_of.get(row.month))):
        _explain_run(payment, gross, list(run), trace)
    return [row.base for row in rows]


def average_income(
    payment: str,
    income: Income,
    window: Reading,
    trace: Trace,
    employment: str = "employee",
    on_leave_from: date | None = None,
) -> Average:
    """The average monthly SO base over the window before `window.on`, explained step by step.

    `window` is the reading of the payment's window length, read on the day the right arises;
    the window is the calendar months before that day's month. With a gross salary, the months
    from `on_leave_from` (the first day of the maternity leave) count zero, and a self-employed
    person's income is her SO base.
    """
    months = tuple(months_before(window.on, int(window.number())))
    first, last = months[0], months[-1]
    trace.step(payment, STEP_WINDOW, window, count=len(months), first=MonthOf(first), last=MonthOf(last))
    if income.average_so_base is not None:
        trace.step(payment, STEP_AVERAGE_GIVEN, average=Money(income.average_so_base))
        return Average(months, income.average_so_base * len(months), income.average_so_base, len(months))
    if income.gross_salary is not None:
        bases = _explain_gross(payment, income.gross_salary, months, employment, on_leave_from, trace)
    else:
        monthly = income.monthly or {}
        bases = [monthly.get(month, 0) for month in months]
        trace.step(
            payment,
            STEP_MONTHLY_TOTAL,
            total=Money(sum(bases)),
            with_so=sum(1 for b in bases if b > 0),
            count=len(months),
        )
    total = sum(bases)
    rounding = trace.rounding("rounding.average_income", last)
    amount = kernel.average(total, len(months), rounding)
    trace.step(payment, STEP_AVERAGE, window, total=Money(total), count=len(months), average=Money(amount))
    return Average(months, total, amount, sum(1 for b in bases if b > 0))
