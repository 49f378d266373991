"""What a check compared, in the page's language: posts by name and grade, a raise as a percentage."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from kopir.interface.language import current_language
from kopir.organisation.models import Corps, ManagerialLevel, Position
from kopir.rules import formats

register = template.Library()


@register.simple_tag
def post_summary(post: dict[str, Any] | None) -> str:
    """A post as a check recorded it: its name, corps, category and managerial level."""
    if not post:
        return ""
    position = Position.objects.filter(pk=int(post.get("id") or 0)).first()
    grade = [
        str(Corps(post["corps"]).label) if post.get("corps") in Corps.values else str(post.get("corps", "")),
        str(post.get("category") or ""),
        str(ManagerialLevel(post["managerial_level"]).label)
        if post.get("managerial_level") in ManagerialLevel.values
        else "",
    ]
    described = ", ".join(part for part in grade if part)
    return f"{position.name} ({described})" if position is not None else described


@register.filter
def percent(fraction: str | Decimal | None) -> str:
    """A fraction (``"0.050000"``) as a percentage with two decimals in the page's language: 5,00%."""
    try:
        value = Decimal(fraction) if fraction is not None else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        return ""
    return formats.percent(value, current_language(), 2, exact=True)
