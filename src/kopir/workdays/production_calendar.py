"""Kazakhstan's production calendar for the five-day week: the `holidays` package plus overrides.

Working days decide deadlines (a payment is assigned within 8 working days of the
application) and pay, so they must match the calendar the Ministry of Labour (MTSZN)
publishes, not only the library. The library supplies the holidays, the rule that moves a
holiday on a Saturday or Sunday to the next working day, the transfer decrees it knows of and
the working Saturdays (`weekend_workdays`), read from a table built ahead (`library_days`); the
override table (see `calendar_data`) corrects the days where it falls behind the official calendar.

Each year is computed once into a table of flags and running counts, so a lookup is an index
into a tuple and `add_working_days` a binary search: a few microseconds, however far.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from kopir.workdays.calendar_data import CalendarOverride, OverrideKind
from kopir.workdays.library_days import FIRST_YEAR, library_days

_SATURDAY = 5


@dataclass(frozen=True, slots=True)
class _YearTable:
    """One year's working days: `worked_before[i]` counts those among the year's first i days."""

    first_ordinal: int
    working: tuple[bool, ...]
    worked_before: tuple[int, ...]

    @classmethod
    def from_flags(cls, first: date, working: tuple[bool, ...]) -> _YearTable:
        return cls(first.toordinal(), working, tuple(accumulate(working, initial=0)))

    @property
    def total(self) -> int:
        return self.worked_before[-1]

    def is_working(self, day: date) -> bool:
        return self.working[day.toordinal() - self.first_ordinal]

    def count_before(self, day: date) -> int:
        return self.worked_before[day.toordinal() - self.first_ordinal]

    def nth_working_day(self, n: int) -> date:
        """The n-th working day of the year (1-based); n must be at most `total`."""
        return date.fromordinal(self.first_ordinal + bisect_left(self.worked_before, n) - 1)


class ProductionCalendar:
    """Working days in Kazakhstan: the library's calendar with the official overrides on top.

    An override wins over everything; then a working Saturday from a transfer decree is a
    working day; then a weekday is one unless it is a holiday or a transferred day off.
    Years after the last published calendar are the library's projection (Kurban Ait is an
    estimate until the Spiritual Administration of Muslims fixes it).
    """

    def __init__(self, overrides: Iterable[CalendarOverride] = ()) -> None:
        self.overrides = tuple(overrides)
        self._kinds = {override.day: override.kind for override in self.overrides}
        self._years: dict[int, _YearTable] = {}
        # Each day found by `add_working_days`, by its start and number of working days: every calculation asks
        # for two or three, and requests share them; one entry per start and number asked (a few per day).
        self._added: dict[tuple[date, int], date] = {}

    def is_working_day(self, day: date) -> bool:
        """Whether `day` is a working day under the five-day week."""
        return self._year(day.year).is_working(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`, counting from the next day; `start` itself if n = 0."""
        if n < 0:
            raise ValueError(f"cannot add a negative number of working days ({n})")
        if n == 0:
            return start
        added = self._added.get((start, n))
        if added is None:
            added = self._added[start, n] = self._count_on(start, n)
        return added

    def _count_on(self, start: date, n: int) -> date:
        """The n-th working day after `start` (n > 0), counted on the years' tables."""
        year = start.year
        table = self._year(year)
        wanted = table.count_before(start) + table.is_working(start) + n
        while wanted > table.total:
            wanted -= table.total
            year += 1
            table = self._year(year)
        return table.nth_working_day(wanted)

    def working_days_between(self, first: date, last: date) -> int:
        """Working days from `first` to `last`, both included; 0 when `last` is before `first`."""
        if last < first:
            return 0
        count = -self._year(first.year).count_before(first)
        for year in range(first.year, last.year):
            count += self._year(year).total
        last_table = self._year(last.year)
        return count + last_table.count_before(last) + last_table.is_working(last)

    def working_days_in_year(self, year: int) -> int:
        """Working days in the calendar year (the production calendar's annual total)."""
        return self._year(year).total

    def _year(self, year: int) -> _YearTable:
        table = self._years.get(year)
        if table is None:
            table = self._years.setdefault(year, self._build_year(year))
        return table

    def _build_year(self, year: int) -> _YearTable:
        if year < FIRST_YEAR:
            raise ValueError(f"no production calendar for {year}: Kopir covers {FIRST_YEAR} onwards")
        days_off, working_weekends = library_days(year)  # the library's days, from the table built ahead
        first = date(year, 1, 1)
        days = (first + timedelta(days=offset) for offset in range((date(year + 1, 1, 1) - first).days))
        return _YearTable.from_flags(first, tuple(self._is_working(day, days_off, working_weekends) for day in days))

    def _is_working(self, day: date, days_off: frozenset[date], working_weekends: frozenset[date]) -> bool:
        kind = self._kinds.get(day)
        if kind is not None:
            return kind is OverrideKind.WORKDAY
        if day in working_weekends:
            return True
        return day.weekday() < _SATURDAY and day not in days_off
