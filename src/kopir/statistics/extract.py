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
    SUPPORTS,
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
from kopir.statistics.copying import DATES, FLAGS, IDS, TEXTS, TIYN, Kind, choice
from kopir.statistics.parallel_reading import Query, read_queries

Field = tuple[Any, Kind]  # a field name or an expression, and the kind of column it is read as


def _query(queryset: QuerySet[Any], fields: dict[str, Field], order: str | None = None) -> Query:
    """The query of the columns of `fields` (name: (field or expression, kind)), ordered by `order`."""
    expressions = {name: source for name, (source, _) in fields.items() if not isinstance(source, str)}
    selected = [source if isinstance(source, str) else name for name, (source, _) in fields.items()]
    queryset = queryset.annotate(**expressions).values_list(*selected)
    queryset = queryset.order_by(order) if order else queryset.order_by()
    kinds = [kind for _, kind in fields.values()]
    return Query(queryset, kinds, selected.index(order) if order else None)


def _rows_of(sorted_ids: Ints, wanted: Ints) -> Ints:
    """Row indices of `wanted` ids in the sorted id column (-1 stays -1)."""
    return np.where(wanted >= 0, np.searchsorted(sorted_ids, wanted), -1).astype(np.int64)


def extract(body: str | None = None) -> Records:
    """Every column the indicators need, for one body (by its code) or for all.

    The queries are independent of each other and read at once (`read_queries`: at the same time
    on PostgreSQL); ids become row indices only when all the columns are in.
    """
    mine = Q() if body is None else Q(employee__body__code=body)
    below = Q() if body is None else Q(episode__employee__body__code=body)
    queries = {  # largest first, the order in which they are handed out
        "episodes": _query(
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
        ),
        "segments": _query(
            LeaveSegment.objects.filter(below),
            {
                "episode": ("episode_id", IDS),
                "kind": ("kind", choice(SEGMENT_KINDS)),
                "start": (Coalesce("actual_start", "planned_start"), DATES),
                "end": (Coalesce("actual_end", "planned_end"), DATES),
            },
        ),
        "employees": _query(
            Employee.objects.filter(Q() if body is None else Q(body__code=body)),
            {
                "id": ("id", IDS),
                "body": ("body_id", IDS),
                "position": ("position_id", IDS),
                "sex": ("sex", choice(SEXES)),
                "hired": ("hired_on", DATES),
            },
            order="id",
        ),
        "pay": _query(
            PayRecord.objects.filter(mine),
            {"employee": ("employee_id", IDS), "starts": ("effective_from", DATES), "pay": ("monthly_salary", TIYN)},
        ),
        "separations": _query(
            Separation.objects.filter(mine),
            {
                "employee": ("employee_id", IDS),
                "episode": ("episode_id", IDS),
                "last_day": ("date", DATES),
                "during": ("during_leave", FLAGS),
                "reason": ("reason", choice(REASONS)),
                "destination": ("destination", choice(DESTINATIONS)),
            },
        ),
        "appointments": _query(
            Appointment.objects.filter(mine),
            {
                "employee": ("employee_id", IDS),
                "position": ("position_id", IDS),
                "starts": ("starts_on", DATES),
                "kind": ("kind", choice(APPOINTMENT_KINDS)),
            },
        ),
        "follow_ups": _query(
            FollowUp.objects.filter(below),
            {
                "episode": ("episode_id", IDS),
                "months": ("months_after_return", IDS),
                "in_body": ("employed_in_body", FLAGS),
                "in_state": ("employed_in_state_service", FLAGS),
            },
        ),
        "positions": _query(
            Position.objects.all(),
            {
                "id": ("id", IDS),
                "body": ("body_id", IDS),
                "corps": ("corps", choice(CORPS)),
                "category": ("category", TEXTS),
                "level": ("managerial_level", choice(MANAGERIAL_LEVELS)),
            },
            order="id",
        ),
        "bodies": _query(
            StateBody.objects.all() if body is None else StateBody.objects.filter(code=body),
            {"id": ("id", IDS), "code": ("code", TEXTS), "region": ("region_iso", TEXTS)},
            order="id",
        ),
    } | _support_queries(body)
    return _records(read_queries(queries))


def _records(read: dict[str, list[np.ndarray]]) -> Records:
    """The records from the columns read: ids turned into row indices."""
    body_ids, code, region = read["bodies"]
    position_ids, position_body, corps, category, level = read["positions"]
    employee_ids, e_body, e_position, sex, hired = read["employees"]
    episode_ids, employee, birth, returned, mode, position, pay = read["episodes"]
    a_employee, a_position, a_starts, a_kind = read["appointments"]
    s_episode, s_kind, s_start, s_end = read["segments"]
    x_employee, x_episode, last_day, during, reason, destination = read["separations"]
    p_employee, p_starts, salary = read["pay"]
    f_episode, months, in_body, in_state = read["follow_ups"]
    return Records(
        Bodies([str(c) for c in code], [str(r) for r in region]),
        Positions(_rows_of(body_ids, position_body), corps, list(category), level),
        Employees(_rows_of(body_ids, e_body), _rows_of(position_ids, e_position), sex, hired),
        Appointments(_rows_of(employee_ids, a_employee), _rows_of(position_ids, a_position), a_starts, a_kind),
        Episodes(_rows_of(employee_ids, employee), birth, returned, mode, _rows_of(position_ids, position), pay),
        Segments(_rows_of(episode_ids, s_episode), s_kind, s_start, s_end),
        Separations(
            _rows_of(employee_ids, x_employee), _rows_of(episode_ids, x_episode), last_day, during, reason, destination
        ),
        PayRecords(_rows_of(employee_ids, p_employee), p_starts, salary),
        FollowUps(_rows_of(episode_ids, f_episode), months, in_body, in_state),
        {kind: _support_rows(episode_ids, read, kind) for kind in SUPPORTS},
    )


def _support_queries(body: str | None) -> dict[str, Query]:
    """The episodes that had each kind of support (I16, `SUPPORTS`): one query a source, named "support.KIND.N".

    A kind may have more than one source (a flexible arrangement is a granted request or a phased
    return); a kind of `SUPPORTS` without a source here fails at once (KeyError), not as an empty column.
    """
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
    return {
        f"support.{kind}.{i}": Query(q.values_list("plan__episode_id").order_by().distinct(), [IDS])
        for kind in SUPPORTS
        for i, q in enumerate(sources[kind])
    }


def _support_rows(episode_ids: Ints, read: dict[str, list[np.ndarray]], kind: str) -> Ints:
    had = [columns[0] for name, columns in read.items() if name.startswith(f"support.{kind}.")]
    return np.unique(_rows_of(episode_ids, np.concatenate(had)))
