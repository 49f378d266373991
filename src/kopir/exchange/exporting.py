"""From the database to records and files: what `kopir records export` writes.

The same functions build the records an import compares its lines with, so "the same record"
means the same thing for idempotence and for the round trip. Employees are read in batches
with their histories prefetched: a few queries per thousand people, not per person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import simplejson
from django.db.models import Prefetch, QuerySet

from kopir.accounts.models import AccessAction, AccessLog, User
from kopir.cases.models import Appointment, Employee, LeaveEpisode, Separation
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


def _appointment(appointment: Appointment, pay: dict[date, Decimal]) -> AppointmentRecord:
    position = appointment.position
    salary = appointment.monthly_salary
    if salary is None:  # recorded on the HR pages: the pay in force when the post began
        in_force = [(day, amount) for day, amount in pay.items() if day <= appointment.starts_on]
        salary = max(in_force)[1] if in_force else Decimal(0)
    return AppointmentRecord(
        appointment.starts_on,
        appointment.ends_on,
        position.body.code,
        position.name_en,
        position.corps,
        position.category,
        from_model(LEVEL_FROM_MODEL, position.managerial_level),
        Decimal(salary).quantize(Decimal("0.01")),
    )


def _episode(episode: LeaveEpisode) -> EpisodeRecord:
    segments = sorted(episode.segments.all(), key=lambda s: s.start)
    back = getattr(episode, "return_to_work", None)
    child = episode.child
    return EpisodeRecord(
        child.birth_date or child.expected_birth,  # type: ignore[arg-type]
        tuple(SegmentRecord(s.kind, s.start, s.end) for s in segments),
        ReturnRecord(back.first_working_day, back.mode) if back is not None else None,
    )


def _separation(separations: list[Separation]) -> SeparationRecord | None:
    if not separations:
        return None
    last = max(separations, key=lambda s: (s.date, s.pk))
    return SeparationRecord(
        last.date, from_model(REASON_FROM_MODEL, last.reason), from_model(DESTINATION_FROM_MODEL, last.destination)
    )


def employee_record(employee: Employee) -> EmployeeRecord:
    """One employee as the format has it (her relations prefetched by `employee_records`)."""
    pay = {record.effective_from: record.monthly_salary for record in employee.pay_records.all()}
    children = sorted(employee.children.all(), key=lambda c: c.birth_order)
    episodes = sorted(employee.episodes.all(), key=lambda e: (e.opened_on, e.pk))
    return EmployeeRecord(
        ref=reference_of(employee),
        iin=decrypt_iin(employee.iin_encrypted),
        sex=SEX_FROM_MODEL[employee.sex],
        birth_date=employee.birth_date,
        body=employee.body.code,
        appointments=tuple(
            _appointment(a, pay) for a in sorted(employee.appointments.all(), key=lambda a: (a.starts_on, a.pk))
        ),
        children=tuple(
            ChildRecord(c.birth_date or c.expected_birth, c.adopted)  # type: ignore[arg-type]
            for c in children
        ),
        episodes=tuple(_episode(e) for e in episodes),
        separation=_separation(list(employee.separations.all())),
    )


def with_histories(employees: QuerySet[Employee]) -> QuerySet[Employee]:
    return employees.select_related("body").prefetch_related(
        "pay_records",
        "children",
        Prefetch("appointments", queryset=Appointment.objects.select_related("position__body")),
        Prefetch(
            "episodes",
            queryset=LeaveEpisode.objects.select_related("child", "return_to_work").prefetch_related("segments"),
        ),
        "separations",
    )


def employee_records(employees: QuerySet[Employee] | None = None) -> Iterator[EmployeeRecord]:
    """Every employee (or those given) in id order, a batch at a time."""
    chosen = employees if employees is not None else Employee.objects.all()
    ids = list(chosen.order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), BATCH):
        batch = with_histories(Employee.objects.filter(pk__in=ids[first : first + BATCH]).order_by("pk"))
        for employee in batch:
            yield employee_record(employee)


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
    AccessLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=AccessAction.EXPORT,
        record_type="cases.employee",
        record_id="*",
        detail=f"records export: {count} employees",
    )
    return len(bodies), count
