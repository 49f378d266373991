"""The costing page: analysts and administrators run a reform and read it in kk, ru and en; others are refused."""

from __future__ import annotations

import json
from typing import Any

import pytest
from distributed import Client as DaskClient
from distributed import get_task_stream
from django.test import Client

from kopir import cluster
from kopir.accounts.models import AccessAction, AccessLog, Role
from kopir.cluster import SCHEDULER_VARIABLE
from kopir.microsim.population import assumptions
from kopir.microsim.reforms import load
from kopir.microsim.results import report
from kopir.microsim.simulate import simulate
from kopir.microsim.uncertainty import cost_range
from kopir.policy import services
from kopir.policy.models import RunStatus, SimulationRun
from kopir.policy.services import simulation_run
from kopir.rules import default_law
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body, make_user

pytestmark = pytest.mark.django_db


def _client(client: Client, role: Role) -> Client:
    body = make_body("OWN") if role in (Role.EMPLOYEE, Role.HR_OFFICER, Role.BODY_HEAD) else None
    sign_in(client, make_user(role, body))
    return client


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR])
def test_an_analyst_runs_a_reform_and_reads_the_result(client: Client, role: Role) -> None:
    client = _client(client, role)
    page = client.get("/en/policy/")
    assert page.status_code == 200
    assert "Childcare payment until the age of 2" in page.content.decode()
    response = client.post("/en/policy/", {"reform": "childcare-2-years", "size": "10000", "seed": "3"})
    assert response.status_code == 302
    run = SimulationRun.objects.get()
    assert response["Location"] == f"/en/policy/runs/{run.pk}/"
    assert run.result["total"]["change"] > 0
    result = client.get(response["Location"]).content.decode()
    assert "Childcare payment to the age of 1.5 (social insurance)" in result
    assert "Turkistan Region" in result
    assert "families are paid more" in result
    listed = client.get("/ru/policy/").content.decode()
    assert f'<a href="/ru/policy/runs/{run.pk}/">Выплаты по уходу за ребёнком до достижения им 2 лет</a>' in listed
    assert "10 000" in listed.replace("\xa0", " ")
    actions = list(AccessLog.objects.filter(record_type="policy.simulationrun").values_list("action", flat=True))
    assert sorted(actions) == sorted([AccessAction.CREATE, AccessAction.READ])


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.HR_OFFICER, Role.BODY_HEAD])
def test_other_roles_are_refused_and_the_refusal_is_logged(client: Client, role: Role) -> None:
    client = _client(client, role)
    assert client.get("/en/policy/").status_code == 403
    posted = client.post("/en/policy/", {"reform": "childcare-2-years", "size": "10000", "seed": "0"})
    assert posted.status_code == 403
    assert not SimulationRun.objects.exists()
    refusals = AccessLog.objects.filter(action=AccessAction.REFUSED, record_type="policy.simulationrun")
    assert refusals.count() == 2


def test_a_run_is_refused_to_an_hr_officer_and_logged(client: Client) -> None:
    run = simulation_run(actor=make_user(Role.ANALYST), reform_id="nursery-subsidy", size=10_000, seed=0)
    client = _client(client, Role.HR_OFFICER)
    assert client.get(f"/en/policy/runs/{run.pk}/").status_code == 403
    assert AccessLog.objects.filter(action=AccessAction.REFUSED, record_id=str(run.pk)).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/en/policy/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_bad_choice_is_shown_as_an_error(client: Client) -> None:
    client = _client(client, Role.ANALYST)
    response = client.post("/en/policy/", {"reform": "no-such", "size": "123", "seed": "-1"})
    assert response.status_code == 422
    assert "There is a problem" in response.content.decode()
    assert not SimulationRun.objects.exists()


@pytest.mark.parametrize(
    ("language", "title", "payment", "region"),
    [
        ("kk", "Бөбекжай орнына субсидия", "Бөбекжай орнына субсидия", "Түркістан облысы"),
        ("ru", "Субсидия на место в яслях", "Субсидия на место в яслях", "Туркестанская область"),
        ("en", "Nursery place subsidy", "Nursery place subsidy", "Turkistan Region"),
    ],
)
def test_the_result_reads_in_each_language(
    client: Client, language: str, title: str, payment: str, region: str
) -> None:
    run = simulation_run(actor=make_user(Role.ANALYST), reform_id="nursery-subsidy", size=10_000, seed=1)
    client = _client(client, Role.ANALYST)
    page = client.get(f"/{language}/policy/runs/{run.pk}/").content.decode()
    assert f"<h1>{title}</h1>" in page
    assert payment in page
    assert region in page


def _not_the_seal(on_commit: list[Any]) -> list[Any]:
    """The callbacks of the commit, without the access log's seal (decision 0015)."""
    return [callback for callback in on_commit if callback.__module__ != "kopir.accounts.access_chain"]


