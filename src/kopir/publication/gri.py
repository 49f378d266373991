"""GRI 401-3 (parental leave) for one body, from a release: what the body copies into its annual report.

401-3 a entitled, b took leave, c returned, d still employed 12 months after returning (the
numerator of the retention rate), e the return-to-work and retention rates; each by sex.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kopir.publication.figures import Figure, ReleaseFigures

SEXES = ("F", "M", "all")


@dataclass(frozen=True)
class GriLine:
    item: str
    label: Promise
    unit: str
    figures: tuple[Figure, ...]  # women, men, all


def gri_401_3(figures: ReleaseFigures, body: str) -> list[GriLine]:
    def each(indicator: str) -> tuple[Figure, ...]:
        return tuple(figures.get(indicator, sex=sex, body=body) for sex in SEXES)

    return [
        GriLine("401-3-a", _("Employees entitled to parental leave"), "", each("entitled")),
        GriLine("401-3-b", _("Employees who took parental leave"), "", each("took_leave")),
        GriLine("401-3-c", _("Employees who returned to work after leave ended"), "", each("returned")),
        GriLine(
            "401-3-d",
            _("Returners still employed 12 months after their return"),
            "",
            each("retained_12m"),
        ),
        GriLine("401-3-e", _("Return-to-work rate"), "%", each("return_rate")),
        GriLine("401-3-e", _("Retention rate"), "%", each("retention_rate")),
    ]
