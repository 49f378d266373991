"""``{% figure f unit %}``: a published figure, or the marked reason it is not shown."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kopir.interface.language import current_language
from kopir.publication.figures import Figure
from kopir.rules import formats

register = template.Library()


@register.simple_tag
def figure(found: Figure, unit: str = "") -> SafeString:
    if found.state == "suppressed" or (found.state == "shown" and found.value is None):
        explanation = _("Suppressed to protect small groups")
        return format_html(
            '<abbr class="suppressed" title="{}">..</abbr><span class="visually-hidden"> {}</span>',
            explanation,
            explanation,
        )
    if found.state == "missing" or found.value is None:
        explanation = _("Not published")
        return format_html(
            '<span class="not-published" title="{}">—</span><span class="visually-hidden"> {}</span>',
            explanation,
            explanation,
        )
    value: Decimal = found.value
    places = 1 if value % 1 else 0
    return format_html("{}{}", formats.number(value, current_language(), places, exact=True), unit)
