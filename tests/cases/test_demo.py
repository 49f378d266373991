"""The demo data: reproducible from a seed, shaped like the civil service, true to the rules and services."""

from __future__ import annotations

import hashlib
from datetime import date
from io import StringIO
from itertools import pairwise
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import models, transaction

from kopir.accounts.models import AccessAction, AccessLog, Role, User
from kopir.cases.demo import DEMO_PASSWORD, DemoDatabaseNotEmpty, DemoSummary, build_demo
from kopir.cases.leave_state import is_protected
from kopir.cases.models import (
    Appointment,
    Child,
    Employee,
    EpisodeKind,
    EpisodeStatus,
    FollowUp,
    LeaveEpisode,
    LeaveSegment,
    PayRecord,
    ReturnToWork,
    SegmentKind,
    Separation,
)
from kopir.cases.protection import decrypt_iin, link_digest
from kopir.cases.services.leave import childcare_last_day, episode_status_on
from kopir.organisation.models import Corps, ManagerialLevel, Position, StateBody
from kopir.reference import corps_b_categories, regions, validate_iin
from kopir.rules import leave_for
from tests.cases.builders import make_body, make_user

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)
CLOSED = (EpisodeStatus.RETURNED, EpisodeStatus.EXITED)


SEEDED_FIELDS: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (StateBody, ("code", "name_kk", "name_ru", "name_en", "level", "region_iso", "region_kato", "parent__code")),
    (Position, ("body__code", "name_kk", "name_ru", "name_en", "corps", "category", "managerial_level")),
    (Employee, ("iin_digest", "iin_masked", "surname", "given_name", "patronymic", "sex", "birth_date", "hired_on")),
    (Employee, ("iin_digest", "body__code", "position__name_en", "user__username")),
    (Child, ("parent__iin_digest", "birth_order", "birth_date", "expected_birth", "adopted")),
    (LeaveEpisode, ("employee__iin_digest", "opened_on", "child__birth_order", "kind", "children", "status")),
    (LeaveEpisode, ("employee__iin_digest", "opened_on", "complicated_birth", "nuclear_test_zone", "version")),
    (LeaveEpisode, ("employee__iin_digest", "opened_on", "replacement__iin_digest", "replacement_until")),
    (LeaveSegment, ("episode__employee__iin_digest", "planned_start", "kind", "planned_end", "actual_start")),
    (LeaveSegment, ("episode__employee__iin_digest", "planned_start", "actual_end")),
    (ReturnToWork, ("episode__employee__iin_digest", "first_working_day", "mode", "position__name_en")),
    (ReturnToWork, ("episode__employee__iin_digest", "first_working_day", "monthly_salary")),
    (Separation, ("employee__iin_digest", "date", "episode__opened_on", "during_leave", "reason", "destination")),
    (Separation, ("employee__iin_digest", "date", "protected_ground")),
    (FollowUp, ("episode__employee__iin_digest", "episode__opened_on", "months_after_return", "employed_in_body")),
    (FollowUp, ("episode__employee__iin_digest", "episode__opened_on", "employed_in_state_service", "recorded_on")),
    (PayRecord, ("employee__iin_digest", "effective_from", "monthly_salary", "reason")),
    (Appointment, ("employee__iin_digest", "starts_on", "kind", "position__name_en")),
    (User, ("username", "role", "body__code", "is_superuser", "is_staff")),
)


def _digest() -> str:
    """A hash of every stored field that the seed decides (not ids, not the IIN's ciphertext)."""
    rows = [list(model._default_manager.order_by(*fields).values_list(*fields)) for model, fields in SEEDED_FIELDS]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _built_digest(seed: int) -> str:
    """Build in a transaction of its own, hash, and roll it all back."""
    with transaction.atomic():
        build_demo(seed=seed, employees=300, today=TODAY)
        digest = _digest()
        transaction.set_rollback(True)
    return digest


def test_the_same_seed_gives_the_same_data() -> None:
    first = _built_digest(11)
    assert StateBody.objects.count() == 0  # rolled back
    assert _built_digest(11) == first
    assert _built_digest(12) != first


