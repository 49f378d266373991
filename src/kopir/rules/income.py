"""Income windows and the average monthly income from which social contributions were paid.

The base of both GFSS payments is the income that social contributions (SO) were paid from,
not the gross salary: for an employee it is gross pay minus the 10% pension contribution,
between 1 and 7 minimum wages (kz-benefits-rules.md §4.1). Months with no contributions
count as zero and stay in the divisor: 12 for maternity, 24 for childcare.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from kopir.rules import kernel
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


@dataclass(frozen=True)
class Average:
    """An income window and its average, in tiyn."""

    months: tuple[date, ...]
    total: int
    amount: int
    months_with_contributions: int


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


def _explain_gross(payment: str, gross: int, months: tuple[date, ...], trace: Trace) -> list[int]:
    """SO bases month by month, with one step per run of months that share a base."""
    rows = [(month, *so_base_from_gross(gross, month, trace)) for month in months]
    for (base, opv), run in groupby(rows, key=lambda row: (row[1], row[2])):
        run_months = [row[0] for row in run]
        trace.step(
            payment,
            STEP_GROSS,
            trace.read("contributions.so_base_ceiling_mzp", run_months[0]),
            first=MonthOf(run_months[0]),
            last=MonthOf(run_months[-1]),
            gross=Money(gross),
            opv_rate=Percent(trace.number("contributions.opv_rate", run_months[0])),
            opv=Money(opv),
            base=Money(base),
            floor=Money(trace.mzp_multiple("contributions.so_base_floor_mzp", run_months[0]) or 0),
            ceiling=Money(trace.mzp_multiple("contributions.so_base_ceiling_mzp", run_months[0]) or 0),
        )
    last = months[-1]
    so_rate = trace.read("contributions.so_rate", last)
    last_base = rows[-1][1]
    trace.step(
        payment,
        STEP_SO_PAID,
        so_rate,
        rate=Percent(so_rate.number()),
        so=Money(
            apply_rate(last_base, trace.rate("contributions.so_rate", last), trace.rounding("rounding.so_base", last))
        ),
    )
    return [row[1] for row in rows]


def average_income(payment: str, income: Income, window: Reading, trace: Trace) -> Average:
    """The average monthly SO base over the window before `window.on`, explained step by step.

    `window` is the reading of the payment's window length (12 or 24 months), read on the
    day the right arises; the window is the calendar months before that day's month.
    """
    months = tuple(months_before(window.on, int(window.number())))
    first, last = months[0], months[-1]
    trace.step(payment, STEP_WINDOW, window, count=len(months), first=MonthOf(first), last=MonthOf(last))
    if income.average_so_base is not None:
        trace.step(payment, STEP_AVERAGE_GIVEN, average=Money(income.average_so_base))
        return Average(months, income.average_so_base * len(months), income.average_so_base, len(months))
    if income.gross_salary is not None:
        bases = _explain_gross(payment, income.gross_salary, months, trace)
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
