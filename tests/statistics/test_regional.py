"""A recompute split by region gives the single run's cells, in process and on a local Dask cluster of 2 workers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from distributed import Client, get_task_stream

from kopir import cluster as kopir_cluster
from kopir.cluster import SCHEDULER_VARIABLE, cluster_client
from kopir.statistics.engine import INDICATOR_GROUPS, by_group, compute, context_of
from kopir.statistics.extract import extract
from kopir.statistics.models import IndicatorRun
from kopir.statistics.regional import (
    WITHIN_REGIONS,
    compute_by_region,
    merged,
    national_part,
    region_records,
    regional_part,
)
from kopir.statistics.services import indicator_run_execute
from kopir.statistics.snapshot import cells_by_place
from tests.statistics.builders import varied_records
from tests.statistics.helpers import ratio

pytestmark = pytest.mark.django_db
YEAR, AS_OF = 2025, date(2026, 6, 30)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    with cluster_client(workers=2) as client:
        yield client


def test_each_region_has_only_its_own_records() -> None:
    varied_records()
    records = extract()
    north, south = region_records(records, "KZ-11"), region_records(records, "KZ-75")
    assert len(north.episodes.employee) + len(south.episodes.employee) == len(records.episodes.employee)
    assert len(north.employees.sex) + len(south.employees.sex) == len(records.employees.sex)
    assert {records.bodies.region[b] for b in south.employees.body} == {"KZ-75"}
    assert south.separations.episode.tolist().count(-1) == 0  # her separation during leave, renumbered
    assert south.episodes.employee.max() < len(south.employees.sex)
    assert len(north.support["keep_in_touch"]) == 1
    assert len(south.support["keep_in_touch"]) == 0


def test_the_parts_merged_are_the_single_run() -> None:
    varied_records()
    records = extract()
    parts = [national_part(records, YEAR, AS_OF)]
    parts += [regional_part(region_records(records, r), YEAR, AS_OF) for r in ("KZ-11", "KZ-75")]
    assert cells_by_place(merged(parts)) == cells_by_place(compute(records, YEAR, AS_OF))


def test_pay_catch_up_does_not_split_by_region() -> None:
    """Her category's mean rise is the country's (32 %), not her region's (4 %): I11 is computed nationally."""
    varied_records()
    records = extract()
    single = compute(records, YEAR, AS_OF)
    north = region_records(records, "KZ-11")
    catch_up = INDICATOR_GROUPS[6:7]
    alone = by_group(context_of(north, YEAR, AS_OF, WITHIN_REGIONS), catch_up)[6]
    assert ratio(single, "pay_catch_up_rate", region="KZ-11") == (0, 2)
    assert ratio(alone, "pay_catch_up_rate", region="KZ-11") == (1, 2)


def test_a_local_cluster_of_two_workers_gets_the_single_run_cells(cluster: Client) -> None:
    varied_records()
    records = extract()
    with get_task_stream(cluster) as stream:
        cells = compute_by_region(records, YEAR, AS_OF, cluster)
    assert cells_by_place(cells) == cells_by_place(compute(records, YEAR, AS_OF))  # each place's, in order
    ran = {task["key"].split("-")[0] for task in stream.data}
    assert ran == {"national_part", "regional_part"}
    assert len({task["worker"] for task in stream.data}) == 2


def test_a_run_uses_the_configured_cluster(cluster: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    varied_records()
    monkeypatch.setenv(SCHEDULER_VARIABLE, cluster.scheduler.address)
    with get_task_stream(cluster) as stream:
        split = indicator_run_execute(IndicatorRun.objects.create(year=YEAR, body="", as_of=AS_OF).pk)
    assert split.status == IndicatorRun.Status.DONE
    assert len([task for task in stream.data if task["key"].startswith("regional_part")]) == 2
    with get_task_stream(cluster) as stream:
        one_body = indicator_run_execute(IndicatorRun.objects.create(year=YEAR, body="N1", as_of=AS_OF).pk)
    assert stream.data == []  # a single body is one region's part already: computed here
    assert one_body.cells.keys() == {"N1"}
    monkeypatch.delenv(SCHEDULER_VARIABLE)
    single = indicator_run_execute(IndicatorRun.objects.create(year=YEAR, body="", as_of=AS_OF).pk)
    assert single.cells == split.cells


def test_a_run_whose_cluster_does_not_answer_is_computed_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The same cells, only slower, rather than a run failed with an English error on the analyst's page."""
    varied_records()
    monkeypatch.setattr(kopir_cluster, "CONNECT_SECONDS", 0.5)
    monkeypatch.setenv(SCHEDULER_VARIABLE, "tcp://127.0.0.1:1")
    away = indicator_run_execute(IndicatorRun.objects.create(year=YEAR, body="", as_of=AS_OF).pk)
    assert away.status == IndicatorRun.Status.DONE
    assert "no Dask scheduler at tcp://127.0.0.1:1" in caplog.text
    monkeypatch.delenv(SCHEDULER_VARIABLE)
    here = indicator_run_execute(IndicatorRun.objects.create(year=YEAR, body="", as_of=AS_OF).pk)
    assert away.cells == here.cells
