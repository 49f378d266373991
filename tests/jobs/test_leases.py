"""Runs in the job queue hold a lease: a dead worker's run is taken up again or failed, never running for ever.

These tests drive the sweeper and the pages in one process (huey runs a queued job at once in the
test settings); tests/jobs/test_dead_worker.py kills a real consumer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from huey.contrib.djhuey import HUEY

import kopir.policy.tasks
import kopir.statistics.tasks  # noqa: F401
from kopir.accounts.models import Role, User
from kopir.jobs.leases import Failure, claimed, fenced, heartbeat
from kopir.policy import services as policy_services
from kopir.policy.models import RunStatus, SimulationRun
from kopir.policy.services import simulation_complete, simulation_runs_swept
from kopir.statistics.models import IndicatorRun
from kopir.statistics.services import indicator_runs_swept
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body, make_user

pytestmark = pytest.mark.django_db
LONG_AGO = timedelta(hours=1)


def _run(analyst: User, status: str, *, attempts: int = 1, silent_for: timedelta = LONG_AGO) -> SimulationRun:
    return SimulationRun.objects.create(
        actor=analyst,
        shipped_reform="nursery-subsidy",
        size=10_000,
        seed=0,
        status=status,
        attempts=attempts,
        heartbeat_at=timezone.now() - silent_for,
    )


def test_a_run_whose_worker_stopped_beating_is_taken_up_again_and_finished(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    run = _run(make_user(Role.ANALYST), RunStatus.RUNNING, silent_for=timedelta(seconds=61))
    alive = _run(run.actor, RunStatus.RUNNING, silent_for=timedelta(seconds=30))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        swept = simulation_runs_swept()
    assert (swept.requeued, swept.failed, len(queued)) == (1, 0, 1)
    run.refresh_from_db()
    assert (run.status, run.attempts, run.failure) == (RunStatus.DONE, 2, "")
    assert run.result["total"]["change"] > 0
    alive.refresh_from_db()
    assert (alive.status, alive.attempts) == (RunStatus.RUNNING, 1)  # its worker beat 30 s ago: left alone


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "worker stopped during this computation each time it was taken up"),
        ("ru", "Обработчик очереди заданий останавливался во время этого расчёта"),
        ("kk", "Тапсырмалар кезегінің өңдеушісі"),
    ],
)
def test_after_the_last_attempt_the_run_fails_and_its_page_says_why(client: Client, language: str, text: str) -> None:
    analyst = make_user(Role.ANALYST)
    run = _run(analyst, RunStatus.RUNNING, attempts=3)
    assert simulation_runs_swept().failed == 1
    run.refresh_from_db()
    assert (run.status, run.failure) == (RunStatus.FAILED, Failure.LOST)
    sign_in(client, analyst)
    page = client.get(f"/{language}/policy/runs/{run.pk}/").content.decode()
    assert 'data-testid="failed"' in page
    assert text in page


def test_a_queued_run_the_queue_lost_is_queued_again_but_a_waiting_one_is_not(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    analyst = make_user(Role.ANALYST)
    lost = _run(analyst, RunStatus.QUEUED, silent_for=timedelta(minutes=16))
    waiting = _run(analyst, RunStatus.QUEUED, silent_for=timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert simulation_runs_swept().requeued == 1
    lost.refresh_from_db()
    waiting.refresh_from_db()
    assert (lost.status, lost.attempts) == (RunStatus.DONE, 2)
    assert (waiting.status, waiting.attempts) == (RunStatus.QUEUED, 1)


def test_a_worker_given_up_for_dead_cannot_overwrite_the_run_another_took_up() -> None:
    run = _run(make_user(Role.ANALYST), RunStatus.QUEUED, silent_for=timedelta(0))
    first = claimed(SimulationRun, run.pk)
    assert first == 1
    assert claimed(SimulationRun, run.pk) is None  # the same job queued twice runs once
    SimulationRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - LONG_AGO)
    simulation_runs_swept()  # on_commit is not run here: the hand-over is enough
    second = claimed(SimulationRun, run.pk)
    assert second == 2
    assert fenced(SimulationRun, run.pk, first).update(status=RunStatus.FAILED) == 0  # the old worker wakes up
    assert fenced(SimulationRun, run.pk, second).update(status=RunStatus.DONE) == 1
    simulation_complete(run_id=run.pk)  # a late duplicate job finds it done and leaves it
    assert SimulationRun.objects.get(pk=run.pk).status == RunStatus.DONE


@pytest.mark.django_db(transaction=True)
def test_the_worker_beats_while_it_computes_and_notices_a_lost_lease(settings: Any) -> None:
    settings.KOPIR_JOB_HEARTBEAT_SECONDS = 0.05
    run = _run(make_user(Role.ANALYST), RunStatus.QUEUED)
    token = claimed(SimulationRun, run.pk)
    assert token is not None
    claimed_at = SimulationRun.objects.get(pk=run.pk).heartbeat_at
    with heartbeat(SimulationRun, run.pk, token) as lost:
        time.sleep(0.5)
        assert SimulationRun.objects.get(pk=run.pk).heartbeat_at > claimed_at
        SimulationRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED, attempts=token + 1)
        assert lost.wait(5)


def test_an_indicator_run_left_running_is_failed_after_the_last_attempt() -> None:
    run = IndicatorRun.objects.create(
        year=2025,
        as_of=timezone.localdate(),
        methodology_version="2026.1",
        status="running",
        attempts=3,
        heartbeat_at=timezone.now() - LONG_AGO,
    )
    assert indicator_runs_swept().failed == 1
    run.refresh_from_db()
    assert (run.status, run.failure, run.finished_at is not None) == ("failed", Failure.LOST, True)


@pytest.mark.parametrize("body", ["", "OWN"])
def test_the_database_allows_one_live_recompute_per_year_and_body(body: str) -> None:
    make_body("OWN")
    fields = {"year": 2025, "body": body, "as_of": timezone.localdate(), "methodology_version": "2026.1"}
    IndicatorRun.objects.create(**fields, status="running")
    IndicatorRun.objects.create(**(fields | {"year": 2024}))  # another year is another run
    IndicatorRun.objects.create(**fields, status="done")  # finished ones do not count
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorRun.objects.create(**fields, status="queued")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "This year and body are already being recomputed"),
        ("ru", "Показатели за этот год по этому органу уже пересчитываются"),
        ("kk", "Осы жыл мен орган бойынша көрсеткіштер қазір қайта есептелуде"),
    ],
)
def test_a_second_recompute_of_the_same_year_is_refused_on_the_page(client: Client, language: str, text: str) -> None:
    sign_in(client, make_user(Role.ANALYST))
    IndicatorRun.objects.create(year=2025, as_of=timezone.localdate(), methodology_version="2026.1", status="running")
    answer = client.post(f"/{language}/analysis/indicators/runs/", {"year": 2025}, follow=True)
    assert answer.status_code == 200
    assert text in answer.content.decode()
    assert IndicatorRun.objects.count() == 1


def test_an_analyst_may_have_three_runs_in_the_queue_and_no_more(
    client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    monkeypatch.setattr(policy_services, "SYNCHRONOUS_UP_TO", 5_000)
    analyst = make_user(Role.ANALYST)
    sign_in(client, analyst)
    choice = {"reform": "nursery-subsidy", "size": "10000", "seed": "0"}
    with django_capture_on_commit_callbacks(execute=False):  # nobody works the queue
        answers = [client.post("/ru/policy/", choice).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    refused = client.post("/ru/policy/", choice).content.decode()
    assert "У вас уже в очереди или в работе расчётов: 3" in refused
    assert SimulationRun.objects.filter(actor=analyst).count() == 3
    other = make_user(Role.ANALYST)
    sign_in(client, other)
    with django_capture_on_commit_callbacks(execute=False):
        assert client.post("/en/policy/", choice).status_code == 302  # the bound is per user
    for year in (2021, 2022, 2023):
        client.post("/en/analysis/indicators/runs/", {"year": year})
    fourth = client.post("/en/analysis/indicators/runs/", {"year": 2024}, follow=True).content.decode()
    assert "You already have 3 computations queued or running" in fourth


@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_lease_was_lost_while_computing_says_so_and_keeps_its_result_out(
    settings: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    settings.KOPIR_JOB_HEARTBEAT_SECONDS = 0.05
    run = _run(make_user(Role.ANALYST), RunStatus.QUEUED, silent_for=timedelta(0))

    def handed_over_meanwhile(run: SimulationRun, *, token: int, scheduler: str | None = None) -> None:
        SimulationRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED, attempts=token + 1)
        time.sleep(0.3)  # the heartbeat notices
        fenced(SimulationRun, run.pk, token).update(status=RunStatus.DONE)

    monkeypatch.setattr(policy_services, "_computed", handed_over_meanwhile)
    simulation_complete(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.attempts) == (RunStatus.QUEUED, 2)
    assert f"simulation run {run.pk}: lease lost while computing" in caplog.text


def test_each_kind_of_run_has_its_sweep_every_minute_at_start_and_once_a_lease_later() -> None:
    registered = {name.rsplit(".", 1)[-1] for name in HUEY._registry._registry}
    periodic = {task.name for task in HUEY._registry.periodic_tasks}
    for name in ("simulation_runs_sweep", "indicator_runs_sweep"):
        assert name in registered
        assert f"{name}_every_minute" in periodic
        assert f"{name}_at_start" in HUEY._startup
