"""A release of the demo data, for the integrator to call after ``kopir demo`` once the engine exists:

from kopir.statistics import compute_cells
publish_demo_release(compute_cells)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from kopir.disclosure import load_policy
from kopir.publication import selectors
from kopir.publication.models import Release
from kopir.publication.services import publish_release
from kopir.statistics.cells import Cell


def publish_demo_release(
    provider: Callable[[int], list[Cell]], *, year: int | None = None, today: date | None = None
) -> Release:
    """Publish the last full year's release (or ``year``'s) under sdc-v1, with the bodies' roll-up."""
    today = today or date.today()  # noqa: DTZ011 - a local date
    year = year or today.year - 1
    return publish_release(
        provider(year),
        year=year,
        cut_off=today,
        policy=load_policy("sdc-v1"),
        bodies=selectors.body_hierarchy(),
    )
