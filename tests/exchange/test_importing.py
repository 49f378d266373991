"""The import of the example record set: what it writes, the dry run, idempotence, no half-writes."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

import pytest

from kopir.accounts.models import AccessLog
from kopir.cases.models import (
    Appointment,
    AppointmentKind,
    Child,
    Employee,
    EpisodeKind,
    EpisodeStatus,
    LeaveEpisode,
    LeaveSegment,
    PayRecord,
    ReturnToWork,
    Separation,
)
from kopir.cases.protection import decrypt_iin, link_digest
from kopir.exchange import importing
from kopir.organisation.models import Position, StateBody
from tests.exchange.conftest import EMPLOYEES, employees, run_import

pytestmark = pytest.mark.django_db

MODELS = (
    StateBody,
    Position,
    Employee,
    Child,
    Appointment,
    PayRecord,
    LeaveEpisode,
    LeaveSegment,
    ReturnToWork,
    Separation,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_example_is_imported_with_its_histories() -> None:
    result = run_import()
    assert result.accepted
    assert result.summary() == {
        "dry_run": False,
        "bodies": {"new": 3, "unchanged": 0},
        "employees": {"new": 6, "unchanged": 0},
    }
    assert StateBody.objects.get(code="KZ-75-MF").parent == StateBody.objects.get(code="KZ-71-MF")
    assert StateBody.objects.get(code="KZ-75-MF").region_kato == "750000000"
    returned = Employee.objects.get(ref="MF-000123")
    assert returned.full_name == "MF-000123"
    assert returned.hired_on == date(2018, 3, 1)
    episode = returned.episodes.get()
    assert episode.status == EpisodeStatus.RETURNED
    assert [s.kind for s in episode.segments.order_by("planned_start")] == ["maternity", "annual", "childcare"]
    assert episode.return_to_work.monthly_salary == Decimal(350000)
    left = Separation.objects.get(employee__ref="MF-000124")
    assert left.during_leave
    assert left.episode is not None
    assert left.episode.status == EpisodeStatus.EXITED
    assert LeaveEpisode.objects.get(employee__ref="MF-000125").status == EpisodeStatus.CHILDCARE
    assert Employee.objects.get(ref="MF-000126").sex == "male"
    assert LeaveEpisode.objects.get(employee__ref="BOS-0007").kind == EpisodeKind.ADOPTION
    kinds = list(Appointment.objects.filter(employee__ref="BOS-0007").values_list("kind", flat=True))
    assert kinds == [AppointmentKind.HIRE, AppointmentKind.TRANSFER]
    retired = Separation.objects.get(employee__ref="BOS-0008")
    assert (retired.reason, retired.destination, retired.during_leave) == ("retirement", "out_of_work", False)
    assert Appointment.objects.filter(employee__ref="BOS-0008").last().kind == AppointmentKind.PROMOTION


def test_the_iin_is_stored_protected_as_case_management_does() -> None:
    run_import()
    iin = EMPLOYEES[0]["iin"]
    stored = Employee.objects.get(ref="MF-000123")
    assert stored.iin_digest == link_digest(iin)
    assert stored.iin_masked == "********1230"
    assert iin not in stored.iin_encrypted
    assert decrypt_iin(stored.iin_encrypted) == iin


def test_each_new_employee_is_in_the_access_log() -> None:
    run_import()
    logged = set(
        AccessLog.objects.filter(action="create", record_type="cases.employee").values_list("subject_id", flat=True)
    )
    assert logged == set(Employee.objects.values_list("pk", flat=True))


def test_a_dry_run_checks_everything_and_writes_nothing() -> None:
    result = run_import(dry_run=True)
    assert result.accepted
    assert result.summary()["employees"] == {"new": 6, "unchanged": 0}
    assert set(counts().values()) == {0}
    assert not AccessLog.objects.exists()


def test_a_dry_run_reports_the_same_problems() -> None:
    rows = employees()
    rows[0]["sex"] = "W"
    assert [p.reason.code for p in run_import(employee_rows=rows, dry_run=True).problems] == ["not_choice"]


def test_importing_the_same_files_twice_changes_nothing() -> None:
    run_import()
    before = counts()
    log_before = AccessLog.objects.count()
    again = run_import()
    assert again.accepted
    assert again.summary()["employees"] == {"new": 0, "unchanged": 6}
    assert again.summary()["bodies"] == {"new": 0, "unchanged": 3}
    assert counts() == before
    assert AccessLog.objects.count() == log_before


def test_new_lines_beside_known_ones_add_only_the_new() -> None:
    rows = employees()
    run_import(employee_rows=rows[:3])
    result = run_import(employee_rows=rows)
    assert result.summary()["employees"] == {"new": 3, "unchanged": 3}
    assert Employee.objects.count() == 6


def test_a_failure_part_way_leaves_nothing_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error (or Ctrl+C) in the second batch: the first batch is rolled back with it."""
    monkeypatch.setattr(importing, "BATCH", 2)
    real = importing.write_batch
    calls = []

    def interrupted(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "write_batch", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_import()
    assert len(calls) == 2
    assert set(counts().values()) == {0}
    assert not AccessLog.objects.exists()


def test_the_iin_never_reaches_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    rows = employees()
    rows[1]["sex"] = "M"  # a rejected line
    run_import(employee_rows=rows)
    run_import()
    run_import()
    assert caplog.records
    text = caplog.text + "".join(repr(r.args) for r in caplog.records)
    for row in EMPLOYEES:
        assert row["iin"] not in text
        assert row["iin"][:11] not in text
