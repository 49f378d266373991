"""The cluster door: a local cluster runs tasks in other processes; the operator's address comes from the env."""

from __future__ import annotations

import os

import pytest

from kopir import cluster
from kopir.cluster import SCHEDULER_VARIABLE, ClusterUnavailable, cluster_client, configured_scheduler


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


def test_a_scheduler_that_does_not_answer_is_named_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    with pytest.raises(ClusterUnavailable) as raised, cluster_client(scheduler="tcp://127.0.0.1:1"):
        pass
    assert (raised.value.address, raised.value.malformed) == ("tcp://127.0.0.1:1", False)


@pytest.mark.parametrize("address", ["", "localhost", "http://10.0.0.5:8786", "tcp://"])
def test_an_address_that_is_not_a_scheduler_s_is_refused_at_once(address: str) -> None:
    with pytest.raises(ClusterUnavailable) as raised, cluster_client(scheduler=address):
        pass
    assert (raised.value.address, raised.value.malformed) == (address, True)
