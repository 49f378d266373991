"""The checks across lines and against the database, and the plan of what an import will write.

A body code must resolve (in the file or in Kopir), a reference is unique per body, an IIN
belongs to one person. A line whose body and reference Kopir already holds is compared with
the stored record: the same record is skipped (so importing the same files twice changes
nothing), a different one is rejected (decision 0008: the import never overwrites history).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kopir.cases.models import Employee
from kopir.cases.protection import link_digest
from kopir.exchange import problems as p
from kopir.exchange.exporting import body_records, employee_records, reference_of
from kopir.exchange.lines import Source
from kopir.exchange.parsing import parse_bodies, parse_employees
from kopir.exchange.records import BODIES_FILE, EMPLOYEES_FILE, BodyRecord, EmployeeRecord
from kopir.reference import UnknownRegion, region_by_iso


@dataclass(frozen=True, slots=True)
class NewEmployee:
    record: EmployeeRecord
    digest: str = field(repr=False)


@dataclass(slots=True)
class Plan:
    """What the files add: new bodies (parents first) and new employees; what Kopir already holds."""

    bodies: list[BodyRecord] = field(default_factory=list)
    employees: list[NewEmployee] = field(default_factory=list)
    unchanged_bodies: int = 0
    unchanged_employees: int = 0


def plan_import(bodies_text: Source, employees_text: Source, found: list[p.Problem]) -> Plan:
    """Parse and check both files, adding every problem to `found`; the plan is only valid without any."""
    plan = Plan()
    known = _check_bodies(parse_bodies(bodies_text, found), plan, found)
    _check_employees(parse_employees(employees_text, found), known, plan, found)
    return plan


def _problem(file: str, number: int, path: str, reason: p.Reason, **params: object) -> p.Problem:
    return p.Problem(file, number, path, reason, tuple((k, str(v)) for k, v in params.items()))


def _check_bodies(lines: list[tuple[int, BodyRecord]], plan: Plan, found: list[p.Problem]) -> set[str]:
    """Check the bodies and put the new ones in the plan; the codes employees may name."""
    existing = {record.code: record for record in body_records()}
    first_line: dict[str, int] = {}
    new: dict[str, tuple[int, BodyRecord]] = {}
    for number, record in lines:
        if record.code in first_line:
            found.append(_problem(BODIES_FILE, number, "code", p.DUPLICATE_CODE, line=first_line[record.code]))
            continue
        first_line[record.code] = number
        try:
            region = region_by_iso(record.region)
        except UnknownRegion:
            found.append(_problem(BODIES_FILE, number, "region", p.UNKNOWN_REGION))
            continue
        checked = replace(record, region=region.iso_code)
        if checked.code in existing:
            if existing[checked.code] == checked:
                plan.unchanged_bodies += 1
            else:
                found.append(_problem(BODIES_FILE, number, "code", p.BODY_CHANGED))
            continue
        new[checked.code] = (number, checked)
    known = set(existing) | set(first_line)
    for number, record in new.values():
        if record.parent is not None and record.parent not in known:
            found.append(_problem(BODIES_FILE, number, "parent", p.UNKNOWN_BODY))
    plan.bodies = _parents_first(new, found)
    return known


def _parents_first(new: dict[str, tuple[int, BodyRecord]], found: list[p.Problem]) -> list[BodyRecord]:
    ordered: list[BodyRecord] = []
    placed: set[str] = set()
    for code, (number, _record) in new.items():
        chain: list[str] = []
        current: str | None = code
        while current is not None and current in new and current not in placed:
            if current in chain:
                found.append(_problem(BODIES_FILE, number, "parent", p.PARENT_CYCLE))
                break
            chain.append(current)
            current = new[current][1].parent
        else:
            for link in reversed(chain):
                placed.add(link)
                ordered.append(new[link][1])
    return ordered


def _check_employees(
    lines: list[tuple[int, EmployeeRecord]], known: set[str], plan: Plan, found: list[p.Problem]
) -> None:
    stored = {
        (code, reference_of(Employee(pk=pk, ref=ref))): (pk, digest)
        for pk, code, ref, digest in Employee.objects.values_list("pk", "body__code", "ref", "iin_digest")
    }
    stored_digests = {digest for _pk, digest in stored.values()}
    refs: dict[tuple[str, str], int] = {}
    digests: dict[str, int] = {}
    held: dict[int, tuple[int, EmployeeRecord]] = {}
    for number, record in lines:
        if not _bodies_known(number, record, known, found):
            continue
        key = (record.body, record.ref)
        digest = link_digest(record.iin)
        if key in refs:
            found.append(_problem(EMPLOYEES_FILE, number, "ref", p.DUPLICATE_REF, line=refs[key]))
            continue
        refs[key] = number
        if digest in digests:
            found.append(_problem(EMPLOYEES_FILE, number, "iin", p.DUPLICATE_IIN, line=digests[digest]))
            continue
        digests[digest] = number
        if key in stored:
            held[stored[key][0]] = (number, record)
        elif digest in stored_digests:
            found.append(_problem(EMPLOYEES_FILE, number, "iin", p.IIN_TAKEN))
        else:
            plan.employees.append(NewEmployee(record, digest))
    _compare_held(held, plan, found)


def _bodies_known(number: int, record: EmployeeRecord, known: set[str], found: list[p.Problem]) -> bool:
    fine = True
    if record.body not in known:
        found.append(_problem(EMPLOYEES_FILE, number, "body", p.UNKNOWN_BODY))
        fine = False
    for index, appointment in enumerate(record.appointments):
        if appointment.body not in known:
            found.append(_problem(EMPLOYEES_FILE, number, f"appointments[{index}].body", p.UNKNOWN_BODY))
            fine = False
    return fine


def _compare_held(held: dict[int, tuple[int, EmployeeRecord]], plan: Plan, found: list[p.Problem]) -> None:
    """Lines Kopir already holds: the same record is skipped, a different one refused."""
    if not held:
        return
    for stored_record, pk in zip(
        employee_records(Employee.objects.filter(pk__in=list(held))), sorted(held), strict=True
    ):
        number, record = held[pk]
        if stored_record == record:
            plan.unchanged_employees += 1
        else:
            found.append(_problem(EMPLOYEES_FILE, number, "ref", p.EMPLOYEE_CHANGED))
