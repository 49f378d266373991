"""The case records as columns: a handful of queries, read in chunks into numpy arrays.

Each query reads only the columns the indicators need (``values_list``), in chunks of
`CHUNK` rows through a server-side cursor on PostgreSQL, so that a million episodes never sit in
memory as a million model instances or tuples. Ids become row indices here (with ``searchsorted``
on the sorted ids), so that the engine joins by indexing.
"""

from __future__ import annotations

from collections.abc import Sequence
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

CHUNK = 100_000


def _read(queryset: QuerySet[Any], fields: Sequence[Any]) -> list[np.ndarray]:
    """The columns of `fields` (names or expressions), chunk by chunk, as object arrays."""
    names = [f if isinstance(f, str) else f"c{i}" for i, f in enumerate(fields)]
    expressions = {f"c{i}": f for i, f in enumerate(fields) if not isinstance(f, str)}
    rows = queryset.annotate(**expressions).values_list(*names).order_by().iterator(chunk_size=CHUNK)
    parts: list[list[np.ndarray]] = [[] for _ in names]
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            _add(parts, chunk)
            chunk = []
    _add(parts, chunk)
    return [np.concatenate(p) if p else np.zeros(0, dtype=object) for p in parts]


def _add(parts: list[list[np.ndarray]], chunk: list[tuple[Any, ...]]) -> None:
    if not chunk:
        return
    for column, values in zip(parts, zip(*chunk, strict=True), strict=True):
        array = np.empty(len(values), dtype=object)
        array[:] = values
        column.append(array)


def _index(ids: np.ndarray, of: np.ndarray) -> Ints:
    """Row indices of the ids `of` in the sorted id column `ids` (-1 for None)."""
    present = np.array([v is not None for v in of], dtype=np.bool_) if of.dtype == object else np.ones(len(of), bool)
    wanted = np.where(present, of, 0).astype(np.int64)
    return np.where(present, np.searchsorted(ids, wanted), -1).astype(np.int64)


def _tiyn(values: np.ndarray) -> Ints:
    return np.rint(values.astype(np.float64) * 100).astype(np.int64)


def extract(body: str | None = None) -> Records:
    """Every column the indicators need, for one body (by its code) or for all."""
    bodies = StateBody.objects.order_by("id")
    if body is not None:
        bodies = bodies.filter(code=body)
    body_id, code, region = _read(bodies, ["id", "code", "region_iso"])
    body_ids = body_id.astype(np.int64)
    mine = Q() if body is None else Q(employee__body__code=body)

    position_id, position_body, corps, category, level = _read(
        Position.objects.order_by("id"), ["id", "body_id", "corps", "category", "managerial_level"]
    )
    position_ids = position_id.astype(np.int64)
    positions = Positions(
        _index(body_ids, position_body),
        codes(corps, CORPS),
        [str(c) for c in category],
        codes(level, MANAGERIAL_LEVELS),
    )

    employees_qs = Employee.objects.filter(Q() if body is None else Q(body__code=body))
    employee_id, employee_body, employee_position, sex, hired = _read(
        employees_qs, ["id", "body_id", "position_id", "sex", "hired_on"]
    )
    order = np.argsort(employee_id.astype(np.int64))
    employee_ids = employee_id.astype(np.int64)[order]
    employees = Employees(
        _index(body_ids, employee_body[order]),
        _index(position_ids, employee_position[order]),
        codes(sex[order], SEXES),
        days(list(hired[order])),
    )

    a_employee, a_position, a_starts, a_kind = _read(
        Appointment.objects.filter(mine), ["employee_id", "position_id", "starts_on", "kind"]
    )
    appointments = Appointments(
        _index(employee_ids, a_employee),
        _index(position_ids, a_position),
        days(list(a_starts)),
        codes(a_kind, APPOINTMENT_KINDS),
    )

    e_id, e_employee, birth, returned, mode, r_position, r_pay = _read(
        LeaveEpisode.objects.filter(mine),
        [
            "id",
            "employee_id",
            Coalesce("child__birth_date", "child__expected_birth"),
            "return_to_work__first_working_day",
            "return_to_work__mode",
            "return_to_work__position_id",
            "return_to_work__monthly_salary",
        ],
    )
    e_order = np.argsort(e_id.astype(np.int64))
    episode_ids = e_id.astype(np.int64)[e_order]
    has_return = np.array([m is not None for m in mode[e_order]], dtype=np.bool_)
    mode_codes = np.full(len(episode_ids), -1, dtype=np.int64)
    mode_codes[has_return] = codes(mode[e_order][has_return], RETURN_MODES)
    episodes = Episodes(
        _index(employee_ids, e_employee[e_order]),
        days(list(birth[e_order])),
        days(list(returned[e_order])),
        mode_codes,
        _index(position_ids, r_position[e_order]),
        np.where(has_return, _tiyn(np.where(has_return, r_pay[e_order], 0)), 0),
    )

    s_episode, s_kind, s_start, s_end = _read(
        LeaveSegment.objects.filter(Q() if body is None else Q(episode__employee__body__code=body)),
        [
            "episode_id",
            "kind",
            Coalesce("actual_start", "planned_start"),
            Coalesce("actual_end", "planned_end"),
        ],
    )
    segments = Segments(
        _index(episode_ids, s_episode), codes(s_kind, SEGMENT_KINDS), days(list(s_start)), days(list(s_end))
    )

    p_employee, p_employee_pos, p_day, p_during, p_reason, p_destination = _read(
        Separation.objects.filter(mine), ["employee_id", "episode_id", "date", "during_leave", "reason", "destination"]
    )
    separations = Separations(
        _index(employee_ids, p_employee),
        _index(episode_ids, p_employee_pos),
        days(list(p_day)),
        p_during.astype(np.bool_),
        codes(p_reason, REASONS),
        codes(p_destination, DESTINATIONS),
    )

    pay_employee, pay_starts, pay_salary = _read(
        PayRecord.objects.filter(mine), ["employee_id", "effective_from", "monthly_salary"]
    )
    pay = PayRecords(_index(employee_ids, pay_employee), days(list(pay_starts)), _tiyn(pay_salary))

    f_episode, f_months, f_body, f_state = _read(
        FollowUp.objects.filter(Q() if body is None else Q(episode__employee__body__code=body)),
        ["episode_id", "months_after_return", "employed_in_body", "employed_in_state_service"],
    )
    follow_ups = FollowUps(
        _index(episode_ids, f_episode), f_months.astype(np.int64), f_body.astype(np.bool_), f_state.astype(np.bool_)
    )
    return Records(
        Bodies([str(c) for c in code], [str(r) for r in region]),
        positions,
        employees,
        appointments,
        episodes,
        segments,
        separations,
        pay,
        follow_ups,
        _support(episode_ids, body),
    )


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
        ids = [
            np.asarray(list(q.values_list("plan__episode_id", flat=True).distinct()), dtype=np.int64) for q in querysets
        ]
        support[kind] = np.unique(_index(episode_ids, np.concatenate(ids).astype(object)))
    return support