@pytest.fixture
def demo() -> DemoSummary:
    return build_demo(seed=5, employees=600, today=TODAY)


def test_the_shares_of_women_follow_the_civil_service() -> None:
    calls: list[tuple[int, int]] = []
    summary = build_demo(seed=3, employees=2100, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(2000, 2100), (2100, 2100)]
    employees = Employee.objects.all()
    managerial = employees.exclude(position__managerial_level=ManagerialLevel.SPECIALIST)
    women = employees.filter(sex="female").count() / employees.count()
    women_managerial = managerial.filter(sex="female").count() / managerial.count()
    assert abs(women - 0.56) <= 0.04
    assert abs(women_managerial - 0.389) <= 0.06
    assert 0.1 < managerial.count() / employees.count() < 0.4
    assert (summary.employees, summary.women, summary.managerial) == (
        2100,
        employees.filter(sex="female").count(),
        managerial.count(),
    )


def test_every_iin_is_valid_unique_and_stored_as_the_service_stores_it(demo: DemoSummary) -> None:
    rows = list(Employee.objects.values_list("iin_encrypted", "iin_digest", "iin_masked", "sex", "birth_date"))
    iins = [decrypt_iin(token) for token, *_ in rows]
    assert len(set(iins)) == len(iins) == demo.employees
    for iin, (_, digest, masked, sex, born) in zip(iins, rows, strict=True):
        checked = validate_iin(iin)
        assert (digest, masked, sex, born) == (link_digest(iin), checked.masked, checked.sex, checked.birth_date)


def test_the_organisation_covers_every_region_with_real_categories(demo: DemoSummary) -> None:
    assert {b.region_iso for b in StateBody.objects.all()} == {r.iso_code for r in regions()}
    assert set(StateBody.objects.values_list("level", flat=True)) == {"central", "regional", "district"}
    ministry = StateBody.objects.get(code="MLSP")
    assert ministry.name_ru == "Министерство труда и социальной защиты населения РК"
    assert ministry.children.get(region_iso="KZ-10").name_ru.endswith("по области Абай")
    for position in Position.objects.filter(corps=Corps.B).select_related("body"):
        families = corps_b_categories(position.body.level)
        assert any(family.contains(position.category) for family in families), position.category
    employees = Employee.objects.all()
    assert employees.filter(position__managerial_level=ManagerialLevel.CORPS_A).count() < 0.02 * demo.employees
    assert all(e.position.body_id == e.body_id for e in employees.select_related("position"))


def _event(episode: LeaveEpisode, first: LeaveSegment) -> dict[str, Any]:
    """The event of contract v1 as the episode's records tell it."""
    child = episode.child
    event: dict[str, Any] = {
        "type": episode.kind,
        "children": episode.children,
        "complicated_birth": episode.complicated_birth,
    }
    for name, value in (("expected_birth", child.expected_birth), ("birth_date", child.birth_date)):
        if value is not None:
            event[name] = value.isoformat()
    if episode.kind == EpisodeKind.ADOPTION:
        event["adoption_date"] = first.planned_start.isoformat()
    return event


def test_every_leave_is_what_the_rules_and_the_services_say(demo: DemoSummary) -> None:
    episodes = LeaveEpisode.objects.select_related("child", "return_to_work").prefetch_related(
        "segments", "separations"
    )
    maternity = 0
    for episode in episodes:
        assert episode.status == episode_status_on(episode, TODAY)
        segments = sorted(episode.segments.all(), key=lambda s: s.start)
        first = segments[0]
        if first.kind in (SegmentKind.MATERNITY, SegmentKind.ADOPTION):
            maternity += 1
            leave = leave_for(_event(episode, first), nuclear_test_zone=episode.nuclear_test_zone)
            assert (first.planned_start, first.planned_end) == (leave.start, leave.end)
        eve = childcare_last_day(episode)
        assert all(s.planned_end <= eve for s in segments if s.kind == SegmentKind.CHILDCARE)
        assert all(earlier.end < later.start for earlier, later in pairwise(segments))
        if hasattr(episode, "return_to_work"):
            assert episode.return_to_work.first_working_day > first.start
            assert all(s.end < episode.return_to_work.first_working_day for s in segments)
    assert maternity > 50
    statuses = set(LeaveEpisode.objects.values_list("status", flat=True))
    assert {EpisodeStatus.RETURNED, EpisodeStatus.EXITED, EpisodeStatus.CHILDCARE} <= statuses
    fathers = LeaveEpisode.objects.filter(employee__sex="male")
    assert 0 < fathers.count() < 0.2 * LeaveEpisode.objects.count()


