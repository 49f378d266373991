"""The case records over JSON: the same selectors (and so the same access) as the pages.

Session authentication (the signed-in user); 401 without it, 403 for a record outside the
viewer's reach (logged), 409 when the episode changed since the version the client sent.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from kopir.accounts.models import AccessAction, Role, User
from kopir.accounts.services import access_log_record
from kopir.cases.models import SegmentKind
from kopir.cases.selectors import employees_visible_to, episode_get
from kopir.cases.services.leave import childcare_days_remaining, leave_segment_add
from kopir.cases.services.locking import ConcurrentEdit

router = Router(tags=["cases"], auth=django_auth)
SIGN_IN_FIRST = _("Sign in first.")
NOT_ALLOWED = _("Your role does not give access to this record.")
WRITERS = frozenset({Role.HR_OFFICER, Role.ADMINISTRATOR})


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


class SegmentIn(Schema):
    kind: SegmentKind
    planned_start: date
    planned_end: date
    version: int
    document: str = ""


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


@router.get("/employees", response=list[EmployeeOut])
def employee_list(request: HttpRequest, limit: int = 50, offset: int = 0) -> list[EmployeeOut]:
    """The employees the signed-in user may see, 50 at a time."""
    viewer = _viewer(request)
    employees = employees_visible_to(viewer)[offset : offset + min(limit, 200)]
    access_log_record(
        actor=viewer,
        action=AccessAction.READ,
        record=viewer,
        subject_id=None,
        detail=f"API employee list offset {offset}",
    )
    return [EmployeeOut(id=e.pk, full_name=e.full_name, body=e.body.code, position=e.position.name) for e in employees]


@router.get("/episodes/{episode_id}", response=EpisodeOut)
def episode_detail(request: HttpRequest, episode_id: int) -> EpisodeOut:
    return _episode_out(episode_id, _viewer(request))


@router.post("/episodes/{episode_id}/segments", response={201: EpisodeOut})
def segment_create(request: HttpRequest, episode_id: int, segment: SegmentIn) -> Status[EpisodeOut]:
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
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None
    return Status(201, _episode_out(episode_id, viewer))
