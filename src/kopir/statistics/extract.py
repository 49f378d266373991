"""The case records as columns: a handful of queries, read into typed numpy arrays.

Each query reads only the columns the indicators need (``values_list``), converted to ``int64``
day numbers, codes, flags and tiyn, so that a million episodes never sit in memory as Python
objects: in bulk with COPY on PostgreSQL, in chunks through the ORM elsewhere
(`kopir.statistics.reading`, decision 0035).
Ids become row indices here (``searchsorted`` on the sorted ids), so the engine joins by indexing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from kopir.cases.models import Appointment, Employee, FollowUp, LeaveEpisode, LeaveSegment, PayRecord, Separation
from kopir.organisation.models import Position, StateBody
from kopir.returns.models import (
    ArrangementRequest,
    Decision,
    KeepInTouch,
    NurseryRequest,
    ReturnInterview,
    ReturnPhase,
    TrainingItem,
)
from kopir.statistics.columns import (
    APPOINTMENT_KINDS,
    CORPS,
    DESTINATIONS,
    MANAGERIAL_LEVELS,
    REASONS,
    RETURN_MODES,
    SEGMENT_KINDS,
    SEXES,
    Appointments,
    Bodies,
    Employees,
    Episodes,
    FollowUps,
    Ints,
    PayRecords,
    Positions,
    Records,
    Segments,
    Separations,
)
from kopir.statistics.reading import DATES, FLAGS, IDS, TEXTS, TIYN, Kind, choice, read_columns

Field = tuple[Any, Kind]  # a field name or an expression, and the kind of column it is read as


def _read(queryset: QuerySet[Any], fields: dict[str, Field], order: str | None = None) -> list[np.ndarray]:
    """The columns of `fields` (name: (field or expression, kind)), read by `read_columns`."""
    expressions = {name: source for name, (source, _) in fields.items() if not isinstance(source, str)}
    selected = [source if isinstance(source, str) else name for name, (source, _) in fields.items()]
    queryset = queryset.annotate(**expressions).values_list(*selected)
    queryset = queryset.order_by(order) if order else queryset.order_by()
    kinds = [kind for _, kind in fields.values()]
    return read_columns(queryset, kinds, sorted_by=selected.index(order) if order else None)


def _rows_of(sorted_ids: Ints, wanted: Ints) -> Ints:
    """Row indices of `wanted` ids in the sorted id column (-1 stays -1)."""
    return np.where(wanted >= 0, np.searchsorted(sorted_ids, wanted), -1).astype(np.int64)


def extract(body: str | None = None) -> Records:
    """Every column the indicators need, for one body (by its code) or for all."""
    mine = Q() if body is None else Q(employee__body__code=body)
    bodies = StateBody.objects.all() if body is None else StateBody.objects.filter(code=body)
    body_ids, code, region = _read(
        bodies, {"id": ("id", IDS), "code": ("code", TEXTS), "region": ("region_iso", TEXTS)}, order="id"
    )
    position_ids, position_body, corps, category, level = _read(
        Position.objects.all(),
        {
            "id": ("id", IDS),
            "body": ("body_id", IDS),
            "corps": ("corps", choice(CORPS)),
            "category": ("category", TEXTS),
            "level": ("managerial_level", choice(MANAGERIAL_LEVELS)),
        },
        order="id",
    )
    positions = Positions(_rows_of(body_ids, position_body), corps, list(category), level)
    employee_ids, e_body, e_position, sex, hired = _read(
        Employee.objects.filter(Q() if body is None else Q(body__code=body)),
        {
            "id": ("id", IDS),
            "body": ("body_id", IDS),
            "position": ("position_id", IDS),
            "sex": ("sex", choice(SEXES)),
            "hired": ("hired_on", DATES),
        },
        order="id",
    )
    employees = Employees(_rows_of(body_ids, e_body), _rows_of(position_ids, e_position), sex, hired)
    episode_ids, episodes = _episodes(mine, employee_ids, position_ids)
    return Records(
        Bodies([str(c) for c in code], [str(r) for r in region]),
        positions,
        employees,
        _appointments(mine, employee_ids, position_ids),
        episodes,
        _segments(body, episode_ids),
        _separations(mine, employee_ids, episode_ids),
        _pay(mine, employee_ids),
        _follow_ups(body, episode_ids),
        _support(episode_ids, body),
    )


def _episodes(mine: Q, employee_ids: Ints, position_ids: Ints) -> tuple[Ints, Episodes]:
    episode_ids, employee, birth, returned, mode, position, pay = _read(
        LeaveEpisode.objects.filter(mine),
        {
            "id": ("id", IDS),
            "employee": ("employee_id", IDS),
            "birth": (Coalesce("child__birth_date", "child__expected_birth"), DATES),
            "returned": ("return_to_work__first_working_day", DATES),
            "mode": ("return_to_work__mode", choice(RETURN_MODES)),
            "position": ("return_to_work__position_id", IDS),
            "pay": ("return_to_work__monthly_salary", TIYN),
        },
        order="id",
    )
    episodes = Episodes(_rows_of(employee_ids, employee), birth, returned, mode, _rows_of(position_ids, position), pay)
    return episode_ids, episodes


def _appointments(mine: Q, employee_ids: Ints, position_ids: Ints) -> Appointments:
    employee, position, starts, kind = _read(
        Appointment.objects.filter(mine),
        {
            "employee": ("employee_id", IDS),
            "position": ("position_id", IDS),
            "starts": ("starts_on", DATES),
            "kind": ("kind", choice(APPOINTMENT_KINDS)),
        },
    )
    return Appointments(_rows_of(employee_ids, employee), _rows_of(position_ids, position), starts, kind)


def _segments(body: str | None, episode_ids: Ints) -> Segments:
    episode, kind, start, end = _read(
        LeaveSegment.objects.filter(Q() if body is None else Q(episode__employee__body__code=body)),
        {
            "episode": ("episode_id", IDS),
            "kind": ("kind", choice(SEGMENT_KINDS)),
            "start": (Coalesce("actual_start", "planned_start"), DATES),
            "end": (Coalesce("actual_end", "planned_end"), DATES),
        },
    )
    return Segments(_rows_of(episode_ids, episode), kind, start, end)


def _separations(mine: Q, employee_ids: Ints, episode_ids: Ints) -> Separations:
    employee, episode, last_day, during, reason, destination = _read(
        Separation.objects.filter(mine),
        {
            "employee": ("employee_id", IDS),
            "episode": ("episode_id", IDS),
            "last_day": ("date", DATES),
            "during": ("during_leave", FLAGS),
            "reason": ("reason", choice(REASONS)),
            "destination": ("destination", choice(DESTINATIONS)),
        },
    )
    return Separations(
        _rows_of(employee_ids, employee), _rows_of(episode_ids, episode), last_day, during, reason, destination
    )


def _pay(mine: Q, employee_ids: Ints) -> PayRecords:
    employee, starts, salary = _read(
        PayRecord.objects.filter(mine),
        {"employee": ("employee_id", IDS), "starts": ("effective_from", DATES), "pay": ("monthly_salary", TIYN)},
    )
    return PayRecords(_rows_of(employee_ids, employee), starts, salary)


def _follow_ups(body: str | None, episode_ids: Ints) -> FollowUps:
    episode, months, in_body, in_state = _read(
        FollowUp.objects.filter(Q() if body is None else Q(episode__employee__body__code=body)),
        {
            "episode": ("episode_id", IDS),
            "months": ("months_after_return", IDS),
            "in_body": ("employed_in_body", FLAGS),
            "in_state": ("employed_in_state_service", FLAGS),
        },
    )
    return FollowUps(_rows_of(episode_ids, episode), months, in_body, in_state)


def _support(episode_ids: Ints, body: str | None) -> dict[str, Ints]:
    """For each kind of support (I16), the rows of the episodes that had it."""
    within = Q() if body is None else Q(plan__episode__employee__body__code=body)
    sources: dict[str, list[QuerySet[Any]]] = {
        "interview": [ReturnInterview.objects.filter(within)],
        "training": [TrainingItem.objects.filter(within)],
        "flexible": [
            ArrangementRequest.objects.filter(within, decision=Decision.GRANTED),
            ReturnPhase.objects.filter(within),
        ],
        "nursery": [NurseryRequest.objects.filter(within, placed_on__isnull=False)],
        "keep_in_touch": [KeepInTouch.objects.filter(within)],
    }
    support = {}
    for kind, querysets in sources.items():
        had = [read_columns(q.values_list("plan__episode_id").order_by().distinct(), [IDS])[0] for q in querysets]
        support[kind] = np.unique(_rows_of(episode_ids, np.concatenate(had)))
    return support