def test_separations_of_protected_employees_carry_a_legal_ground(demo: DemoSummary) -> None:
    separations = Separation.objects.select_related("employee", "episode")
    protected = 0
    for separation in separations:
        if is_protected(separation.employee.children.all(), separation.date):
            protected += 1
            assert separation.protected_ground, separation.reason
        if separation.during_leave:
            assert separation.episode is not None
            assert separation.episode.status == EpisodeStatus.EXITED
    assert protected > 0
    assert separations.filter(during_leave=False).exists()


def test_the_demo_accounts_log_in_and_the_employee_is_on_leave(demo: DemoSummary) -> None:
    users = {u.username: u for u in User.objects.all()}
    assert set(users) == {"admin", "hr", "head", "analyst", "employee"}
    assert all(u.check_password(DEMO_PASSWORD) and u.is_active for u in users.values())
    assert users["admin"].role == Role.ADMINISTRATOR
    assert users["admin"].is_staff
    assert users["admin"].is_superuser
    assert (users["hr"].role, users["head"].role, users["analyst"].role) == (
        Role.HR_OFFICER,
        Role.BODY_HEAD,
        Role.ANALYST,
    )
    body = users["hr"].body
    assert body is not None
    assert body.code == "MLSP"
    assert users["head"].body == users["employee"].body == body
    employee = Employee.objects.get(user=users["employee"])
    assert (employee.body, employee.sex) == (body, "female")
    assert employee.episodes.exclude(status__in=CLOSED).exists()
    assert [u.username for u in demo.users] == ["admin", "hr", "head", "analyst", "employee"]
    assert any(DEMO_PASSWORD in line for line in demo.lines())


def test_a_database_with_bodies_is_refused_unless_replaced() -> None:
    make_body("OWN")
    with pytest.raises(DemoDatabaseNotEmpty, match="replace"):
        build_demo(employees=50, today=TODAY)
    assert Employee.objects.count() == 0
    AccessLog.objects.create(actor=None, action=AccessAction.READ, record_type="cases.employee", record_id="1")
    first = build_demo(employees=200, today=TODAY, replace=True)
    assert not StateBody.objects.filter(code="OWN").exists()
    hr = User.objects.get(username="hr")
    second = build_demo(seed=9, employees=150, today=TODAY, replace=True)
    assert (first.employees, second.employees, Employee.objects.count()) == (200, 150, 150)
    assert User.objects.get(username="hr").pk == hr.pk  # the demo accounts are reset, not recreated
    assert AccessLog.objects.count() == 1


def test_replace_refuses_to_orphan_other_accounts() -> None:
    make_user(Role.HR_OFFICER, make_body("OWN"), username="aigerim")
    with pytest.raises(DemoDatabaseNotEmpty, match="aigerim"):
        build_demo(employees=50, today=TODAY, replace=True)
    assert StateBody.objects.filter(code="OWN").exists()


def test_the_command_builds_once_and_then_asks_for_replace() -> None:
    out = StringIO()
    call_command("demo", "--employees=120", "--seed=4", "--today=2026-03-01", stdout=out)
    assert "120 employees" in out.getvalue()
    assert "kopir-demo" in out.getvalue()
    with pytest.raises(CommandError, match="--replace"):
        call_command("demo", "--employees=120", stdout=StringIO())
