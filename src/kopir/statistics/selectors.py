"""Reads of the statistics, always through the viewer: who may see which exact figures.

The exact tier (cells as computed, before disclosure control) can single out a woman in a small
office, so it is not public:

- analyst and administrator: every body and the country;
- body head and HR officer: their own body's exact figures only (they know its people anyway,
  and need the figures for the body's annual report, GRI 401-3);
- employee, and anyone signed out: none.

Every look at the exact tier, allowed or refused, is written to the access log.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.fields.json import KeyTransform

from kopir.accounts.models import AccessAction, Role, User
from kopir.accounts.services import access_log_record
from kopir.organisation.models import StateBody
from kopir.statistics.cells import Cell
from kopir.statistics.models import IndicatorRun
from kopir.statistics.snapshot import cell_from_json

NATIONAL_ROLES = frozenset({Role.ANALYST, Role.ADMINISTRATOR})
OWN_BODY_ROLES = frozenset({Role.BODY_HEAD, Role.HR_OFFICER})


def exact_bodies_for(viewer: User) -> QuerySet[StateBody]:
    """The bodies whose exact figures `viewer` may see; the national tables need `may_see_all`."""
    if not viewer.is_authenticated or not viewer.is_active:
        return StateBody.objects.none()
    if viewer.role in NATIONAL_ROLES:
        return StateBody.objects.all()
    if viewer.role in OWN_BODY_ROLES and viewer.body_id is not None:
        return StateBody.objects.filter(pk=viewer.body_id)
    return StateBody.objects.none()


def may_see_all(viewer: User) -> bool:
    return viewer.is_authenticated and viewer.is_active and viewer.role in NATIONAL_ROLES


def may_see_exact(viewer: User) -> bool:
    return may_see_all(viewer) or exact_bodies_for(viewer).exists()


def may_see_place(viewer: User, body: str | None) -> bool:
    """Whether `viewer` may see (and recompute) the exact figures of `body`, or of the country for None."""
    return may_see_all(viewer) if body is None else exact_bodies_for(viewer).filter(code=body).exists()


def exact_refused(*, viewer: User, detail: str) -> PermissionDenied:
    """Log a refused look at the exact tier and give the exception to raise."""
    access_log_record(
        actor=viewer, action=AccessAction.REFUSED, record=IndicatorRun(pk=0), subject_id=None, detail=detail
    )
    return PermissionDenied()


def exact_run_get(*, viewer: User, year: int, body: str | None) -> IndicatorRun | None:
    """The latest finished run of `year` for `body` (None: all bodies) if `viewer` may see it; logged.

    Refused (``PermissionDenied``, logged too) for national figures without a national role, or a
    body outside the viewer's own.
    """
    detail = f"year={year} body={body or 'all'}"
    if not may_see_place(viewer, body):
        raise exact_refused(viewer=viewer, detail=detail)
    run = (
        IndicatorRun.objects.defer("cells")
        .filter(year=year, body=body or "", status=IndicatorRun.Status.DONE)
        .order_by("-id")
        .first()
    )
    access_log_record(
        actor=viewer, action=AccessAction.READ, record=run or IndicatorRun(pk=0), subject_id=None, detail=detail
    )
    return run


def runs_visible_to(viewer: User) -> QuerySet[IndicatorRun]:
    """The recomputations `viewer` may follow: all for a national role, her body's for the others."""
    runs = IndicatorRun.objects.defer("cells").order_by("-id")
    if may_see_all(viewer):
        return runs
    return runs.filter(body__in=exact_bodies_for(viewer).values("code"))


def exact_cells(run: IndicatorRun, place: str) -> list[Cell]:
    """One place's cells of a run (see `kopir.statistics.snapshot`), read out of the JSON by the database.

    Callers have been through `exact_run_get`, which decided and logged the access.
    """
    part = IndicatorRun.objects.filter(pk=run.pk).annotate(part=KeyTransform(place, "cells"))
    stored = part.values_list("part", flat=True).first()
    return [cell_from_json(data) for data in stored or []]
