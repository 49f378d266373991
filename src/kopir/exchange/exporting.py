"""From the database to records and files: what `kopir records export` writes.

The same functions build the records an import compares its lines with, so "the same record"
means the same thing for idempotence and for the round trip. Employees are read in batches
with their histories prefetched: a few queries per thousand people, not per person.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import simplejson
from django.db.models import QuerySet

from kopir.accounts.models import AccessAction, AccessLog, User
from kopir.cases.models import Appointment, Child, Employee, LeaveEpisode, LeaveSegment, PayRecord, Separation
from kopir.cases.protection import decrypt_iin
from kopir.exchange.codes import (
    DESTINATION_FROM_MODEL,
    LEVEL_FROM_MODEL,
    REASON_FROM_MODEL,
    SEX_FROM_MODEL,
    from_model,
)
from kopir.exchange.records import (
    BODIES_FILE,
    EMPLOYEES_FILE,
    AppointmentRecord,
    BodyRecord,
    ChildRecord,
    EmployeeRecord,
    EpisodeRecord,
    ReturnRecord,
    SegmentRecord,
    SeparationRecord,
)
from kopir.organisation.models import StateBody

BATCH = 2000
CENT = Decimal("0.01")
Progress = Callable[[int], None]


def reference_of(employee: Employee) -> str:
    """The body's reference; an employee registered in Kopir without one gets ``KOPIR-<id>``."""
    return employee.ref or f"KOPIR-{employee.pk}"


def body_record(body: StateBody, codes: dict[int, str]) -> BodyRecord:
    parent = codes[body.parent_id] if body.parent_id is not None else None
    return BodyRecord(body.code, body.name_kk, body.name_ru, body.name_en, parent, body.level, body.region_iso)


def body_records() -> list[BodyRecord]:
    """Every body, parents before their children (so the file imports in one pass)."""
    bodies = list(StateBody.objects.order_by("code"))
    codes = {body.pk: body.code for body in bodies}
    by_id = {body.pk: body for body in bodies}
    ordered: list[BodyRecord] = []
    placed: set[int] = set()

    def place(body: StateBody) -> None:
        if body.pk in placed:
            return
        placed.add(body.pk)
        if body.parent_id is not None:
            place(by_id[body.parent_id])
        ordered.append(body_record(body, codes))

    for body in bodies:
        place(body)
    return ordered


Row = tuple[Any, ...]


def _grouped(rows: QuerySet[Any, Row]) -> dict[int, list[Row]]:
    """Rows by their first column (the owner's id), the rest of each row kept in query order."""
    grouped: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row[1:])
    return grouped


def _appointment(row: Row, pay: list[Row]) -> AppointmentRecord:
    starts_on, ends_on, body, name, corps, category, level, salary = row
    if salary is None:  # recorded on the HR pages: the pay in force when the post began
        in_force = [(day, amount) for day, amount in pay if day <= starts_on]
        salary = max(in_force)[1] if in_force else Decimal(0)
    return AppointmentRecord(
        starts_on, ends_on, body, name, corps, category, from_model(LEVEL_FROM_MODEL, level), salary.quantize(CENT)
    )


def _career(rows: list[Row], pay: list[Row]) -> tuple[AppointmentRecord, ...]:
    """The appointments; one made on the HR pages has no end, so it ends the day before the next begins."""
    career = [_appointment(row, pay) for row in rows]
    for index, (current, following) in enumerate(itertools.pairwise(career)):
        if current.end is None:
            career[index] = replace(current, end=following.start - timedelta(days=1))
    return tuple(career)


def _episode(row: Row, segments: list[Row]) -> EpisodeRecord:
    _pk, born, expected, returned_on, mode = row
    spans = sorted(
        (actual_start or start, actual_end or end, kind) for kind, start, end, actual_start, actual_end in segments
    )
    return EpisodeRecord(
        born or expected,
        tuple(SegmentRecord(kind, start, end) for start, end, kind in spans),
        ReturnRecord(returned_on, mode) if returned_on is not None else None,
    )


