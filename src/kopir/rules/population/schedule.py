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

    def months(self) -> Iterator[PaidMonth]:
        first = months_since_epoch(self.birth_months.distinct)
        groups = self.birth_months.inverse
        last = int(self.count.max(initial=0)) + (1 if self.prorate.any() else 0)
        for j in range(last):
            starts = month_start(first + j)
            length = month_start(first + j + 1) - starts
            whole = j < self.count
            if not self.prorate.any():
                yield PaidMonth(starts.view("datetime64[D]"), groups, whole, None, length)
                continue
            covered = np.minimum(self.end, length[groups] + starts[groups]) - np.maximum(self.birth, starts[groups])
            covered = np.where(self.prorate, np.maximum(covered, 0), np.where(whole, length[groups], 0))
            yield PaidMonth(starts.view("datetime64[D]"), groups, covered > 0, covered, length)


def schedule(law: Law, path: str, birth: Days) -> Schedule:
    """The paid months of every person born on `birth` (`path` holds the number of months)."""
    births = DayGroups.of(birth)
    count = births.spread(whole_at(law, path, births.distinct))
    count = np.broadcast_to(count, birth.shape)
    prorate = np.broadcast_to(births.spread(switch_at(law, PRORATE, births.distinct)), birth.shape)
    months = DayGroups.of(birth.astype("datetime64[M]").astype("datetime64[D]"))
    return Schedule(months, day_numbers(birth), add_months(birth, count), count, prorate)
