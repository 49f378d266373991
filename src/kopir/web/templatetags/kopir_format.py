"""Template filters that format money, dates and months for the page's language.

They call ``kopir.rules.formats``, the formatter of the rules' explanations, charts, exports and the
command line, so a page and its explanation never disagree: ``1 134 000 ₸`` in kk and ru,
``1,134,000 ₸`` in en; "2026 жылғы 7 желтоқсан", "7 декабря 2026 г.", "7 December 2026".
A Russian date ends with "г.", so a Russian sentence that ends with a date has no full stop of its own.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template

from kopir.interface.language import current_language
from kopir.rules import formats
from kopir.rules.money import tiyn

register = template.Library()


@register.filter
def tenge(amount: Decimal | int | None) -> str:
    """An amount in tenge, formatted for the page's language."""
    if amount is None:
        return ""
    return formats.tenge(tiyn(Decimal(amount)), current_language())


@register.filter
def local_date(value: str | date | None) -> str:
    """An ISO date (or a date) in the page's language: "2026 жылғы 7 желтоқсан", "7 декабря 2026 г."."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(value)
    return formats.day(day, current_language())


@register.filter
def month_name(value: str) -> str:
    """A contract month ``2025-07`` as a month name and year in the page's language."""
    return formats.month(date.fromisoformat(f"{value}-01"), current_language())
