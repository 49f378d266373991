"""Working days in Kazakhstan, as the official production calendar counts them (five-day week).

Deadlines in the rules run in working days, so a wrong day off moves a deadline. The
`holidays` package alone is not enough: in 2026 it counts 247 working days where the
Ministry of Labour's production calendar counts 246, because it drops Constitution Day
(Sunday 30 August, observed on Monday 31 August). The calendar here is the library plus an
override table (``overrides.yaml``) of such days, each with its source; see
docs/decisions/0003-working-days.md.

    >>> from datetime import date
    >>> working_days_in_year(2026)
    246
    >>> is_working_day(date(2026, 8, 31))
    False
    >>> add_working_days(date(2026, 3, 20), 1)  # Nauryz: 21-25 March are days off
    datetime.date(2026, 3, 26)
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from kopir.workdays.calendar_data import (
    CalendarOverride,
    LocalizedName,
    OverrideKind,
    OverrideTableError,
    Source,
    load_overrides,
)
from kopir.workdays.production_calendar import ProductionCalendar

__all__ = [
    "CalendarOverride",
    "LocalizedName",
    "OverrideKind",
    "OverrideTableError",
    "ProductionCalendar",
    "Source",
    "add_working_days",
    "default_calendar",
    "is_working_day",
    "load_overrides",
    "working_days_between",
    "working_days_in_year",
]


@lru_cache(maxsize=1)
def default_calendar() -> ProductionCalendar:
    """The production calendar with Kopir's override table, read once on first use."""
    return ProductionCalendar(load_overrides())


def is_working_day(day: date) -> bool:
    """Whether `day` is a working day in Kazakhstan (five-day week)."""
    return default_calendar().is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start`, counting from the next day (`start` if n = 0).

    A deadline of "8 working days from the application" is ``add_working_days(applied, 8)``.
    """
    return default_calendar().add_working_days(start, n)


def working_days_between(first: date, last: date) -> int:
    """Working days from `first` to `last`, both included; 0 when `last` is before `first`."""
    return default_calendar().working_days_between(first, last)


def working_days_in_year(year: int) -> int:
    """Working days in the year, the total the production calendar publishes."""
    return default_calendar().working_days_in_year(year)
