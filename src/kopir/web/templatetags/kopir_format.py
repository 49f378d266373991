"""Template filters that format money, dates and months for the page's language with Babel.

The same formatting as the rules' explanations (``kopir.rules.i18n.format_value``), so a page and
its explanation never disagree: ``1 134 000 ₸`` in kk and ru, ``1,134,000 ₸`` in en.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template

from kopir.interface.language import current_language
from kopir.rules.i18n import Money, MonthOf, format_value
from kopir.rules.money import tiyn

register = template.Library()


@register.filter
def tenge(amount: Decimal | int | None) -> str:
    """An amount in tenge, formatted for the page's language."""
    if amount is None:
        return ""
    return format_value(Money(tiyn(Decimal(amount))), current_language())


@register.filter
def local_date(value: str | date | None) -> str:
    """An ISO date (or a date) in the page's language: 08.07.2025 in kk and ru, 8 July 2025 in en."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(value)
    return format_value(day, current_language())


@register.filter
def month_name(value: str) -> str:
    """A contract month ``2025-07`` as a month name and year in the page's language."""
    return format_value(MonthOf(date.fromisoformat(f"{value}-01")), current_language())
