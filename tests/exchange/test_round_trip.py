"""Export then import into an empty database reproduces the same records (example and generated sets)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kopir.exchange.exporting import body_records, dumps, employee_records, export_records
from kopir.exchange.importing import import_records
from kopir.exchange.lines import read_directory
from kopir.exchange.records import (
    CORPS,
    DESTINATIONS,
    MANAGERIAL_LEVELS,
    RETURN_MODES,
    SEPARATION_REASONS,
    AppointmentRecord,
    BodyRecord,
    ChildRecord,
    EmployeeRecord,
    EpisodeRecord,
    ReturnRecord,
    SegmentRecord,
    SeparationRecord,
)
from kopir.reference import make_iin
from tests.exchange.conftest import EXAMPLE

pytestmark = pytest.mark.django_db


def _lines(path: Path) -> list[dict[str, object]]:
    return sorted((json.loads(line) for line in path.read_text().splitlines()), key=json.dumps)


def test_the_example_survives_export_and_import_into_an_empty_database(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    with transaction.atomic():
        assert import_records(*read_directory(EXAMPLE), dry_run=False, actor=None).accepted
        export_records(first)
        transaction.set_rollback(True)
    assert import_records(*read_directory(first), dry_run=False, actor=None).accepted
    export_records(second)
    for name in ("bodies.jsonl", "employees.jsonl"):
        assert _lines(second / name) == _lines(first / name) == _lines(EXAMPLE / name)


REGIONS = ("KZ-71", "KZ-75", "KZ-79", "KZ-10", "KZ-63")
NAMES = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzәіңғүұқөһабвгдежзийклмнопрстуфхцчшщъыьэюя -", min_size=1, max_size=20
).filter(lambda s: s.strip() != "")
POSITIONS = st.sampled_from(["Chief expert", "Expert", "Head of sector", "Главный специалист"])
PAY = st.one_of(st.integers(0, 2_000_000).map(Decimal), st.integers(0, 200_000_000).map(lambda c: Decimal(c) / 100))


@st.composite
def body_sets(draw: st.DrawFn) -> list[BodyRecord]:
    count = draw(st.integers(1, 3))
    bodies: list[BodyRecord] = []
    for index in range(count):
        parent = draw(st.one_of(st.none(), st.sampled_from([b.code for b in bodies]))) if bodies else None
        bodies.append(
            BodyRecord(
                code=f"KZ-B{index}",
                name_kk=draw(NAMES),
                name_ru=draw(NAMES),
                name_en=draw(NAMES),
                parent=parent,
                level=draw(st.sampled_from(["central", "regional", "district", "rural"])),
                region=draw(st.sampled_from(REGIONS)),
            )
        )
    return bodies


def _iin(born: date, sex: str, serial: int) -> str:
    while True:
        try:
            return make_iin(born, "female" if sex == "F" else "male", serial)
        except ValueError:
            serial += 1


@st.composite
def employee_records_of(draw: st.DrawFn, bodies: list[BodyRecord], index: int) -> EmployeeRecord:
    codes = [b.code for b in bodies]
    sex = draw(st.sampled_from(["F", "M"]))
    born = draw(st.dates(date(1960, 1, 1), date(2000, 12, 31)))
    body = draw(st.sampled_from(codes))
    appointments: list[AppointmentRecord] = []
    start = born + timedelta(days=20 * 365 + draw(st.integers(0, 400)))
    count = draw(st.integers(1, 3))
    for number in range(count):
        last = number == count - 1
        length = draw(st.integers(0, 3000))
        end = None if last and draw(st.booleans()) else start + timedelta(days=length)
        appointments.append(
            AppointmentRecord(
                start,
                end,
                body if last else draw(st.sampled_from(codes)),
                draw(POSITIONS),
                draw(st.sampled_from(CORPS)),
                draw(st.sampled_from(["", "C-4", "B-3"])),
                draw(st.sampled_from(MANAGERIAL_LEVELS)),
                draw(PAY),
            )
        )
        start = (end or start) + timedelta(days=draw(st.integers(1, 60)))
    children = [
        ChildRecord(draw(st.dates(born + timedelta(days=7000), born + timedelta(days=16000))), draw(st.booleans()))
        for _ in range(draw(st.integers(0, 2)))
    ]
    episodes = [draw(episode_of(child, appointments)) for child in children if draw(st.booleans())]
    episodes.sort(key=lambda e: e.segments[0].start if e.segments else e.child_birth_date)
    separation = None
    if draw(st.booleans()):
        separation = SeparationRecord(
            draw(st.dates(born + timedelta(days=7000), date(2030, 1, 1))),
            draw(st.sampled_from(SEPARATION_REASONS)),
            draw(st.sampled_from(DESTINATIONS)),
        )
    return EmployeeRecord(
        f"R-{index}",
        _iin(born, sex, index * 7),
        sex,
        born,
        body,
        tuple(appointments),
        tuple(children),
        tuple(episodes),
        separation,
    )


@st.composite
def episode_of(draw: st.DrawFn, child: ChildRecord, appointments: list[AppointmentRecord]) -> EpisodeRecord:
    third = child.birth_date.replace(year=child.birth_date.year + 3, day=min(child.birth_date.day, 28))
    day = child.birth_date - timedelta(days=draw(st.integers(0, 70)))
    segments = []
    for kind in draw(st.lists(st.sampled_from(["maternity", "adoption", "annual", "childcare"]), max_size=3)):
        end = day + timedelta(days=draw(st.integers(0, 400)))
        if kind == "childcare":
            end = min(end, third)
        if end < day:
            break
        segments.append(SegmentRecord(kind, day, end))
        day = end + timedelta(days=draw(st.integers(1, 10)))
    back = None
    if draw(st.booleans()):
        candidate = ReturnRecord(day, draw(st.sampled_from(RETURN_MODES)))
        if any(a.covers(candidate.date) for a in appointments):
            back = candidate
    return EpisodeRecord(child.birth_date, tuple(segments), back)


@st.composite
def record_sets(draw: st.DrawFn) -> tuple[list[BodyRecord], list[EmployeeRecord]]:
    bodies = draw(body_sets())
    people = [draw(employee_records_of(bodies, index)) for index in range(draw(st.integers(0, 5)))]
    return bodies, people


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record_sets())
def test_generated_record_sets_survive_import_and_export(
    records: tuple[list[BodyRecord], list[EmployeeRecord]],
) -> None:
    bodies, people = records
    with transaction.atomic():
        result = import_records(
            "".join(dumps(b.to_json()) + "\n" for b in bodies).encode(),
            "".join(dumps(e.to_json()) + "\n" for e in people).encode(),
            dry_run=False,
            actor=None,
        )
        assert [p.as_dict("en") for p in result.problems] == []
        assert sorted(body_records(), key=lambda b: b.code) == bodies
        assert list(employee_records()) == people
        transaction.set_rollback(True)


def test_demo_data_from_the_hr_pages_survives_export_import_and_re_import(tmp_path: Path) -> None:
    """Records made by case management (no references, open appointments) export as valid files."""
    from kopir.cases.demo import build_demo  # noqa: PLC0415 - only this test needs the demo builder

    first, second = tmp_path / "first", tmp_path / "second"
    with transaction.atomic():
        build_demo(seed=11, employees=150, today=date(2026, 3, 1))
        export_records(first)
        again = import_records(*read_directory(first), dry_run=False, actor=None)
        assert again.summary()["employees"] == {"new": 0, "unchanged": 150}
        transaction.set_rollback(True)
    result = import_records(*read_directory(first), dry_run=False, actor=None)
    assert [p.as_dict("en") for p in result.problems[:3]] == []
    export_records(second)
    for name in ("bodies.jsonl", "employees.jsonl"):
        assert _lines(second / name) == _lines(first / name)
