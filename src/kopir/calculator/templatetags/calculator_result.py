"""Names of the payments and payers in the page's language, and the explanation steps of a payment."""

from __future__ import annotations

from typing import Any

from django import template

from kopir.interface.payment_names import PAYERS, PAYMENT_TITLES

register = template.Library()


@register.simple_tag
def payment_title(payment_id: str) -> str:
    return str(PAYMENT_TITLES[payment_id])


@register.simple_tag
def payer_name(payer: str) -> str:
    return str(PAYERS[payer])


@register.simple_tag
def steps_of(result: dict[str, Any], payment: str) -> list[dict[str, Any]]:
    """The explanation steps that belong to one payment (or to the leave)."""
    return [step for step in result["explanation"] if step["payment"] == payment]


@register.filter
def web_link(href: str | None) -> str:
    """`href` when it is a web address to link to, else empty.

    A reform's basis is cited with a ``kopir:reform:`` address: it has a title but no page, so
    the page prints it as text instead of a link that goes nowhere.
    """
    return href if href and href.startswith("https://") else ""
