"""The paid months of a monthly childcare payment, as columns: month j of every person's schedule.

As `kopir.rules.paid_months`: by default whole months from the birth month; with the [L] switch
``gfss.childcare.prorate_partial_months`` on (read at the birth), the first month counts from the
birth day and a last partial month runs to the day before the 1.5-year birthday, each paid in
proportion to its days. Month j is the same calendar month for everyone born in the same month,
so the law is read per distinct birth month and only the covered days are per person.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from kopir.rules.law import Law
from kopir.rules.population.reading import Bools, DayGroups, Days, Index, Ints, day_numbers, switch_at, whole_at

PRORATE = "gfss.childcare.prorate_partial_months"


def months_since_epoch(days: Days) -> Ints:
    return days.astype("datetime64[M]").view(np.int64)


def month_start(months: Ints) -> Ints:
    """Day numbers of the first day of months counted from the epoch."""
    return months.view("datetime64[M]").astype("datetime64[D]").view(np.int64)


def add_months(days: Days, count: Ints) -> Ints:
    """Day numbers of `days` moved by `count` months, the day cut to the month end (as `months.add_months`)."""
    months = months_since_epoch(days) + count
    first = month_start(months)
    length = month_start(months + 1) - first
    day_of_month = day_numbers(days) - month_start(months_since_epoch(days))
    moved: Ints = first + np.minimum(day_of_month, length - 1)
    return moved


@dataclass(frozen=True)
class PaidMonth:
    """Month j of the schedule: its first day per distinct birth month, and who is paid how much of it."""

    month: Days  # per distinct birth month
    groups: Index  # person -> distinct birth month
    paid: Bools  # per person
    covered: Ints | None  # days of the month paid, per person; None when every paid month is whole
    length: Ints  # days in the month, per distinct birth month

    def share(self, who: Index) -> tuple[Ints, Ints] | None:
        """This month's share for the persons `who`: (days covered, days in the month), None if whole."""
        if self.covered is None:
            return None
        return self.covered[who], self.length[self.groups[who]]


@dataclass(frozen=True)
class Schedule:
    """Every person's paid months, and the birth months they are grouped by."""

    birth_months: DayGroups
    birth: Ints  # day numbers
    end: Ints  # the day the payment stops (the 1.5-year birthday), per person
    count: Ints  # whole months paid without pro-rating, per person
    prorate: Bools

    @property
    def first_month(self) -> Ints:
        """The birth month of each distinct birth month, in months since the epoch."""
        return months_since_epoch(self.birth_months.distinct)

    @property
    def longest(self) -> int:
        """How many months the longest schedule runs (its last month may be paid in part)."""
        return int(self.count.max(initial=0)) + (1 if self.prorate.any() else 0)

    def month(self, j: int) -> PaidMonth:
        """Month j of every person's schedule (0 is the birth month)."""
        first = self.first_month
        groups = self.birth_months.inverse
        starts = month_start(first + j)
        length = month_start(first + j + 1) - starts
        whole = j < self.count
        if not self.prorate.any():
            return PaidMonth(starts.view("datetime64[D]"), groups, whole, None, length)
        covered = np.minimum(self.end, length[groups] + starts[groups]) - np.maximum(self.birth, starts[groups])
        covered = np.where(self.prorate, np.maximum(covered, 0), np.where(whole, length[groups], 0))
        return PaidMonth(starts.view("datetime64[D]"), groups, covered > 0, covered, length)

    def months(self) -> Iterator[PaidMonth]:
        for j in range(self.longest):
            yield self.month(j)

    def last_partial_months(self) -> list[int]:
        """The months j that are the last, partial month of a pro-rated schedule (month 0 aside)."""
        return sorted({c for c in np.unique(self.count[self.prorate]).tolist() if c >= 1})


def schedule(law: Law, path: str, birth: Days) -> Schedule:
    """The paid months of every person born on `birth` (`path` holds the number of months).

    Dates are worked out per distinct birth day and gathered: converting a million datetimes to
    months costs more than the rest of a month's pass.
    """
    births = DayGroups.of(birth)
    days = births.distinct
    count = whole_at(law, path, days)
    prorate = switch_at(law, PRORATE, days)
    end = add_months(days, count)
    months, month_of_day = np.unique(months_since_epoch(days), return_inverse=True)
    birth_months = DayGroups(month_start(months).view("datetime64[D]"), month_of_day.reshape(-1)[births.inverse])
    return Schedule(
        birth_months,
        day_numbers(birth),
        births.spread(end),
        np.broadcast_to(births.spread(count), birth.shape),
        np.broadcast_to(births.spread(prorate), birth.shape),
    )
