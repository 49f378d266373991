"""The case records over JSON: the same selectors (and so the same access) as the pages.

Session authentication (the signed-in user); 401 without it, 403 for a record outside the
viewer's reach or that does not exist (logged; an id reveals nothing), 409 when the episode changed
since the version the client sent, 422 (the contract's errors object) for a parameter or body
that cannot be accepted, ids beyond a database integer included.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import P, PathEx, QueryEx, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from kopir.accounts.models import AccessAction, Role, User
from kopir.accounts.services import access_log_record
from kopir.cases.models import LeaveSegment, SegmentKind
from kopir.cases.selectors import employees_visible_to, episode_get
from kopir.cases.services.leave import childcare_days_remaining, leave_segment_add
from kopir.cases.services.locking import ConcurrentEdit
from kopir.interface.api import (
    MALFORMED_DOCUMENTED,
    MAX_RECORD_ID,
    api_language,
    detail_documented,
    errors_documented,
    errors_response,
)
from kopir.rules.errors import FieldError
from kopir.rules.request import EARLIEST_DATE, LATEST_DATE

router = Router(tags=["cases"], auth=django_auth)
SIGN_IN_FIRST = _("Sign in first.")
NOT_ALLOWED = _("Your role does not give access to this record.")
WRITERS = frozenset({Role.HR_OFFICER, Role.ADMINISTRATOR})
PAGE = 200
"""The most employees one request returns."""
MAX_OFFSET = 10**12
"""Far beyond any body's staff, and far from overflowing the database's integers when a page is added."""
EpisodeId = PathEx[int, P(ge=1, le=MAX_RECORD_ID)]

SIGNED_IN_RESPONSES: dict[int, Any] = {
    401: detail_documented("Not signed in."),
    422: MALFORMED_DOCUMENTED,
}
EPISODE_RESPONSES: dict[int, Any] = {
    **SIGNED_IN_RESPONSES,
    403: detail_documented("No episode with this id that the signed-in user's role may see (logged)."),
}
SEGMENT_RESPONSES: dict[int, Any] = {
    **EPISODE_RESPONSES,
    409: detail_documented("The episode changed since the version sent; read it again."),
    413: errors_documented("The body is larger than the limit."),
    415: errors_documented("The body is not declared as JSON in UTF-8 (Content-Type)."),
    422: errors_documented(
        "The segment cannot be added (it overlaps, or breaks a rule of the leave chain), or the body or a "
        "parameter cannot be accepted; every problem names its field."
    ),
}


class EmployeeOut(Schema):
    id: int
    full_name: str
    body: str
    position: str


class SegmentOut(Schema):
    kind: str
    planned_start: date
    planned_end: date
    actual_start: date | None
    actual_end: date | None


class EpisodeOut(Schema):
    id: int
    employee_id: int
    kind: str
    status: str
    version: int
    childcare_days_remaining: int
    segments: list[SegmentOut]


DOCUMENT_LENGTH = LeaveSegment._meta.get_field("document").max_length  # noqa: SLF001 - Django's Options API
PlausibleDate = Annotated[date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
"""A date within the range every door of Kopir accepts (no leave in year 9999)."""


class SegmentIn(Schema):
    kind: SegmentKind
    planned_start: PlausibleDate
    planned_end: PlausibleDate
    version: Annotated[int, Field(ge=0, le=MAX_RECORD_ID)]
    document: Annotated[str, Field(max_length=DOCUMENT_LENGTH)] = ""


def _viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise HttpError(401, str(SIGN_IN_FIRST))
    return user


def _episode_out(episode_id: int, viewer: User) -> EpisodeOut:
    try:
        episode = episode_get(viewer=viewer, episode_id=episode_id)
    except PermissionDenied:
        raise HttpError(403, str(NOT_ALLOWED)) from None
    segments = [SegmentOut.model_validate(s, from_attributes=True) for s in episode.segments.order_by("planned_start")]
    return EpisodeOut(
        id=episode.pk,
        employee_id=episode.employee_id,
        kind=episode.kind,
        status=episode.status,
        version=episode.version,
        childcare_days_remaining=childcare_days_remaining(episode),
        segments=segments,
    )


@router.get("/employees", response=list[EmployeeOut], openapi_extra={"responses": SIGNED_IN_RESPONSES})
def employee_list(
    request: HttpRequest,
    limit: QueryEx[int, P(ge=1, le=PAGE)] = 50,
    offset: QueryEx[int, P(ge=0, le=MAX_OFFSET)] = 0,
) -> list[EmployeeOut]:
    """The employees the signed-in user may see, 50 at a time; a `limit` over 200 is a 422 naming it."""
    viewer = _viewer(request)
    employees = employees_visible_to(viewer)[offset : offset + limit]
    access_log_record(
        actor=viewer,
        action=AccessAction.READ,
        record=viewer,
        subject_id=None,
        detail=f"API employee list offset {offset}",
    )
    return [EmployeeOut(id=e.pk, full_name=e.full_name, body=e.body.code, position=e.position.name) for e in employees]


@router.get("/episodes/{episode_id}", response=EpisodeOut, openapi_extra={"responses": EPISODE_RESPONSES})
def episode_detail(request: HttpRequest, episode_id: EpisodeId) -> EpisodeOut:
    return _episode_out(episode_id, _viewer(request))


@router.post(
    "/episodes/{episode_id}/segments", response={201: EpisodeOut}, openapi_extra={"responses": SEGMENT_RESPONSES}
)
def segment_create(
    request: HttpRequest, episode_id: EpisodeId, segment: SegmentIn
) -> Status[EpisodeOut] | HttpResponse:
    """Add annual or childcare leave to the chain (HR officers); 409 if the version moved on."""
    viewer = _viewer(request)
    if viewer.role not in WRITERS:
        raise HttpError(403, str(NOT_ALLOWED))
    try:
        episode = episode_get(viewer=viewer, episode_id=episode_id)
        leave_segment_add(
            episode=episode,
            kind=segment.kind,
            planned_start=segment.planned_start,
            planned_end=segment.planned_end,
            expected_version=segment.version,
            actor=viewer,
            today=timezone.localdate(),
            document=segment.document,
        )
    except PermissionDenied:
        raise HttpError(403, str(NOT_ALLOWED)) from None
    except ConcurrentEdit as error:
        raise HttpError(409, " ".join(error.messages)) from None
    except ValidationError as error:  # already in the user's language (Django's gettext)
        problems = [FieldError("segment", message) for message in error.messages]
        return errors_response(problems, 422, api_language(request))
    return Status(201, _episode_out(episode_id, viewer))
