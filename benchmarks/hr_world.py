"""A national-size HR world built in bulk for `hr_lists.py`: 100,000 employees, one body of thousands.

`bulk_create` writes every row (no services, no access log), so building takes seconds, not the
demo's minutes: what is timed is the pages, not the building. One body (code BENCH) holds
`in_body` employees; the rest are spread over 39 other bodies. A tenth of the employees have a
leave episode in one of the statuses, with a maternity segment, a child, reminders of each kind,
a return plan with requests pending (some overdue) and failed checks awaiting the head.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from typing import Any

SURNAMES = ["Ахметова", "Бекова", "Серикова", "Омарова", "Жуматова", "Касымова", "Нурланова", "Абенова"]
STATUSES = ["maternity", "childcare", "annual", "between", "return_due", "returned", "planned"]
BODIES = 40


def _bodies() -> list[Any]:
    from kopir.organisation.models import BodyLevel, StateBody  # noqa: PLC0415

    bodies = [
        StateBody(
            code="BENCH" if number == 0 else f"B{number:03d}",
            name_kk=f"Орган {number}",
            name_ru=f"Орган {number}",
            name_en=f"Body {number}",
            level=BodyLevel.CENTRAL,
            region_iso="KZ-71",
            region_kato="710000000",
        )
        for number in range(BODIES)
    ]
    return StateBody.objects.bulk_create(bodies)


def _positions(bodies: list[Any]) -> dict[int, Any]:
    from kopir.organisation.models import Corps, ManagerialLevel, Position  # noqa: PLC0415

    made = Position.objects.bulk_create(
        Position(
            body=body,
            name_kk="Маман",
            name_ru="Специалист",
            name_en="Specialist",
            corps=Corps.B,
            category="B-5",
            managerial_level=ManagerialLevel.SPECIALIST,
        )
        for body in bodies
    )
    return {position.body_id: position for position in made}


def _employees(bodies: list[Any], employees: int, in_body: int, rng: random.Random) -> list[Any]:
    from kopir.cases.models import Employee  # noqa: PLC0415

    positions = _positions(bodies)
    rows = []
    for number in range(employees):
        body = bodies[0] if number < in_body else bodies[1 + number % (BODIES - 1)]
        rows.append(
            Employee(
                body=body,
                position=positions[body.pk],
                ref=f"T{number:06d}",
                surname=rng.choice(SURNAMES),
                given_name="Айгерим",
                sex="female",
                birth_date=date(1985, 1, 1) + timedelta(days=number % 4000),
                iin_encrypted="-",
                iin_digest=hashlib.sha256(str(number).encode()).hexdigest(),
                iin_masked="85****0000",
                hired_on=date(2015, 1, 1),
            )
        )
    return Employee.objects.bulk_create(rows, batch_size=5000)


def _episodes(people: list[Any], today: date, rng: random.Random) -> list[Any]:
    from kopir.cases.models import Child, LeaveEpisode, LeaveSegment  # noqa: PLC0415

    mothers = people[::10]
    children = Child.objects.bulk_create(
        (Child(parent=m, birth_date=today - timedelta(days=rng.randint(30, 900)), birth_order=1) for m in mothers),
        batch_size=5000,
    )
    episodes = LeaveEpisode.objects.bulk_create(
        (
            LeaveEpisode(
                employee=mother,
                child=child,
                kind="birth",
                status=STATUSES[number % len(STATUSES)],
                opened_on=child.birth_date - timedelta(days=70),
            )
            for number, (mother, child) in enumerate(zip(mothers, children, strict=True))
        ),
        batch_size=5000,
    )
    LeaveSegment.objects.bulk_create(
        (
            LeaveSegment(
                episode=episode,
                kind="maternity",
                planned_start=episode.opened_on,
                planned_end=episode.opened_on + timedelta(days=125),
            )
            for episode in episodes
        ),
        batch_size=5000,
    )
    return episodes


def _work(episodes: list[Any], today: date) -> None:
    """Reminders, return plans with pending requests, failed checks: what the home pages list."""
    from kopir.cases.models import Reminder, ReminderKind  # noqa: PLC0415
    from kopir.returns.models import ArrangementRequest, ReturnCheck, ReturnPlan  # noqa: PLC0415

    kinds = list(ReminderKind)
    Reminder.objects.bulk_create(
        (
            Reminder(episode=e, kind=kinds[n % len(kinds)], due_on=today + timedelta(days=n % 20 - 10), raised_on=today)
            for n, e in enumerate(episodes)
            if n % 3 == 0
        ),
        batch_size=5000,
    )
    plans = ReturnPlan.objects.bulk_create(
        (ReturnPlan(episode=e, planned_return_date=today + timedelta(days=30)) for e in episodes[::2]), batch_size=5000
    )
    ArrangementRequest.objects.bulk_create(
        (
            ArrangementRequest(
                plan=plan,
                kind="part_time",
                starts_on=today,
                ends_on=today + timedelta(days=90),
                requested_on=today - timedelta(days=10),
                deadline=today + timedelta(days=n % 20 - 10),
            )
            for n, plan in enumerate(plans)
        ),
        batch_size=5000,
    )
    ReturnCheck.objects.bulk_create(
        (
            ReturnCheck(episode=e, kind="same_post", passed=False, computed_on=today, justification="reorganised")
            for e in episodes[::5]
        ),
        batch_size=5000,
    )


def _users(bodies: list[Any], people: list[Any], episodes: list[Any]) -> dict[str, Any]:
    from kopir.accounts.models import Role, User  # noqa: PLC0415
    from kopir.cases.models import PayRecord  # noqa: PLC0415

    body = bodies[0]
    users = {
        "hr": User.objects.create_user("bench-hr", role=Role.HR_OFFICER, body=body),
        "head": User.objects.create_user("bench-head", role=Role.BODY_HEAD, body=body),
        "analyst": User.objects.create_user("bench-analyst", role=Role.ANALYST),
        "administrator": User.objects.create_user("bench-admin", role=Role.ADMINISTRATOR, is_staff=True),
        "employee": User.objects.create_user("bench-employee", role=Role.EMPLOYEE, body=body),
    }
    mother = next(e.employee for e in episodes if e.employee.body_id == body.pk and e.status == "childcare")
    mother.user = users["employee"]
    mother.save(update_fields=["user"])
    PayRecord.objects.create(employee=mother, effective_from=date(2015, 1, 1), monthly_salary=400000)
    return users


def _visited(users: dict[str, Any], body: Any) -> dict[str, Any]:
    from kopir.cases.models import LeaveEpisode  # noqa: PLC0415

    first = LeaveEpisode.objects.filter(employee__body=body).select_related("employee").order_by("pk").first()
    assert first is not None  # noqa: S101
    return {"users": users, "episode": first, "employee": first.employee, "body": body}


def reuse() -> dict[str, Any] | None:
    """The world an earlier run left in the same database (``KOPIR_VAR_DIR`` kept), or None."""
    from kopir.accounts.models import User  # noqa: PLC0415
    from kopir.organisation.models import StateBody  # noqa: PLC0415

    body = StateBody.objects.filter(code="BENCH").first()
    if body is None:
        return None
    names = {"hr": "bench-hr", "head": "bench-head", "analyst": "bench-analyst"}
    names |= {"administrator": "bench-admin", "employee": "bench-employee"}
    return _visited({role: User.objects.get(username=name) for role, name in names.items()}, body)


def build(*, employees: int, in_body: int, today: date) -> dict[str, Any]:
    """Build the world; the users of each role (their body is BENCH) and a few records to visit."""
    rng = random.Random(2026)
    bodies = _bodies()
    people = _employees(bodies, employees, in_body, rng)
    episodes = _episodes(people, today, rng)
    _work(episodes, today)
    return _visited(_users(bodies, people, episodes), bodies[0])
