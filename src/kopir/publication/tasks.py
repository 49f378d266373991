"""The release as a background job (huey), queued from anywhere (a page, the admin, cron) and run by
the consumer beside the server.

The cells are the engine's (`kopir.publication.selection.release_cells`, a plain import); a job may
name another provider by its dotted path ``module:function``, since a queued job carries only text.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date

from huey.contrib.djhuey import db_task

from kopir.disclosure import load_policy
from kopir.publication import selectors
from kopir.publication.selection import release_cells
from kopir.publication.services import publish_release
from kopir.statistics.cells import Cell

Provider = Callable[[int], list[Cell]]


def load_provider(path: str) -> Provider:
    """``module:function`` -> the function; LookupError naming the path when it cannot be found."""
    module_name, _, function = path.partition(":")
    try:
        provider = getattr(importlib.import_module(module_name), function)
    except (ImportError, AttributeError):
        raise LookupError(f"no cells provider {path!r}: name one as module:function") from None
    return provider  # type: ignore[no-any-return]


@db_task()
def publish_release_job(year: int, provider: str | None = None, policy: str = "sdc-v1") -> int:
    """Publish YEAR's release from the engine's cells, or from those ``provider`` gives; the release id."""
    release = publish_release(
        load_provider(provider)(year) if provider else release_cells(year),
        year=year,
        cut_off=date.today(),  # noqa: DTZ011 - the cut-off is a local date
        policy=load_policy(policy),
        bodies=selectors.body_hierarchy(),
    )
    return int(release.pk)
