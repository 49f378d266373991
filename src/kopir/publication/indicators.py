"""What each published indicator means, in kk/ru/en (the metadata's definitions and the portal's labels).

The ids are the indicator engine's (``kopir.statistics.engine.INDICATORS``). The names here are
the portal's and GRI's wording; an indicator without one takes its name and definition from the
methodology catalogue (`kopir.statistics.methodology`), and every one links to its methodology page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kopir.rules.law import LANGUAGES
from kopir.statistics.methodology import BY_ID, METHODOLOGY_VERSION

__all__ = ["CATALOGUE", "METHODOLOGY_VERSION", "definitions"]


@dataclass(frozen=True)
class Indicator:
    name: Promise
    definition: Promise


CATALOGUE: dict[str, Indicator] = {
    "entitled": Indicator(
        _("Entitled to parental leave (GRI 401-3 a)"),
        _("Employees on 31 December; every employee may take childcare leave (Labour Code, art. 100)."),
    ),
    "took_leave": Indicator(
        _("Took parental leave (GRI 401-3 b)"),
        _("Employees with at least one day of maternity, adoption or childcare leave in the year."),
    ),
    "due_to_return": Indicator(
        _("Due to return"),
        _("Leave episodes whose leave ended in the year; episodes still on leave on 31 December are left out."),
    ),
    "returned": Indicator(
        _("Returned to work (GRI 401-3 c)"),
        _("Episodes due to return with a first working day in the year."),
    ),
    "return_rate": Indicator(
        _("Return-to-work rate (GRI 401-3 e)"),
        _("Returned to work divided by due to return, in percent."),
    ),
    "retention_rate": Indicator(
        _("Retention rate after 12 months (GRI 401-3 d, e)"),
        _(
            "Returners of the previous year still employed 365 days after their return, divided by all "
            "returners of the previous year, in percent."
        ),
    ),
    "exits_during_leave": Indicator(
        _("Exits during leave"),
        _("Separations in the year of employees on leave, by reason, destination and post."),
    ),
    "exits_after_return_12m": Indicator(
        _("Exits within 12 months after the return"),
        _("Separations in the year within 12 months after the employee's latest return, by destination."),
    ),
    "women_managerial_share": Indicator(
        _("Women in managerial posts"),
        _("Women among the holders of managerial posts (head of sector and above), in percent."),
    ),
    "women_senior_share": Indicator(
        _("Women in senior posts"),
        _("Women among the holders of senior posts (political, corps A and heads of central departments)."),
    ),
    "pay_gap_mean": Indicator(
        _("Gender pay gap (mean)"),
        _("(Mean pay of men minus mean pay of women) divided by mean pay of men, in percent; full-pay staff."),
    ),
    "pay_gap_median": Indicator(
        _("Gender pay gap (median)"),
        _("(Median pay of men minus median pay of women) divided by median pay of men, in percent."),
    ),
}
NO_DEFINITION = _("No definition has been written for this indicator yet.")


def _wording(indicator: str) -> Indicator | None:
    known = CATALOGUE.get(indicator)
    if known is None and indicator in BY_ID:
        known = Indicator(BY_ID[indicator].name, BY_ID[indicator].definition)
    return known


def name_of(indicator: str) -> str:
    known = _wording(indicator)
    return str(known.name) if known else indicator


def methodology_url(indicator: str) -> str | None:
    """The indicator's methodology page in the active language (None for an id the engine lacks)."""
    known = BY_ID.get(indicator)
    return reverse("statistics:indicator", args=[known.slug]) if known else None


def definitions(indicators: list[str]) -> dict[str, dict[str, dict[str, str]]]:
    """For each indicator its name, definition and methodology page in every language (the metadata)."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for indicator in indicators:
        known = _wording(indicator)
        names: dict[str, str] = {}
        texts: dict[str, str] = {}
        pages: dict[str, str] = {}
        for lang in LANGUAGES:
            with translation.override(lang):
                names[lang] = str(known.name) if known else indicator
                texts[lang] = str(known.definition if known else NO_DEFINITION)
                pages[lang] = methodology_url(indicator) or ""
        found[indicator] = {"name": names, "definition": texts, "methodology": pages}
    return found
