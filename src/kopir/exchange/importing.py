"""Writing checked records: all or nothing, in batches, with the IIN protected as case management does.

Everything is checked first (`checking.plan_import`); with any problem, or on a dry run,
nothing is written. The writing is one transaction: an error or an interrupted run part-way
leaves the database as it was. Rows go in with ``bulk_create`` a batch of employees at a time
(their children, posts, pay, leave, returns and separations with them), so 100,000 people take
minutes. Each new employee's creation is written to the access log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from kopir.accounts.models import AccessAction, AccessLog, User
from kopir.cases.leave_state import status_on
from kopir.cases.models import (
    Appointment,
    AppointmentKind,
    Child,
    Employee,
    EpisodeKind,
    LeaveEpisode,
    LeaveSegment,
    PayRecord,
    ReturnToWork,
    Separation,
)
from kopir.cases.protection import encrypt_iin
from kopir.exchange import problems as p
from kopir.exchange.checking import NewEmployee, Plan, plan_import
from kopir.exchange.codes import (
    DESTINATION_TO_MODEL,
    LEVEL_TO_MODEL,
    REASON_TO_MODEL,
    SEX_TO_MODEL,
    to_model,
)
from kopir.exchange.lines import Source, present
from kopir.exchange.records import (
    BODIES_FILE,
    EMPLOYEES_FILE,
    AppointmentRecord,
    BodyRecord,
    EmployeeRecord,
    EpisodeRecord,
)
from kopir.organisation.models import Position, StateBody
from kopir.reference import ManagerialLevel, region_by_iso, validate_iin

logger = logging.getLogger(__name__)
BATCH = 1000
T = TypeVar("T")
Progress = Callable[[int], None]
PositionKey = tuple[int, str, str, str, str]


@dataclass(slots=True)
class ImportResult:
    """What an import found and did; `problems` empty means the files were accepted."""

    dry_run: bool
    problems: list[p.Problem] = field(default_factory=list)
    bodies_created: int = 0
    bodies_unchanged: int = 0
    employees_created: int = 0
    employees_unchanged: int = 0

    @property
    def accepted(self) -> bool:
        return not self.problems

    def summary(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run,
            "bodies": {"new": self.bodies_created, "unchanged": self.bodies_unchanged},
            "employees": {"new": self.employees_created, "unchanged": self.employees_unchanged},
        }


def import_records(
    bodies: Source | None,
    employees: Source | None,
    *,
    dry_run: bool,
    actor: User | None,
    progress: Progress | None = None,
    today: date | None = None,
) -> ImportResult:
    """Check both files and, when they are clean and this is no dry run, write them in one transaction."""
    result = ImportResult(dry_run=dry_run)
    bodies_text = present(BODIES_FILE, bodies, result.problems)
    employees_text = present(EMPLOYEES_FILE, employees, result.problems)
    if result.problems:
        return result
    plan = plan_import(bodies_text, employees_text, result.problems)
    if (
        not result.problems
        and not plan.bodies
        and not plan.employees
        and not plan.unchanged_bodies + plan.unchanged_employees
    ):
        # every non-blank line is a record or a problem, so both files were empty (or blank): not an import.
        # One empty file is accepted: exporting bodies without employees writes exactly that.
        result.problems += [p.Problem(BODIES_FILE, 0, "", p.EMPTY_FILE), p.Problem(EMPLOYEES_FILE, 0, "", p.EMPTY_FILE)]
    result.bodies_unchanged, result.employees_unchanged = plan.unchanged_bodies, plan.unchanged_employees
    result.bodies_created, result.employees_created = len(plan.bodies), len(plan.employees)
    if result.problems:
        result.bodies_created = result.employees_created = 0
        logger.info("records import refused: %d problems", len(result.problems))
        return result
    if not dry_run:
        write_plan(plan, actor=actor, progress=progress or (lambda _done: None), today=today or timezone.localdate())
    logger.info(
        "records import%s: %d bodies and %d employees new, %d and %d unchanged",
        " (dry run)" if dry_run else "",
        result.bodies_created,
        result.employees_created,
        result.bodies_unchanged,
        result.employees_unchanged,
    )
    return result


@transaction.atomic
def write_plan(plan: Plan, *, actor: User | None, progress: Progress, today: date) -> None:
    body_ids = dict(StateBody.objects.values_list("code", "pk"))
    for record in plan.bodies:
        body_ids[record.code] = _body_create(record, body_ids).pk
    positions = Positions(body_ids)
    for batch in chunks(plan.employees, BATCH):
        write_batch(batch, positions, actor, today)
        progress(len(batch))


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for first in range(0, len(items), size):
        yield items[first : first + size]


def _body_create(record: BodyRecord, body_ids: dict[str, int]) -> StateBody:
    return StateBody.objects.create(
        code=record.code,
        name_kk=record.name_kk,
        name_ru=record.name_ru,
        name_en=record.name_en,
        parent_id=body_ids[record.parent] if record.parent else None,
        level=record.level,
        region_iso=record.region,
        region_kato=region_by_iso(record.region).kato_code,
    )


class Positions:
    """Posts by body and English name, corps, category and level; a post not yet held is created.

    Positions are matched on their English name (decision 0008); one made by an import carries
    the file's name in all three languages until someone translates it on the admin pages.
    """

    def __init__(self, body_ids: dict[str, int]) -> None:
        self.body_ids = body_ids
        self.ids: dict[PositionKey, int] = {}
        for position in Position.objects.order_by("pk"):
            self.ids.setdefault(self._key_of(position), position.pk)

    @staticmethod
    def _key_of(position: Position) -> PositionKey:
        return (position.body_id, position.name_en, position.corps, position.category, position.managerial_level)

    def key(self, appointment: AppointmentRecord) -> PositionKey:
        return (
            self.body_ids[appointment.body],
            appointment.position,
            appointment.corps,
            appointment.category,
            to_model(LEVEL_TO_MODEL, appointment.managerial_level),
        )

    def ensure(self, appointments: list[AppointmentRecord]) -> None:
        missing = {self.key(a) for a in appointments} - set(self.ids)
        created = Position.objects.bulk_create(
            Position(
                body_id=body_id,
                name_kk=name,
                name_ru=name,
                name_en=name,
                corps=corps,
                category=category,
                managerial_level=level,
            )
            for body_id, name, corps, category, level in sorted(missing)
        )
        for position in created:
            self.ids[self._key_of(position)] = position.pk

    def id_of(self, appointment: AppointmentRecord) -> int:
        return self.ids[self.key(appointment)]


def _masked(iin: str) -> str:
    return validate_iin(iin).masked


def _employee(new: NewEmployee, positions: Positions) -> Employee:
    record = new.record
    return Employee(
        body_id=positions.body_ids[record.body],
        position_id=positions.id_of(record.appointments[-1]),
        ref=record.ref,
        sex=SEX_TO_MODEL[record.sex],
        birth_date=record.birth_date,
        iin_encrypted=encrypt_iin(record.iin),
        iin_digest=new.digest,
        iin_masked=_masked(record.iin),
        hired_on=record.appointments[0].start,
    )


def _appointment_kind(record: EmployeeRecord, index: int) -> AppointmentKind:
    """Hire, transfer between bodies, return from leave, or a post above, below or beside the last."""
    if index == 0:
        return AppointmentKind.HIRE
    now, before = record.appointments[index], record.appointments[index - 1]
    if now.body != before.body:
        return AppointmentKind.TRANSFER
    if any(e.return_to_work and e.return_to_work.date == now.start for e in record.episodes):
        return AppointmentKind.RETURN
    rank_now = ManagerialLevel(to_model(LEVEL_TO_MODEL, now.managerial_level)).rank
    rank_before = ManagerialLevel(to_model(LEVEL_TO_MODEL, before.managerial_level)).rank
    if rank_now < rank_before:
        return AppointmentKind.PROMOTION
    if rank_now > rank_before:
        return AppointmentKind.DEMOTION
    return AppointmentKind.CHANGE


def separation_episode(record: EmployeeRecord) -> int | None:
    """The episode she left from: the last one begun by the separation date with no return."""
    if record.separation is None:
        return None
    left = record.separation.date
    found = None
    for index, episode in enumerate(record.episodes):
        if episode.return_to_work is None and _opened_on(episode) <= left:
            found = index
    return found


def _opened_on(episode: EpisodeRecord) -> date:
    return episode.segments[0].start if episode.segments else episode.child_birth_date


def write_batch(batch: Sequence[NewEmployee], positions: Positions, actor: User | None, today: date) -> None:
    """One batch of employees with all their history: a dozen bulk inserts, whatever the batch size."""
    positions.ensure([a for new in batch for a in new.record.appointments])
    employees = Employee.objects.bulk_create([_employee(new, positions) for new in batch])
    records = [new.record for new in batch]
    children = Child.objects.bulk_create(
        Child(parent_id=e.pk, birth_date=c.birth_date, birth_order=order, adopted=c.adopted)
        for e, r in zip(employees, records, strict=True)
        for order, c in enumerate(r.children, start=1)
    )
    child_ids: dict[tuple[int, date], int] = {}
    for child in children:
        child_ids.setdefault((child.parent_id, child.birth_date), child.pk)  # type: ignore[arg-type]
    _write_careers(employees, records, positions)
    _write_leave(employees, records, child_ids, positions, today)
    AccessLog.objects.bulk_create(
        AccessLog(
            actor=actor if actor is not None and actor.is_authenticated else None,
            action=AccessAction.CREATE,
            record_type="cases.employee",
            record_id=str(e.pk),
            subject_id=e.pk,
            detail="records import",
        )
        for e in employees
    )


def _write_careers(employees: list[Employee], records: list[EmployeeRecord], positions: Positions) -> None:
    appointments, pay = [], []
    for employee, record in zip(employees, records, strict=True):
        for index, a in enumerate(record.appointments):
            appointments.append(
                Appointment(
                    employee_id=employee.pk,
                    position_id=positions.id_of(a),
                    starts_on=a.start,
                    ends_on=a.end,
                    kind=_appointment_kind(record, index),
                    monthly_salary=a.monthly_pay,
                )
            )
            pay.append(
                PayRecord(employee_id=employee.pk, effective_from=a.start, monthly_salary=a.monthly_pay, reason="")
            )
    Appointment.objects.bulk_create(appointments)
    PayRecord.objects.bulk_create(pay)


def _post_on(record: EmployeeRecord, day: date) -> AppointmentRecord:
    return next(a for a in record.appointments if a.covers(day))


def _write_leave(
    employees: list[Employee],
    records: list[EmployeeRecord],
    child_ids: dict[tuple[int, date], int],
    positions: Positions,
    today: date,
) -> None:
    episodes, owners = [], []
    for employee, record in zip(employees, records, strict=True):
        left_from = separation_episode(record)
        for index, e in enumerate(record.episodes):
            adopted = any(c.adopted for c in record.children if c.birth_date == e.child_birth_date)
            episodes.append(
                LeaveEpisode(
                    employee_id=employee.pk,
                    child_id=child_ids[(employee.pk, e.child_birth_date)],
                    kind=EpisodeKind.ADOPTION if adopted else EpisodeKind.BIRTH,
                    status=status_on(
                        e.segments, returned=e.return_to_work is not None, exited=index == left_from, today=today
                    ),
                    opened_on=_opened_on(e),
                )
            )
            owners.append((employee, record, index, e))
    saved = LeaveEpisode.objects.bulk_create(episodes)
    segments: list[LeaveSegment] = []
    returns: list[ReturnToWork] = []
    episode_ids: dict[tuple[int, int], int] = {}
    for episode, (employee, record, index, e) in zip(saved, owners, strict=True):
        episode_ids[(employee.pk, index)] = episode.pk
        segments.extend(
            LeaveSegment(episode_id=episode.pk, kind=s.kind, planned_start=s.start, planned_end=s.end)
            for s in e.segments
        )
        if e.return_to_work is not None:
            post = _post_on(record, e.return_to_work.date)
            returns.append(
                ReturnToWork(
                    episode_id=episode.pk,
                    first_working_day=e.return_to_work.date,
                    mode=e.return_to_work.mode,
                    position_id=positions.id_of(post),
                    monthly_salary=post.monthly_pay,
                )
            )
    LeaveSegment.objects.bulk_create(segments)
    ReturnToWork.objects.bulk_create(returns)
    Separation.objects.bulk_create(_separations(employees, records, episode_ids))


def _separations(
    employees: list[Employee], records: list[EmployeeRecord], episode_ids: dict[tuple[int, int], int]
) -> Iterator[Separation]:
    for employee, record in zip(employees, records, strict=True):
        if record.separation is None:
            continue
        left_from = separation_episode(record)
        yield Separation(
            employee_id=employee.pk,
            episode_id=episode_ids[(employee.pk, left_from)] if left_from is not None else None,
            date=record.separation.date,
            during_leave=left_from is not None,
            reason=to_model(REASON_TO_MODEL, record.separation.reason),
            destination=to_model(DESTINATION_TO_MODEL, record.separation.destination),
        )
