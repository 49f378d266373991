"""The result page's helpers: a date of her timeline, the dates she acts on, a comparison's amounts.

The sentences themselves are in the templates (translated there, formatted with ``kopir_format``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()

KEPT_MARKS = ("_deadline", "_payment_expected")


@register.simple_tag
def timeline_date(result: dict[str, Any], mark_id: str) -> str | None:
    """The date of one mark of her timeline (None when the timeline has no such mark)."""
    return next((mark["date"] for mark in result["timeline"] if mark["id"] == mark_id), None)


@register.simple_tag
def deadlines_of(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The timeline's dates she acts on: when each payment is expected and the last day to apply."""
    return [mark for mark in result["timeline"] if mark["id"].endswith(KEPT_MARKS)]


@register.filter
def amount_of(variant: Any, which: str) -> Any:
    """``variant|amount_of:"maternity net"``: one payment's amount in a comparison column (None: not computed)."""
    payment_id, key = which.split()
    return variant.amount(payment_id, key)


@register.filter
def childcare_total(variant: Any) -> Decimal | None:
    """All the childcare payments of a comparison column to the age of 1.5 (they fall after an early return)."""
    if variant.result is None:
        return None
    schedules = (payment.get("schedule") or [] for payment in variant.result["payments"])
    return sum((Decimal(row["net"]) for schedule in schedules for row in schedule), Decimal(0))
