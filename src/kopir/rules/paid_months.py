"""The months a monthly childcare payment covers, from the birth (or adoption) to the age of 1.5.

By default 18 whole monthly amounts from the month of birth. If the [L] switch
``gfss.childcare.prorate_partial_months`` is on, the first month counts from the day of birth or
adoption and a last partial month runs up to the day before the 1.5-year birthday, each paid in
proportion to its days (kz-benefits-rules.md §4.3: "first/last month may be pro-rated [L]").
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache

from kopir.rules.explanation import Trace
from kopir.rules.i18n import N_, MonthOf
from kopir.rules.money import Rounding, apply_rate
from kopir.rules.months import add_months, month_of, months_from

PRORATE = "gfss.childcare.prorate_partial_months"
WHOLE = (1, 1)
STEP_PARTIAL = N_("%(month)s is paid in part: %(days)s of %(total)s days.")


@dataclass(frozen=True)
class PaidMonth:
    """A month of payment and the share of it that is paid (1 for a whole month)."""

    month: date
    share: Fraction = Fraction(1)
    # The share as plain integers: compared and hashed in the monthly loops without Fraction's Python code.
    part: tuple[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "part", (self.share.numerator, self.share.denominator))

    def of(self, amount: int, rounding: Rounding) -> int:
        """This month's part of a monthly amount."""
        return amount if self.part == WHOLE else apply_rate(amount, self.share, rounding)


@lru_cache(maxsize=4096)
def _whole_months(birth: date, first_day: date, total: int) -> tuple[PaidMonth, ...]:
    """Cached: a pure function of three dates, and requests share birth months."""
    last = add_months(month_of(birth), total - 1)
    first = month_of(first_day)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return tuple(PaidMonth(month) for month in months_from(first, max(count, 0)))


@lru_cache(maxsize=4096)
def _prorated_months(first_day: date, end: date) -> tuple[PaidMonth, ...]:
    """Months from `first_day` to the day before `end`, each with the share of its days covered."""
    result = []
    month = month_of(first_day)
    while month < end:
        days_in_month = monthrange(month.year, month.month)[1]
        month_end = month + timedelta(days=days_in_month)
        covered = (min(end, month_end) - max(first_day, month)).days
        if covered > 0:
            result.append(PaidMonth(month, Fraction(covered, days_in_month)))
        month = month_end
    return tuple(result)


def paid_months(birth: date, first_day: date, path: str, trace: Trace) -> list[PaidMonth]:
    """The months paid from `first_day` until the child is 1.5 (`path` holds the number of months)."""
    total = trace.whole(path, birth)
    if trace.switch(PRORATE, birth):
        return list(_prorated_months(first_day, add_months(birth, total)))
    return list(_whole_months(birth, first_day, total))


def same_law_runs(paid: list[PaidMonth], trace: Trace, split: date = date.max) -> Iterator[tuple[PaidMonth, int]]:
    """The paid months in runs that read one period of the law, are paid in one share and lie on one side
    of `split` (a return to work): each run's first month and its number of months.

    The months of a run have the same amounts, so a payment computes each run once, not each month.
    """
    index, count = 0, len(paid)
    while index < count:
        head = paid[index]
        until = trace.law.table.next_change(head.month)
        if head.month < split < until:
            until = split
        end = index + 1
        while end < count and paid[end].month < until and paid[end].part == head.part:
            end += 1
        yield head, end - index
        index = end


def explain_partial_months(payment: str, months: list[PaidMonth], trace: Trace) -> None:
    """A step for each month that is paid only in part."""
    for paid in months:
        if paid.part != WHOLE:
            total = monthrange(paid.month.year, paid.month.month)[1]
            trace.step(
                payment,
                STEP_PARTIAL,
                trace.read(PRORATE, paid.month),
                month=MonthOf(paid.month),
                days=int(paid.share * total),
                total=total,
            )
