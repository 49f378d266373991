"""Building the demo: the bodies, a chunk of people at a time, the demo accounts, and what was built."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from kopir.accounts.models import Role, User
from kopir.cases.demo.bodies import _Body, _create_bodies, _create_positions, _headcounts, _seats, _sexes
from kopir.cases.demo.people import _People
from kopir.cases.demo.writing import _make_room, _write
from kopir.cases.models import (
    Appointment,
    Child,
    Employee,
    EpisodeStatus,
    FollowUp,
    LeaveEpisode,
    LeaveSegment,
    PayRecord,
    ReturnToWork,
    Separation,
)
from kopir.organisation.models import ManagerialLevel, Position, StateBody

DEMO_PASSWORD = "kopir-demo"  # noqa: S105 - the published password of the demo accounts, demo only
DEMO_EMPLOYEES = 20_000  # enough for most regions' return rates under sdc-v1 (decisions 0029, 0036)
CHUNK = 2000  # employees built and written at a time: memory stays flat at any size
OPEN_STATUSES = (EpisodeStatus.MATERNITY, EpisodeStatus.CHILDCARE, EpisodeStatus.ANNUAL, EpisodeStatus.BETWEEN)


class DemoDataRefused(Exception):
    """These settings refuse demo data (``KOPIR_DEMO_DATA`` off; always so in production): its accounts
    share a published password and would be an open door to a real database (decision 0013)."""


DEMO_REFUSED = (
    "These settings refuse demo data (KOPIR_DEMO_DATA is off; the production settings always refuse it): "
    "the demo accounts share a published password. Create the first administrator with `kopir createadmin`."
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    body: str  # the body's name in English, or "" for the roles without one


def _demo_users(body: StateBody, employee: Employee | None, password: str) -> tuple[DemoUser, ...]:
    """The five demo accounts, created or reset; they share one hash of the published password."""
    specs = (
        ("admin", Role.ADMINISTRATOR, None),
        ("hr", Role.HR_OFFICER, body),
        ("head", Role.BODY_HEAD, body),
        ("analyst", Role.ANALYST, None),
        ("employee", Role.EMPLOYEE, body),
    )
    users = []
    for username, role, home in specs:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role = role
        user.body = home
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        user.is_active = True
        user.password = password
        if role == Role.EMPLOYEE and employee is not None:
            user.first_name, user.last_name = employee.given_name, employee.surname
        user.save()
        if role == Role.EMPLOYEE and employee is not None:
            employee.user = user
            employee.save(update_fields=["user"])
        users.append(DemoUser(username, str(role), home.name_en if home is not None else ""))
    return tuple(users)


@dataclass(frozen=True)
class DemoSummary:
    """What was built: the counts, and the demo accounts to log in with."""

    seed: int
    today: date
    bodies: int
    positions: int
    employees: int
    women: int
    managerial: int
    women_managerial: int
    children: int
    episodes: int
    statuses: dict[str, int]
    segments: int
    returns: int
    separations: int
    follow_ups: int
    pay_records: int
    appointments: int
    users: tuple[DemoUser, ...]
    demo_employee: str
    password: str = DEMO_PASSWORD

    def lines(self) -> list[str]:
        women = 100 * self.women / self.employees if self.employees else 0.0
        women_managerial = 100 * self.women_managerial / self.managerial if self.managerial else 0.0
        statuses = ", ".join(f"{status} {count}" for status, count in self.statuses.items())
        lines = [
            f"Demo data (seed {self.seed}, as of {self.today.isoformat()}):",
            f"  {self.bodies} state bodies, {self.positions} positions",
            (
                f"  {self.employees} employees: {women:.1f}% women; {self.managerial} in managerial posts, "
                f"{women_managerial:.1f}% of them women"
            ),
            f"  {self.children} children, {self.episodes} leave episodes ({statuses})",
            (
                f"  {self.segments} leave segments, {self.returns} returns, {self.separations} separations, "
                f"{self.follow_ups} follow-ups"
            ),
            f"  {self.pay_records} pay records, {self.appointments} appointments",
            f"Demo accounts (demo only), password {self.password!r}:",
        ]
        lines += [f"  {u.username:<9} {u.role:<14} {u.body}".rstrip() for u in self.users]
        if self.demo_employee:
            lines.append(f"  'employee' is {self.demo_employee}, with a leave episode open")
        return lines


def _summary(seed: int, today: date, users: tuple[DemoUser, ...], employee: Employee | None) -> DemoSummary:
    managerial = Employee.objects.exclude(position__managerial_level=ManagerialLevel.SPECIALIST)
    statuses = dict(
        LeaveEpisode.objects.values_list("status").annotate(n=Count("id")).order_by("status").values_list("status", "n")
    )
    return DemoSummary(
        seed=seed,
        today=today,
        bodies=StateBody.objects.count(),
        positions=Position.objects.count(),
        employees=Employee.objects.count(),
        women=Employee.objects.filter(sex="female").count(),
        managerial=managerial.count(),
        women_managerial=managerial.filter(sex="female").count(),
        children=Child.objects.count(),
        episodes=LeaveEpisode.objects.count(),
        statuses={str(status): count for status, count in statuses.items()},
        segments=LeaveSegment.objects.count(),
        returns=ReturnToWork.objects.count(),
        separations=Separation.objects.count(),
        follow_ups=FollowUp.objects.count(),
        pay_records=PayRecord.objects.count(),
        appointments=Appointment.objects.count(),
        users=users,
        demo_employee=employee.full_name if employee is not None else "",
    )


def _demo_pick(bodies: Sequence[_Body], open_episodes: dict[int, int]) -> tuple[StateBody, Employee | None]:
    """The body of the hr, head and employee accounts: the Ministry of Labour if one of its women is on leave."""
    ministry = bodies[0]
    chosen = next((b for b in [ministry, *bodies] if b.state_body.pk in open_episodes), None)
    if chosen is not None:
        return chosen.state_body, Employee.objects.get(pk=open_episodes[chosen.state_body.pk])
    staffed = next((b for b in [ministry, *bodies] if b.members), ministry)
    return staffed.state_body, Employee.objects.filter(pk__in=staffed.members[:1]).first()


def build_demo(
    *,
    seed: int = 2026,
    employees: int = DEMO_EMPLOYEES,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    replace: bool = False,
) -> DemoSummary:
    """Fill an empty case database with a synthetic public sector; the same arguments give the same data.

    Raises `DemoDataRefused` under settings that refuse demo data (production), and
    `DemoDatabaseNotEmpty` if state bodies exist, unless `replace` deletes all organisation
    and case data first (the access log and other accounts are kept). `progress(done, total)` is
    called after each chunk of employees. All is one transaction: an error leaves nothing behind.
    """
    if not settings.KOPIR_DEMO_DATA:
        raise DemoDataRefused(DEMO_REFUSED)
    if employees < 1:
        raise ValueError(f"the demo needs at least one employee, not {employees}")
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    password = make_password(DEMO_PASSWORD)  # hashed once: a strong hash takes a good part of a second
    with transaction.atomic():
        _make_room(replace=replace)
        bodies = _create_bodies()
        headcounts = _headcounts(rng, bodies, employees)
        _create_positions(bodies, headcounts)
        seats = [(body, post) for body, count in zip(bodies, headcounts, strict=True) for post in _seats(body, count)]
        sexes = _sexes(rng, [post for _, post in seats])
        people = _People(rng, today)
        open_episodes: dict[int, int] = {}  # body -> its first woman on leave today
        for begin in range(0, employees, CHUNK):
            end = min(begin + CHUNK, employees)
            chunk = [people.person(body, post, sexes[i]) for i, (body, post) in enumerate(seats[begin:end], begin)]
            _write(chunk, rng)
            for person in chunk:
                if (
                    person.sex == "female"
                    and person.row is not None
                    and person.exit is None
                    and any(e.status in OPEN_STATUSES for e in person.episodes)
                ):
                    open_episodes.setdefault(person.body.state_body.pk, person.row.pk)
            if progress is not None:
                progress(end, employees)
        body, employee = _demo_pick(bodies, open_episodes)
        users = _demo_users(body, employee, password)
        return _summary(seed, today, users, employee)
