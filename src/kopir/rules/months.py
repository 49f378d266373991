"""Calendar months as the income windows and payment schedules count them.

A month is represented by its first day. Windows are whole calendar months *before* the
month of an event: the 12 months before the month the leave starts, the 24 before the month
of birth (kz-benefits-rules.md §4.2, §4.3).
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta


def month_of(day: date) -> date:
    """The first day of the month of `day`."""
    return day.replace(day=1)


def add_months(day: date, count: int) -> date:
    """`day` moved by `count` calendar months (the 31st becomes the month's last day if needed)."""
    result: date = day + relativedelta(months=count)
    return result


def months_before(day: date, count: int) -> list[date]:
    """The `count` calendar months before the month of `day`, oldest first."""
    first = add_months(month_of(day), -count)
    return [add_months(first, i) for i in range(count)]


def months_from(first: date, count: int) -> list[date]:
    """`count` consecutive months starting with the month of `first`."""
    return [add_months(month_of(first), i) for i in range(count)]


def month_label(month: date) -> str:
    """The contract's form of a month: ``YYYY-MM``."""
    return f"{month.year:04d}-{month.month:02d}"
