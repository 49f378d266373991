"""Calendar months as the income windows and payment schedules count them.

A month is represented by its first day. Windows are whole calendar months *before* the
month of an event: the 12 months before the month the leave starts, the 24 before the month
of birth (kz-benefits-rules.md §4.2, §4.3).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from functools import lru_cache


def month_of(day: date) -> date:
    """The first day of the month of `day`."""
    return day.replace(day=1)


@lru_cache(maxsize=4096)
def add_months(day: date, count: int) -> date:
    """`day` moved by `count` calendar months (the 31st becomes the month's last day if needed).

    Cached: a calculation's timeline asks for five, requests share them, and a cached date costs a
    quarter of one computed (a `date` built from its parts).

    >>> add_months(date(2025, 1, 31), 1)
    datetime.date(2025, 2, 28)
    >>> add_months(date(2025, 7, 8), 18)
    datetime.date(2027, 1, 8)
    """
    year, month_index = divmod(day.year * 12 + day.month - 1 + count, 12)
    month = month_index + 1
    if day.day <= 28:  # every month has the day: no calendar to ask
        return date(year, month, day.day)
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def months_before(day: date, count: int) -> list[date]:
    """The `count` calendar months before the month of `day`, oldest first."""
    return list(_month_starts(day.year * 12 + day.month - 1 - count, count))


def months_from(first: date, count: int) -> list[date]:
    """`count` consecutive months starting with the month of `first`."""
    return list(_month_starts(first.year * 12 + first.month - 1, count))


@lru_cache(maxsize=4096)
def _month_starts(first_index: int, count: int) -> tuple[date, ...]:
    """The first days of `count` months from a month index (year x 12 + month - 1): no day to clip.

    Cached: every calculation builds its income windows, and requests share them.
    """
    return tuple(date(index // 12, index % 12 + 1, 1) for index in range(first_index, first_index + count))


@lru_cache(maxsize=4096)
def month_label(month: date) -> str:
    """The contract's form of a month: ``YYYY-MM`` (cached: every schedule repeats the same months)."""
    return f"{month.year:04d}-{month.month:02d}"