def test_a_large_run_goes_to_the_job_queue_and_shows_queued_until_done(
    client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(services, "SYNCHRONOUS_UP_TO", 5_000)
    client = _client(client, Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post("/en/policy/", {"reform": "childcare-50-percent", "size": "10000", "seed": "0"})
    run = SimulationRun.objects.get()
    assert (run.status, run.attempts) == (RunStatus.QUEUED, 1)
    assert run.result is None
    queued_page = client.get(response["Location"]).content.decode()
    assert 'data-testid="queued"' in queued_page
    assert "Childcare payment at 50% of the average income" in queued_page
    [hand_over] = _not_the_seal(queued)
    hand_over()  # the commit hands it to huey, which runs it at once in the test settings
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.result["total"]["change"] > 0
    assert 'data-testid="costs"' in client.get(response["Location"]).content.decode()


def test_a_queued_run_that_fails_says_so_instead_of_running_for_ever(
    client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(services, "SYNCHRONOUS_UP_TO", 5_000)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise MemoryError

    monkeypatch.setattr(services, "simulate_with_range", broken)
    client = _client(client, Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post("/en/policy/", {"reform": "childcare-50-percent", "size": "10000", "seed": "0"})
    [hand_over] = _not_the_seal(queued)
    hand_over()  # huey logs the task's error and goes on
    assert SimulationRun.objects.get().status == RunStatus.FAILED
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="failed"' in page
    assert 'data-testid="running"' not in page


def test_a_queued_run_goes_to_the_configured_dask_cluster_and_keeps_the_same_result(
    client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any, dask_client: DaskClient
) -> None:
    monkeypatch.setattr(services, "SYNCHRONOUS_UP_TO", 5_000)
    monkeypatch.setenv(SCHEDULER_VARIABLE, dask_client.scheduler.address)
    client = _client(client, Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post("/en/policy/", {"reform": "childcare-50-percent", "size": "10000", "seed": "2"})
    [hand_over] = _not_the_seal(queued)
    with get_task_stream(dask_client) as stream:
        hand_over()
    run = SimulationRun.objects.get()
    assert run.status == RunStatus.DONE
    # one chunk of 10,000 for the run and one for each draw of its range
    assert len([task for task in stream.data if str(task["key"]).startswith("chunk_task")]) == 1 + services.RANGE_DRAWS
    law = default_law()
    reform = load("childcare-50-percent", law)
    a = assumptions()
    here = simulate(reform, law, a, size=10_000, seed=2, chunk=10_000)
    spread = cost_range(reform, law, a, size=10_000, seed=2, draws=services.RANGE_DRAWS, chunk=10_000)
    assert run.result == json.loads(json.dumps(report(here, reform, a.regions, seed=2, uncertainty=spread)))


def test_a_queued_run_fails_when_the_configured_cluster_does_not_answer(
    client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(services, "SYNCHRONOUS_UP_TO", 5_000)
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    monkeypatch.setenv(SCHEDULER_VARIABLE, "tcp://127.0.0.1:1")
    client = _client(client, Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post("/en/policy/", {"reform": "childcare-50-percent", "size": "10000", "seed": "0"})
    [hand_over] = _not_the_seal(queued)
    hand_over()  # huey logs "no Dask scheduler answers at tcp://127.0.0.1:1" and goes on
    assert SimulationRun.objects.get().status == RunStatus.FAILED
    assert 'data-testid="failed"' in client.get(response["Location"]).content.decode()


def test_a_run_the_page_waits_for_stays_in_process_with_a_cluster_configured(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SCHEDULER_VARIABLE, "tcp://127.0.0.1:1")  # would fail if it were asked
    client = _client(client, Role.ANALYST)
    client.post("/en/policy/", {"reform": "childcare-50-percent", "size": "10000", "seed": "0"})
    assert SimulationRun.objects.get().status == RunStatus.DONE


def test_a_reform_nobody_loses_by_says_so_without_a_zero(client: Client) -> None:
    """Raising the childcare rate pays nobody less: the page says so instead of "0 families, 0 tenge"."""
    client = _client(client, Role.ANALYST)
    response = client.post("/ru/policy/", {"reform": "childcare-50-percent", "size": "10000", "seed": "1"})
    run = SimulationRun.objects.get()
    assert response.status_code == 302
    assert run.result["winners_and_losers"]["losers"] == 0
    assert run.result["winners_and_losers"]["winners"] > 0
    page = client.get(f"/ru/policy/runs/{run.pk}/").content.decode()
    assert "Ни одна семья не получает меньше." in page
    assert "получают больше" in page or "получает больше" in page
    assert "0 семей" not in page
