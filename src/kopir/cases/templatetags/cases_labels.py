"""The label of an episode status in the page's language (lists annotate the raw value)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from kopir.cases.models import EpisodeStatus

register = template.Library()


@register.simple_tag
def status_label(status: str | None) -> str:
    return str(EpisodeStatus(status).label) if status else ""


FILTER_LABELS = {
    "": _("All employees"),
    "on_leave": _("On leave"),
    "return_due": _("Return due"),
    "decision_overdue": _("Decision overdue"),
}


@register.simple_tag
def filter_label(status: str) -> str:
    """The name of one of the employee list's filters (`kopir.cases.selectors.STATUS_FILTERS`)."""
    return str(FILTER_LABELS[status])
