"""What each published indicator means, in kk/ru/en (the metadata's definitions and the portal's labels).

The ids are the indicator engine's (``kopir.statistics``); an indicator unknown here is still
published, with its id as its name and a definition that says it has none yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kopir.rules.law import LANGUAGES

METHODOLOGY_VERSION = "1"


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
    "retention_12m": Indicator(
        _("Retention rate after 12 months (GRI 401-3 d, e)"),
        _(
            "Returners of the previous year still employed 365 days after their return, divided by all "
            "returners of the previous year, in percent."
        ),
    ),
    "exits": Indicator(
        _("Exits during or after leave"),
        _("Separations during leave or within 12 months after the return, by destination."),
    ),
    "time_to_return": Indicator(
        _("Time to return"),
        _(
            "Episodes by months from the birth to the first working day; episodes still on leave "
            "are counted apart, as not returned yet."
        ),
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


def name_of(indicator: str) -> str:
    known = CATALOGUE.get(indicator)
    return str(known.name) if known else indicator


def definitions(indicators: list[str]) -> dict[str, dict[str, dict[str, str]]]:
    """For each indicator its name and definition in every language (the release metadata)."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for indicator in indicators:
        known = CATALOGUE.get(indicator)
        names: dict[str, str] = {}
        texts: dict[str, str] = {}
        for lang in LANGUAGES:
            with translation.override(lang):
                names[lang] = str(known.name) if known else indicator
                texts[lang] = str(known.definition if known else NO_DEFINITION)
        found[indicator] = {"name": names, "definition": texts}
    return found
