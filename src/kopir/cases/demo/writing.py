"""Writing the demo: a chunk of people at a time, a `bulk_create` per table; making room for it."""

from __future__ import annotations

import random
from collections.abc import Sequence

from kopir.accounts.models import Role, User
from kopir.cases.demo.bodies import BATCH
from kopir.cases.demo.records import _Episode, _Person
from kopir.cases.models import (
    Appointment,
    Child,
    Employee,
    FollowUp,
    LeaveEpisode,
    LeaveSegment,
    PayRecord,
    ReturnToWork,
    Separation,
)
from kopir.cases.protection import encrypt_iin, link_digest
from kopir.organisation.models import Position, StateBody
from kopir.reference import validate_iin


class DemoDatabaseNotEmpty(Exception):
    """The demo only fills an empty case database, unless asked to replace what is there."""


DEMO_USERNAMES = ("admin", "hr", "head", "analyst", "employee")


def _employee_row(person: _Person) -> Employee:
    """The employee as `employee_create` stores her: sex and birth date from the IIN, the IIN protected."""
    checked = validate_iin(person.iin)
    return Employee(
        body_id=person.body.state_body.pk,
        position_id=person.career[-1][1].position.pk,
        surname=person.surname,
        given_name=person.given_name,
        patronymic=person.patronymic,
        sex=checked.sex,
        birth_date=checked.birth_date,
        iin_encrypted=encrypt_iin(checked.value),
        iin_digest=link_digest(checked.value),
        iin_masked=checked.masked,
        hired_on=person.hired_on,
    )


def _episode_row(person: _Person, episode: _Episode, rng: random.Random) -> LeaveEpisode:
    assert person.row is not None  # noqa: S101 - written before its episodes
    assert episode.child.row is not None  # noqa: S101
    replacement = None
    until = None
    if episode.replaced:
        colleague = rng.choice(person.body.members)
        if colleague != person.row.pk:
            replacement = colleague
            until = max(s.real_end for s in episode.segments)
    return LeaveEpisode(
        employee_id=person.row.pk,
        child_id=episode.child.row.pk,
        kind=episode.kind,
        children=episode.children,
        complicated_birth=episode.complicated,
        nuclear_test_zone=episode.nuclear,
        status=episode.status,
        replacement_id=replacement,
        replacement_until=until,
        opened_on=episode.opened_on,
        version=len(episode.segments) + (1 if episode.back is not None else 0),  # a bump per segment added, return
    )


def _write(people: Sequence[_Person], rng: random.Random) -> None:
    """One chunk of people with everything they carry, a `bulk_create` per table."""
    employees = [_employee_row(p) for p in people]
    Employee.objects.bulk_create(employees, batch_size=BATCH)
    children: list[Child] = []
    for person, row in zip(people, employees, strict=True):
        person.row = row
        person.body.members.append(row.pk)
        for child in person.children:
            child.row = Child(
                parent_id=row.pk,
                birth_date=child.birth_date,
                expected_birth=child.expected_birth,
                birth_order=child.order,
                adopted=child.adopted,
            )
            children.append(child.row)
    Child.objects.bulk_create(children, batch_size=BATCH)
    episodes: list[LeaveEpisode] = []
    for person in people:
        for episode in person.episodes:
            episode.row = _episode_row(person, episode, rng)
            episodes.append(episode.row)
    LeaveEpisode.objects.bulk_create(episodes, batch_size=BATCH)
    _write_outcomes(people)
    pay: list[PayRecord] = []
    appointments: list[Appointment] = []
    for person in people:
        assert person.row is not None  # noqa: S101
        pay += [
            PayRecord(employee_id=person.row.pk, effective_from=day, monthly_salary=salary, reason=reason)
            for day, salary, reason in person.pay
        ]
        appointments += [
            Appointment(employee_id=person.row.pk, position_id=post.position.pk, starts_on=day, kind=kind)
            for day, post, kind in person.career
        ]
    PayRecord.objects.bulk_create(pay, batch_size=BATCH)
    Appointment.objects.bulk_create(appointments, batch_size=BATCH)


def _write_outcomes(people: Sequence[_Person]) -> None:
    segments: list[LeaveSegment] = []
    returns: list[ReturnToWork] = []
    follow_ups: list[FollowUp] = []
    separations: list[Separation] = []
    for person in people:
        assert person.row is not None  # noqa: S101
        for episode in person.episodes:
            assert episode.row is not None  # noqa: S101
            segments += [
                LeaveSegment(
                    episode_id=episode.row.pk,
                    kind=s.kind,
                    planned_start=s.start,
                    planned_end=s.end,
                    actual_start=s.actual_start,
                    actual_end=s.actual_end,
                )
                for s in episode.segments
            ]
            back = episode.back
            if back is not None:
                assert back.post is not None  # noqa: S101 - set with the career
                returns.append(
                    ReturnToWork(
                        episode_id=episode.row.pk,
                        first_working_day=back.day,
                        mode=back.mode,
                        position_id=back.post.position.pk,
                        monthly_salary=back.salary,
                    )
                )
            follow_ups += [
                FollowUp(
                    episode_id=episode.row.pk,
                    months_after_return=months,
                    employed_in_body=in_body,
                    employed_in_state_service=in_service,
                    recorded_on=recorded,
                )
                for months, in_body, in_service, recorded in episode.follow_ups
            ]
        leaving = person.exit
        if leaving is not None:
            episode_row = leaving.episode.row if leaving.episode is not None else None
            separations.append(
                Separation(
                    employee_id=person.row.pk,
                    episode_id=episode_row.pk if episode_row is not None else None,
                    date=leaving.day,
                    during_leave=leaving.during_leave,
                    reason=leaving.reason,
                    destination=leaving.destination,
                    protected_ground=leaving.ground,
                )
            )
    LeaveSegment.objects.bulk_create(segments, batch_size=BATCH)
    ReturnToWork.objects.bulk_create(returns, batch_size=BATCH)
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    Separation.objects.bulk_create(separations, batch_size=BATCH)


def _make_room(*, replace: bool) -> None:
    """Refuse a database with organisation or case data, or delete it all (never the access log)."""
    bodies = StateBody.objects.count()
    if not bodies and not Employee.objects.exists():
        return
    if not replace:
        raise DemoDatabaseNotEmpty(
            f"The database already has {bodies} state bodies: the demo only fills an empty case database. "
            "Run it with --replace (build_demo(replace=True)) to delete all state bodies, positions, employees "
            "and their leave first; the access log and the user accounts are kept, the demo accounts reset."
        )
    attached = list(
        User.objects.filter(body__isnull=False).exclude(username__in=DEMO_USERNAMES).values_list("username", flat=True)
    )
    if attached:
        raise DemoDatabaseNotEmpty(
            "These user accounts belong to state bodies that --replace would delete: "
            f"{', '.join(sorted(attached))}. Delete them or detach them from their bodies first."
        )
    User.objects.filter(username__in=DEMO_USERNAMES).update(body=None, role=Role.ANALYST)  # set again below
    Separation.objects.all().delete()
    LeaveEpisode.objects.all().delete()  # with its segments, return, follow-ups and anything else of it
    Employee.objects.all().delete()  # with children, pay history and appointments
    Position.objects.all().delete()
    while StateBody.objects.exists():  # a parent is protected while it has children
        StateBody.objects.filter(children__isnull=True).delete()
