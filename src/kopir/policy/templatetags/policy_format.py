"""Numbers of the costing page in the page's language (Babel): billions, whole tenge, shares."""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent
from django import template

from kopir.interface.language import current_language

register = template.Library()
BILLION = 1e9


@register.filter
def billions(amount: float) -> str:
    """An amount in tenge as billions with two decimals: 41.36."""
    return format_decimal(amount / BILLION, format="#,##0.00", locale=current_language())


@register.filter
def whole(amount: float) -> str:
    """A number rounded to a whole one, grouped: 409,941 in en, 409 941 in kk and ru."""
    return format_decimal(round(amount), format="#,##0", locale=current_language())


@register.filter
def share(value: float) -> str:
    """A share as a percentage with one decimal (a levy rate with four)."""
    pattern = "#,##0.0000%" if 0 < abs(value) < 0.01 else "#,##0.0%"
    return format_percent(value, format=pattern, locale=current_language())
