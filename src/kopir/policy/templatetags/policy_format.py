"""Numbers of the costing page in the page's language: billions, whole tenge, shares.

They go through ``kopir.rules.formats``, the one formatter of every page, chart and export.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from kopir.interface.language import current_language
from kopir.microsim import results
from kopir.rules import formats

register = template.Library()


@register.filter
def billions(amount: float) -> str:
    """An amount in tenge as billions with two decimals: 41.36 in en, 41,36 in kk and ru."""
    return results.billions(amount, current_language())


@register.filter
def whole(amount: float) -> str:
    """A number rounded to a whole one, grouped: 409,941 in en, 409 941 in kk and ru."""
    return formats.number(amount, current_language(), 0)


@register.filter
def rounded(amount: float) -> int:
    """A count rounded to a whole number, to choose a sentence's plural form (the text shows it with `whole`)."""
    return round(amount)


@register.filter
def share(value: float) -> str:
    """A share as a percentage with one decimal (a levy rate with four); never "-0,0%"."""
    places = 4 if 0 < abs(value) < 0.01 else 1
    return formats.percent(value, current_language(), places, exact=True)


@register.filter
def entry(mapping: Mapping[str, Any], key: str) -> Any:
    """The value of `key` in `mapping`, or None (a template cannot index a mapping by a variable)."""
    return mapping.get(str(key))
