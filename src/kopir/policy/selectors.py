"""Reads of simulation runs, always through the viewer: analysts and administrators only.

The runs hold no personal data (the persons are synthetic), but costing is the analysts' work and
every look, and every refusal, is logged like any other.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from kopir.accounts.models import AccessAction, Role, User
from kopir.accounts.services import access_log_record
from kopir.policy.models import SimulationRun

COSTING_ROLES = frozenset({Role.ANALYST, Role.ADMINISTRATOR})


def may_cost(viewer: User) -> bool:
    return viewer.is_authenticated and viewer.is_active and viewer.role in COSTING_ROLES


def costing_allowed(*, viewer: User) -> None:
    """Refuse (and log) a viewer who may not use the costing page."""
    if not may_cost(viewer):
        access_log_record(actor=viewer, action=AccessAction.REFUSED, record=SimulationRun(), subject_id=None)
        raise PermissionDenied


def runs_visible_to(viewer: User) -> QuerySet[SimulationRun]:
    """Every costing role sees the runs of shipped reforms; a run of a saved reform only its owner."""
    runs = SimulationRun.objects.select_related("actor", "saved_reform")
    own = Q(saved_reform__isnull=True) | Q(saved_reform__owner=viewer)
    return runs.filter(own) if may_cost(viewer) else runs.none()


def run_get(*, viewer: User, run_id: int) -> SimulationRun:
    """One run for `viewer`, logged; `PermissionDenied` (also logged) if not for her."""
    run = runs_visible_to(viewer).filter(pk=run_id).first()
    if run is None:
        access_log_record(actor=viewer, action=AccessAction.REFUSED, record=SimulationRun(pk=run_id), subject_id=None)
        raise PermissionDenied
    access_log_record(actor=viewer, action=AccessAction.READ, record=run, subject_id=None)
    return run
