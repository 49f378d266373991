"""Names of the payments and payers in the page's language, and the explanation steps of a payment."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

PAYMENT_TITLES = {
    "birth_allowance": _("One-time allowance at the birth of a child"),
    "maternity": _("Maternity payment (pregnancy and birth, or adoption)"),
    "childcare_gfss": _("Childcare payment to the age of 1.5 (social insurance)"),
    "childcare_allowance": _("State childcare allowance to the age of 1.5"),
}
PAYERS = {
    "state_budget": _("Paid from the state budget"),
    "gfss": _("Paid by the State Social Insurance Fund (GFSS)"),
}


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
