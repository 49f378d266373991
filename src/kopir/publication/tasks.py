"""The release as a background job (huey): the provider is named by its dotted path, so the job can
be queued from anywhere (a page, the admin, cron) and run by the consumer beside the server."""

from __future__ import annotations

from datetime import date

from huey.contrib.djhuey import db_task

from kopir.disclosure import load_policy
from kopir.publication import selectors
from kopir.publication.cli import DEFAULT_PROVIDER, load_provider
from kopir.publication.services import publish_release


@db_task()
def publish_release_job(year: int, provider: str = DEFAULT_PROVIDER, policy: str = "sdc-v1") -> int:
    """Publish YEAR's release from the cells ``provider`` (``module:function``) gives; the release id."""
    release = publish_release(
        load_provider(provider)(year),
        year=year,
        cut_off=date.today(),  # noqa: DTZ011 - the cut-off is a local date
        policy=load_policy(policy),
        bodies=selectors.body_hierarchy(),
    )
    return int(release.pk)
