"""Reads of releases. Releases are public and immutable: no access check, and a parsed release can
be cached for as long as the process lives (it never changes under the cache)."""

from __future__ import annotations

from kopir.disclosure import BodyNode
from kopir.organisation.models import StateBody
from kopir.publication.models import Release


def releases() -> list[Release]:
    """Every release, newest first (the open-data list)."""
    return list(Release.objects.defer("cells").order_by("-created_at", "-id"))


def release(release_id: int) -> Release | None:
    return Release.objects.filter(pk=release_id).first()


def current_releases() -> dict[int, int]:
    """Per year the id of the newest release (a correction supersedes the release it replaces)."""
    return dict(Release.objects.order_by("created_at", "id").values_list("year", "id"))


def body_hierarchy() -> dict[str, BodyNode]:
    """The state bodies as the roll-up needs them: each code with its parent's code and its region."""
    return {
        code: BodyNode(parent, region)
        for code, parent, region in StateBody.objects.values_list("code", "parent__code", "region_iso")
    }
