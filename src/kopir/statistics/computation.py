"""The exact indicators computed straight from the database, for the commands and the release.

Not a selector: it takes no viewer and logs nothing, because its callers are trusted (``kopir stats
compute`` run by an operator, and the release that protects the cells before anyone sees them).
Pages reach exact figures only through `kopir.statistics.selectors`.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from kopir.statistics.cells import Cell
from kopir.statistics.engine import compute, only_body
from kopir.statistics.extract import extract


def compute_cells(year: int, body: str | None = None, *, as_of: date | None = None) -> list[Cell]:
    """The exact indicators of `year` for every body (with regional and national margins) or for one."""
    cells = compute(extract(body), year, as_of or timezone.localdate())
    return only_body(cells) if body is not None else cells
