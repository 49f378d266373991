"""The case records as columns: a handful of queries, read in chunks into typed numpy arrays.

Each query reads only the columns the indicators need (``values_list``), in chunks of `CHUNK`
rows (a server-side cursor on PostgreSQL), and each chunk is converted at once to ``int64`` day
numbers, codes, flags and tiyn, so that a million episodes never sit in memory as Python objects.
Ids become row indices here (``searchsorted`` on the sorted ids), so the engine joins by indexing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    codes,
    days,
)

CHUNK = 50_000
Convert = Callable[[Sequence[Any]], np.ndarray]


def ids(values: Sequence[Any]) -> Ints:
    """An id column, -1 where there is none."""
    return np.fromiter((-1 if v is None else v for v in values), dtype=np.int64, count=len(values))


def dates(values: Sequence[Any]) -> Ints:
    return days(values)


def flags(values: Sequence[Any]) -> np.ndarray:
    return np.fromiter(values, dtype=np.bool_, count=len(values))


def tiyn(values: Sequence[Any]) -> Ints:
    """Tenge amounts (Decimal, two places) as integer tiyn; 0 where there is none."""
    tenge = np.fromiter((0.0 if v is None else float(v) for v in values), dtype=np.float64, count=len(values))
    return np.rint(tenge * 100).astype(np.int64)


def choice(vocabulary: tuple[str, ...]) -> Convert:
    """A choice column as codes into `vocabulary`, -1 where there is none."""

    def convert(values: Sequence[Any]) -> Ints:
        present = np.fromiter((v is not None for v in values), dtype=np.bool_, count=len(values))
        column = np.full(len(values), -1, dtype=np.int64)
        column[present] = codes([v for v in values if v is not None], vocabulary)
        return column

    return convert


def texts(values: Sequence[Any]) -> np.ndarray:
    return np.array([str(v) for v in values], dtype=object)


def _read(
    queryset: QuerySet[Any], fields: dict[str, tuple[Any, Convert]], order: str | None = None
) -> list[np.ndarray]:
    """The columns of `fields` (name: (field or expression, conversion)), converted chunk by chunk."""
    expressions = {name: source for name, (source, _) in fields.items() if not isinstance(source, str)}
    selected = [source if isinstance(source, str) else name for name, (source, _) in fields.items()]
    queryset = queryset.annotate(**expressions).values_list(*selected)
    rows = (queryset.order_by(order) if order else queryset.order_by()).iterator(chunk_size=CHUNK)
    converters = [convert for _, convert in fields.values()]
    parts: list[list[np.ndarray]] = [[] for _ in converters]
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            _convert(parts, converters, chunk)
            chunk = []
    _convert(parts, converters, chunk)
    return [np.concatenate(p) if p else convert([]) for p, convert in zip(parts, converters, strict=True)]


def _convert(parts: list[list[np.ndarray]], converters: list[Convert], chunk: list[tuple[Any, ...]]) -> None:
    if chunk:
        for column, convert, values in zip(parts, converters, zip(*chunk, strict=True), strict=True):
            column.append(convert(values))


def _rows_of(sorted_ids: Ints, wanted: Ints) -> Ints:
    """Row indices of `wanted` ids in the sorted id column (-1 stays -1)."""
    return np.where(wanted >= 0, np.searchsorted(sorted_ids, wanted), -1).astype(np.int64)


def extract(body: str | None = None) -> Records:
    """Every column the indicators need, for one body (by its code) or for all."""
    mine = Q() if body is None else Q(employee__body__code=body)
    bodies = StateBody.objects.all() if body is None else StateBody.objects.filter(code=body)
    body_ids, code, region = _read(
        bodies, {"id": ("id", ids), "code": ("code", texts), "region": ("region_iso", texts)}, order="id"
    )
    position_ids, position_body, corps, category, level = _read(
        Position.objects.all(),
        {
            "id": ("id", ids),
            "body": ("body_id", ids),
            "corps": ("corps", choice(CORPS)),
            "category": ("category", texts),
            "level": ("managerial_level", choice(MANAGERIAL_LEVELS)),
        },
        order="id",
    )
    positions = Positions(_rows_of(body_ids, position_body), corps, list(category), level)
    employee_ids, e_body, e_position, sex, hired = _read(
        Employee.objects.filter(Q() if body is None else Q(body__code=body)),
        {
            "id": ("id", ids),
            "body": ("body_id", ids),
            "position": ("position_id", ids),
            "sex": ("sex", choice(SEXES)),
            "hired": ("hired_on", dates),
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
            "id": ("id", ids),
            "employee": ("employee_id", ids),
            "birth": (Coalesce("child__birth_date", "child__expected_birth"), dates),
            "returned": ("return_to_work__first_working_day", dates),
            "mode": ("return_to_work__mode", choice(RETURN_MODES)),
            "position": ("return_to_work__position_id", ids),
            "pay": ("return_to_work__monthly_salary", tiyn),
        },
        order="id",
    )
    episodes = Episodes(_rows_of(employee_ids, employee), birth, returned, mode, _rows_of(position_ids, position), pay)
    return episode_ids, episodes


def _appointments(mine: Q, employee_ids: Ints, position_ids: Ints) -> Appointments:
    employee, position, starts, kind = _read(
        Appointment.objects.filter(mine),
        {
            "employee": ("employee_id", ids),
            "position": ("position_id", ids),
            "starts": ("starts_on", dates),
            "kind": ("kind", choice(APPOINTMENT_KINDS)),
        },
    )
    return Appointments(_rows_of(employee_ids, employee), _rows_of(position_ids, position), starts, kind)


def _segments(body: str | None, episode_ids: Ints) -> Segments:
    episode, kind, start, end = _read(
        LeaveSegment.objects.filter(Q() if body is None else Q(episode__employee__body__code=body)),
        {
            "episode": ("episode_id", ids),
            "kind": ("kind", choice(SEGMENT_KINDS)),
            "start": (Coalesce("actual_start", "planned_start"), dates),
            "end": (Coalesce("actual_end", "planned_end"), dates),
        },
    )
    return Segments(_rows_of(episode_ids, episode), kind, start, end)


def _separations(mine: Q, employee_ids: Ints, episode_ids: Ints) -> Separations:
    employee, episode, last_day, during, reason, destination = _read(
        Separation.objects.filter(mine),
        {
            "employee": ("employee_id", ids),
            "episode": ("episode_id", ids),
            "last_day": ("date", dates),
            "during": ("during_leave", flags),
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
        {"employee": ("employee_id", ids), "starts": ("effective_from", dates), "pay": ("monthly_salary", tiyn)},
    )
    return PayRecords(_rows_of(employee_ids, employee), starts, salary)


def _follow_ups(body: str | None, episode_ids: Ints) -> FollowUps:
    episode, months, in_body, in_state = _read(
        FollowUp.objects.filter(Q() if body is None else Q(episode__employee__body__code=body)),
        {
            "episode": ("episode_id", ids),
            "months": ("months_after_return", ids),
            "in_body": ("employed_in_body", flags),
            "in_state": ("employed_in_state_service", flags),
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
        had = [np.fromiter(q.values_list("plan__episode_id", flat=True).distinct(), dtype=np.int64) for q in querysets]
        support[kind] = np.unique(_rows_of(episode_ids, np.concatenate(had)))
    return support