def _separation(rows: list[Row]) -> SeparationRecord | None:
    """The latest separation (rows come in date order)."""
    if not rows:
        return None
    day, reason, destination = rows[-1]
    return SeparationRecord(day, from_model(REASON_FROM_MODEL, reason), from_model(DESTINATION_FROM_MODEL, destination))


def _batch(ids: list[int]) -> Iterator[EmployeeRecord]:
    """The records of these employees: eight queries of plain rows, whatever their number."""
    people = Employee.objects.filter(pk__in=ids).order_by("pk")
    pay = _grouped(
        PayRecord.objects.filter(employee_id__in=ids).values_list("employee_id", "effective_from", "monthly_salary")
    )
    posts = _grouped(
        Appointment.objects.filter(employee_id__in=ids)
        .order_by("starts_on", "pk")
        .values_list(
            "employee_id",
            "starts_on",
            "ends_on",
            "position__body__code",
            "position__name_en",
            "position__corps",
            "position__category",
            "position__managerial_level",
            "monthly_salary",
        )
    )
    children = _grouped(
        Child.objects.filter(parent_id__in=ids)
        .order_by("birth_order", "pk")
        .values_list("parent_id", "birth_date", "expected_birth", "adopted")
    )
    episodes = _grouped(
        LeaveEpisode.objects.filter(employee_id__in=ids)
        .order_by("opened_on", "pk")
        .values_list(
            "employee_id",
            "pk",
            "child__birth_date",
            "child__expected_birth",
            "return_to_work__first_working_day",
            "return_to_work__mode",
        )
    )
    episode_ids = [row[0] for rows in episodes.values() for row in rows]
    segments = _grouped(
        LeaveSegment.objects.filter(episode_id__in=episode_ids)
        .order_by("planned_start", "pk")
        .values_list("episode_id", "kind", "planned_start", "planned_end", "actual_start", "actual_end")
    )
    separations = _grouped(
        Separation.objects.filter(employee_id__in=ids)
        .order_by("date", "pk")
        .values_list("employee_id", "date", "reason", "destination")
    )
    for pk, ref, encrypted, sex, born, body in people.values_list(
        "pk", "ref", "iin_encrypted", "sex", "birth_date", "body__code"
    ):
        yield EmployeeRecord(
            ref=ref or f"KOPIR-{pk}",
            iin=decrypt_iin(encrypted),
            sex=SEX_FROM_MODEL[sex],
            birth_date=born,
            body=body,
            appointments=_career(posts[pk], pay[pk]),
            children=tuple(ChildRecord(born or expected, adopted) for born, expected, adopted in children[pk]),
            episodes=tuple(_episode(row, segments[row[0]]) for row in episodes[pk]),
            separation=_separation(separations[pk]),
        )


def employee_records(employees: QuerySet[Employee] | None = None) -> Iterator[EmployeeRecord]:
    """Every employee (or those given) in id order, a batch at a time."""
    chosen = employees if employees is not None else Employee.objects.all()
    ids = list(chosen.order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), BATCH):
        yield from _batch(ids[first : first + BATCH])


def dumps(document: object) -> str:
    return simplejson.dumps(document, use_decimal=True, ensure_ascii=False)


def export_records(directory: Path, progress: Progress | None = None, actor: User | None = None) -> tuple[int, int]:
    """Write ``bodies.jsonl`` and ``employees.jsonl`` into `directory`; the counts written."""
    directory.mkdir(parents=True, exist_ok=True)
    bodies = body_records()
    with (directory / BODIES_FILE).open("w", encoding="utf-8") as out:
        for body in bodies:
            out.write(dumps(body.to_json()) + "\n")
    count = 0
    with (directory / EMPLOYEES_FILE).open("w", encoding="utf-8") as out:
        for record in employee_records():
            out.write(dumps(record.to_json()) + "\n")
            count += 1
            if progress is not None and count % BATCH == 0:
                progress(BATCH)
    if progress is not None:
        progress(count % BATCH)
    export_logged(actor, f"records export: {count} employees")
    return len(bodies), count


def export_logged(actor: User | None, detail: str) -> None:
    """The access-log entry of an export of every employee (JSON Lines or a workbook)."""
    AccessLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=AccessAction.EXPORT,
        record_type="cases.employee",
        record_id="*",
        detail=detail,
    )
