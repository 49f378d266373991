"""The label of an episode status in the page's language (lists annotate the raw value)."""

from __future__ import annotations

from django import template

from kopir.cases.models import EpisodeStatus

register = template.Library()


@register.simple_tag
def status_label(status: str | None) -> str:
    return str(EpisodeStatus(status).label) if status else ""
