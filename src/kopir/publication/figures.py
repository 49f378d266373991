"""A release's cells arranged for reading: look up a figure by where it sits, say why one is missing.

A figure is either shown, suppressed (status says so) or not published at all (the release has no
such cell: the indicator is missing, or a small body was rolled up); the portal marks the last two
differently so that a reader never mistakes a protected cell for a gap in the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from kopir.publication.models import Release
from kopir.statistics.cells import ALL

Where = tuple[str, str, str, str, str]  # indicator, sex, region, body, breakdown


@dataclass(frozen=True)
class Figure:
    """One figure as the portal shows it: a value, or the reason there is none."""

    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    state: str = "shown"  # shown, suppressed, missing

    @property
    def shown(self) -> bool:
        return self.state == "shown" and self.value is not None


MISSING = Figure(None, state="missing")


class ReleaseFigures:
    """The cells of one release, indexed by where they sit (one period: the release's year)."""

    def __init__(self, release: Release) -> None:
        self.release = release
        self.index: dict[Where, dict[str, Any]] = {}
        for record in release.cells:
            if record["period"] == str(release.year):
                where = (record["indicator"], record["sex"], record["region"], record["body"], record["breakdown"])
                self.index[where] = record
        self.indicators = {where[0] for where in self.index}
        # the engine files a body's cells under its region: a body named alone is found there
        self.region_of = {where[3]: where[2] for where in self.index if where[3] != ALL and where[2] != ALL}

    def get(self, indicator: str, *, sex: str = ALL, region: str = ALL, body: str = ALL, breakdown: str = "") -> Figure:
        if body != ALL and region == ALL:
            region = self.region_of.get(body, ALL)
        record = self.index.get((indicator, sex, region, body, breakdown))
        if record is None:
            return MISSING
        if record["status"].startswith("suppressed"):
            return Figure(None, record["numerator"], record["denominator"], state="suppressed")
        value = record["value"]
        return Figure(Decimal(str(value)) if value is not None else None, record["numerator"], record["denominator"])

    def values_of(self, indicator: str, position: int) -> list[str]:
        """The distinct values one dimension takes for an indicator (position 1 sex ... 4 breakdown)."""
        return sorted({where[position] for where in self.index if where[0] == indicator})

    def regions(self) -> list[str]:
        return sorted({where[2] for where in self.index if where[2] != ALL})

    def bodies(self) -> list[str]:
        return sorted({where[3] for where in self.index if where[3] not in (ALL, "other")})


def figures_of(release_id: int) -> ReleaseFigures | None:
    """The indexed figures of a release, built once per process (a release never changes).

    The cache is keyed by the id and the publication time, read with one small query: an id alone
    could name another release after a test database is emptied."""
    stamp = Release.objects.filter(pk=release_id).values_list("created_at", flat=True).first()
    return None if stamp is None else _figures(release_id, stamp.isoformat())


@lru_cache(maxsize=32)
def _figures(release_id: int, stamp: str) -> ReleaseFigures:
    return ReleaseFigures(Release.objects.get(pk=release_id))
