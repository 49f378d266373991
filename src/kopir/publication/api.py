"""The open-data API (contract open-data v1): the list of releases, one release as JSON, as CSV.

Public and read-only: no sign-in, throttled per address like the calculator. A release never
changes, so its responses may be cached by anyone for a long time.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import P, PathEx, Router

from kopir.interface.api import (
    MALFORMED_DOCUMENTED,
    MAX_RECORD_ID,
    TOO_MANY_DOCUMENTED,
    PublicRateThrottle,
    api_language,
    errors_documented,
    errors_response,
    json_response,
)
from kopir.publication import selectors
from kopir.publication.figures import figures_of
from kopir.publication.models import Release
from kopir.publication.records import cells_csv, contract_row, metadata
from kopir.rules.errors import FieldError
from kopir.rules.i18n import N_

NO_RELEASE = N_("There is no release with this number.")
IMMUTABLE_CACHE = "public, max-age=86400, immutable"

router = Router(tags=["open data"])
ReleaseId = PathEx[int, P(ge=1, le=MAX_RECORD_ID)]
"""A release number; one no database row could have (0, -1, 2**63) is a 422, never a query."""
LIST_RESPONSES: dict[int, Any] = {429: TOO_MANY_DOCUMENTED}
RELEASE_RESPONSES: dict[int, Any] = {
    404: errors_documented("No release has this number."),
    422: MALFORMED_DOCUMENTED,
    429: TOO_MANY_DOCUMENTED,
}


def _summary(release: Release) -> dict[str, Any]:
    return {
        "id": release.pk,
        "year": release.year,
        "created_at": release.created_at.isoformat(),
        "cut_off": release.cut_off.isoformat(),
        "policy": f"{release.policy_name}-v{release.policy_version}",
        "methodology_version": release.methodology_version,
        "replaces": release.replaces_id,
        "json": reverse("api-v1:open_data_release", args=[release.pk]),
        "csv": reverse("api-v1:open_data_release_csv", args=[release.pk]),
    }


def _release(release_id: int) -> Release | None:
    figures = figures_of(release_id)
    return figures.release if figures else None


def _missing(request: HttpRequest) -> HttpResponse:
    return errors_response([FieldError("release", NO_RELEASE)], 404, api_language(request))


@router.get(
    "/open-data/releases",
    summary="The published releases, newest first",
    throttle=[PublicRateThrottle()],
    url_name="open_data_releases",
    openapi_extra={"responses": LIST_RESPONSES},
)
def release_list(request: HttpRequest) -> HttpResponse:
    return json_response({"releases": [_summary(release) for release in selectors.releases()]})


@router.get(
    "/open-data/releases/{release_id}.csv",
    summary="One release's cells as CSV",
    throttle=[PublicRateThrottle()],
    url_name="open_data_release_csv",
    openapi_extra={"responses": RELEASE_RESPONSES},
)
def release_csv(request: HttpRequest, release_id: ReleaseId) -> HttpResponse:
    release = _release(release_id)
    if release is None:
        return _missing(request)
    response = HttpResponse(cells_csv(release), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kopir-release-{release.pk}-cells.csv"'
    response["Cache-Control"] = IMMUTABLE_CACHE
    return response


@router.get(
    "/open-data/releases/{release_id}",
    summary="One release: its metadata and its cells",
    throttle=[PublicRateThrottle()],
    url_name="open_data_release",
    openapi_extra={"responses": RELEASE_RESPONSES},
)
def release_detail(request: HttpRequest, release_id: ReleaseId) -> HttpResponse:
    release = _release(release_id)
    if release is None:
        return _missing(request)
    document = metadata(release) | {"cells": [contract_row(record) for record in release.cells]}
    response = json_response(document)
    response["Cache-Control"] = IMMUTABLE_CACHE
    return response
