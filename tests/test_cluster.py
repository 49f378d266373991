"""The cluster door: a local cluster runs tasks in other processes; the operator's address comes from the env."""

from __future__ import annotations

import os

import pytest

from kopir.cluster import SCHEDULER_VARIABLE, cluster_client, configured_scheduler


def test_no_scheduler_configured_means_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SCHEDULER_VARIABLE, raising=False)
    assert configured_scheduler() is None
    monkeypatch.setenv(SCHEDULER_VARIABLE, "  ")
    assert configured_scheduler() is None


def test_the_configured_scheduler_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SCHEDULER_VARIABLE, "tcp://10.0.0.5:8786")
    assert configured_scheduler() == "tcp://10.0.0.5:8786"


def test_a_local_cluster_runs_tasks_in_two_other_processes() -> None:
    with cluster_client(workers=2) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        pids = set(client.run(os.getpid).values())
        squares = client.gather(client.map(lambda n: n * n, range(10)))
    assert len(pids) == 2
    assert os.getpid() not in pids
    assert squares == [n * n for n in range(10)]
