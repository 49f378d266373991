"""A release of the demo data: what `kopir serve` publishes after loading the demo, so that the
portal shows figures on its first run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from kopir.disclosure import load_policy
from kopir.publication import selectors
from kopir.publication.models import Release
from kopir.publication.selection import release_cells
from kopir.publication.services import publish_release
from kopir.statistics.cells import Cell


def publish_demo_release(
    provider: Callable[[int], list[Cell]] = release_cells, *, year: int | None = None, today: date | None = None
) -> Release:
    """Publish the last full year's release (or ``year``'s) under sdc-v1, with the bodies' roll-up."""
    today = today or date.today()  # noqa: DTZ011 - a local date
    year = year or demo_release_year(today)
    return publish_release(
        provider(year),
        year=year,
        cut_off=today,
        policy=load_policy("sdc-v1"),
        bodies=selectors.body_hierarchy(),
    )


def queue_demo_release(today: date | None = None) -> int:
    """Queue the demo release as a background job (the consumer beside the server publishes it); its year.

    Publishing takes most of a minute on a loaded machine: `kopir serve` queues it instead of making
    the first page wait for it (issue 15).
    """
    from kopir.publication.tasks import publish_release_job  # noqa: PLC0415 - the tasks module imports huey's queue

    year = demo_release_year(today or date.today())  # noqa: DTZ011 - a local date
    publish_release_job(year)
    return year


def demo_release_year(today: date) -> int:
    """The last full year: the demo's release year."""
    return today.year - 1
