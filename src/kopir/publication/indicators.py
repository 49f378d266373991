"""What each published indicator means, in kk/ru/en (the metadata's definitions and the portal's labels).

The ids are the indicator engine's (``kopir.statistics.engine.INDICATORS``). The labels here are
the portal's and GRI's wording of a name; an indicator without one takes the methodology's name. The
definition is always the methodology catalogue's (`kopir.statistics.methodology`), and every
indicator links to its methodology page.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kopir.rules.law import LANGUAGES
from kopir.statistics.methodology import BY_ID, METHODOLOGY_VERSION

__all__ = ["LABELS", "METHODOLOGY_VERSION", "definitions", "name_of"]


# The portal and GRI wording of a name (with its GRI item); definitions are the methodology's only,
# so that a release and the methodology pages can never say two different things.
LABELS: dict[str, Promise] = {
    "entitled": _("Entitled to parental leave (GRI 401-3 a)"),
    "took_leave": _("Took parental leave (GRI 401-3 b)"),
    "due_to_return": _("Due to return"),
    "returned": _("Returned to work (GRI 401-3 c)"),
    "return_rate": _("Return-to-work rate (GRI 401-3 e)"),
    "retention_rate": _("Retention rate after 12 months (GRI 401-3 d, e)"),
    "exits_during_leave": _("Exits during leave"),
    "exits_after_return_12m": _("Exits within 12 months after the return"),
    "women_managerial_share": _("Women in managerial posts"),
    "women_senior_share": _("Women in senior posts"),
    "pay_gap_mean": _("Gender pay gap (mean)"),
    "pay_gap_median": _("Gender pay gap (median)"),
}
NO_DEFINITION = _("No definition has been written for this indicator yet.")


def name_of(indicator: str) -> str:
    """The label, else the methodology's name, else the id itself."""
    if indicator in LABELS:
        return str(LABELS[indicator])
    return str(BY_ID[indicator].name) if indicator in BY_ID else indicator


def methodology_url(indicator: str) -> str | None:
    """The indicator's methodology page in the active language (None for an id the engine lacks)."""
    known = BY_ID.get(indicator)
    return reverse("statistics:indicator", args=[known.slug]) if known else None


def definitions(indicators: list[str]) -> dict[str, dict[str, dict[str, str]]]:
    """For each indicator its name, definition and methodology page in every language (the metadata)."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for indicator in indicators:
        known = BY_ID.get(indicator)
        names: dict[str, str] = {}
        texts: dict[str, str] = {}
        pages: dict[str, str] = {}
        for lang in LANGUAGES:
            with translation.override(lang):
                names[lang] = name_of(indicator)
                texts[lang] = str(known.definition if known else NO_DEFINITION)
                pages[lang] = methodology_url(indicator) or ""
        found[indicator] = {"name": names, "definition": texts, "methodology": pages}
    return found
