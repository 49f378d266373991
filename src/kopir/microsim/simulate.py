"""Run a reform against the baseline over the population, chunk by chunk, into summable totals.

Each chunk is drawn, computed under both laws and reduced to sums (cost by payment and year,
recipients, winners and losers, sums by income decile, region and birth order); the persons are
then dropped. Sums of chunks add up, so memory stays that of one chunk whatever the size, and the
same map-then-sum runs as Dask tasks on a cluster (docs/methodology/microsimulation.md, decision 0031).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from concurrent.futures import CancelledError
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from kopir.cluster import ClusterUnavailable, cluster_client
from kopir.microsim.formulas import Payment, PhasedReturn
from kopir.microsim.memory import columns_memory_kept
from kopir.microsim.population import Assumptions, Ints, Population, chunk_at, chunk_count, chunks, with_so_base
from kopir.microsim.reforms import Reform
from kopir.rules.law import Law
from kopir.rules.population import PopulationResult, run
from kopir.rules.population.childcare import add_by_year
from kopir.rules.population.schedule import months_since_epoch

if TYPE_CHECKING:
    from distributed import Client

PAYMENTS = ("birth_allowance", "maternity", "childcare_gfss", "childcare_allowance")
DIMENSIONS = ("income_decile", "region", "birth_order")
# Per group: persons, baseline total, reform total, winners, losers, gains, losses (tiyn)
GROUP_COLUMNS = ("persons", "baseline", "reform", "winners", "losers", "gains", "losses")


def _add(into: dict[int, int], other: dict[int, int]) -> None:
    for key, value in other.items():
        into[key] = into.get(key, 0) + value


@dataclass
class Totals:
    """Sums over the persons computed so far (tiyn, unweighted); `merge` adds another's."""

    persons: int = 0
    weight: float = 0.0
    baseline: dict[str, dict[int, int]] = field(default_factory=lambda: {p: {} for p in PAYMENTS})
    reform: dict[str, dict[int, int]] = field(default_factory=dict)
    recipients: dict[str, list[int]] = field(default_factory=dict)  # payment -> [baseline, reform]
    figures: dict[str, int] = field(default_factory=dict)
    groups: dict[str, dict[int, list[int]]] = field(default_factory=lambda: {d: {} for d in DIMENSIONS})

    def merge(self, other: Totals) -> None:
        self.persons += other.persons
        self.weight = other.weight
        for payment, years in other.baseline.items():
            _add(self.baseline.setdefault(payment, {}), years)
        for payment, years in other.reform.items():
            _add(self.reform.setdefault(payment, {}), years)
        for payment, counts in other.recipients.items():
            mine = self.recipients.setdefault(payment, [0, 0])
            mine[0] += counts[0]
            mine[1] += counts[1]
        _add(self.figures, other.figures)  # type: ignore[arg-type]
        for dimension, rows in other.groups.items():
            for key, row in rows.items():
                mine_row = self.groups[dimension].setdefault(key, [0] * len(GROUP_COLUMNS))
                for index, value in enumerate(row):
                    mine_row[index] += value


def _by_year(months: Ints, amounts: Ints) -> dict[int, int]:
    totals: dict[int, int] = {}
    add_by_year(totals, months, amounts)
    return totals


def _costs(population: Population, result: PopulationResult) -> dict[str, dict[int, int]]:
    """Each payment by the calendar year it is paid in (tiyn)."""
    return {
        "birth_allowance": _by_year(months_since_epoch(result.birth), result.birth_allowance),
        "maternity": _by_year(months_since_epoch(population.persons.leave_start), result.maternity.net),
        "childcare_gfss": dict(result.childcare.gfss_by_year),
        "childcare_allowance": dict(result.childcare.allowance_by_year),
    }


def _recipients(result: PopulationResult) -> dict[str, int]:
    return {
        "birth_allowance": int((result.birth_allowance > 0).sum()),
        "maternity": int((result.maternity.net > 0).sum()),
        "childcare_gfss": int((result.childcare.gfss_total > 0).sum()),
        "childcare_allowance": int((result.childcare.allowance_total > 0).sum()),
    }


def _group_sums(keys: Ints, base: Ints, reformed: Ints) -> dict[int, list[int]]:
    """The group columns by key: exact while a chunk's sums stay below 2**53 tiyn."""
    difference = reformed - base
    columns = [
        np.ones_like(base),
        base,
        reformed,
        (difference > 0).astype(np.int64),
        (difference < 0).astype(np.int64),
        np.maximum(difference, 0),
        np.maximum(-difference, 0),
    ]
    length = int(keys.max(initial=0)) + 1
    sums = [np.bincount(keys, weights=column, minlength=length) for column in columns]
    return {key: [round(s[key]) for s in sums] for key in range(length) if sums[0][key]}


def reformed_persons(reform: Reform, population: Population, base: PopulationResult) -> Population:
    """The persons as the reform changes their behaviour (a phased return moves the return date)."""
    for formula in reform.formulas:
        if isinstance(formula, PhasedReturn):
            persons = dataclasses.replace(population.persons, return_to_work=formula.returns(population, base.birth))
            population = dataclasses.replace(population, persons=persons)
    return population


def chunk_totals(population: Population, law: Law, reform: Reform, reform_law: Law) -> Totals:
    """Everything the results need from one chunk, as sums."""
    population = with_so_base(population, law)
    base = run(population.persons, law)
    changed = with_so_base(reformed_persons(reform, population, base), reform_law)
    reformed = run(changed.persons, reform_law)
    mzp = int(reform_law.at("general.mzp", dt.date(population.year, 7, 1)).number()) * 100
    payments: dict[str, Payment] = {f.NAME: f.pay(changed, reformed, mzp) for f in reform.formulas}
    base_total = base.total_net()
    reform_total = reformed.total_net()
    for payment in payments.values():
        if payment.to_households:
            reform_total = reform_total + payment.per_person
    totals = Totals(persons=len(population), weight=population.weight)
    totals.baseline = _costs(population, base)
    totals.reform = _costs(changed, reformed) | {name: p.by_year for name, p in payments.items()}
    base_count, reform_count = _recipients(base), _recipients(reformed)
    totals.recipients = {p: [base_count[p], reform_count[p]] for p in PAYMENTS}
    for name, payment in payments.items():
        totals.recipients[name] = [0, int((payment.per_person > 0).sum())]
        totals.figures |= {f"{name}.{key}": value for key, value in payment.figures.items()}
    totals.groups = {
        "income_decile": _group_sums(population.income_decile, base_total, reform_total),
        "region": _group_sums(population.region, base_total, reform_total),
        "birth_order": _group_sums(population.birth_order, base_total, reform_total),
    }
    return totals


def simulate(
    reform: Reform,
    law: Law,
    a: Assumptions,
    *,
    size: int,
    seed: int = 0,
    chunk: int = 250_000,
    on_chunk: Callable[[int], None] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    client: Client | None = None,
) -> Totals:
    """The reform against the baseline over `size` persons, `chunk` at a time.

    The chunks run as Dask tasks on `client` when given, else on the cluster at `scheduler`
    (``tcp://host:8786``), else, with `workers` > 1, on a local cluster of that many processes
    started for this run; otherwise here, one after another. Each task draws its own chunk from the
    seed, so the persons and the sums are the same wherever they run; the sums are merged in the
    chunks' order. A scheduler that cannot be reached raises `kopir.cluster.ClusterUnavailable`.
    """
    reform_law = reform.law(law)
    count = chunk_count(size, chunk)
    job = ChunkJob(reform, law, reform_law, a, size, seed, chunk)
    if client is not None:
        return _on_cluster(client, job, count, on_chunk)
    if scheduler is not None or (workers > 1 and count > 1):
        with cluster_client(scheduler=scheduler, workers=min(workers, count)) as started:
            return _on_cluster(started, job, count, on_chunk)
    totals = Totals()
    for population in chunks(a, size, seed=seed, chunk=chunk):
        totals.merge(chunk_totals(population, law, reform, reform_law))
        if on_chunk is not None:
            on_chunk(len(population))
    return totals


@dataclass(frozen=True)
class ChunkJob:
    """What every chunk's task needs besides its index: sent to each worker once (about 120 kB)."""

    reform: Reform
    law: Law
    reform_law: Law
    assumptions: Assumptions
    size: int
    seed: int
    chunk: int


def chunk_task(job: ChunkJob, index: int) -> Totals:
    """One chunk's sums, on a worker: the persons are drawn there and never cross the network."""
    columns_memory_kept()  # a worker process exists to compute chunks: it keeps its pages for the next one
    population = chunk_at(job.assumptions, job.size, index, seed=job.seed, chunk=job.chunk)
    return chunk_totals(population, job.law, job.reform, job.reform_law)


def _on_cluster(client: Client, job: ChunkJob, count: int, on_chunk: Callable[[int], None] | None) -> Totals:
    """The chunks as tasks; their sums merged in the chunks' order as they arrive, whatever order they end in.

    The order matters for the report only (dictionaries keep their first key first), not for the sums.
    """
    from distributed import as_completed  # noqa: PLC0415 - only when a cluster is asked for

    [shared] = client.scatter([job], broadcast=True, hash=False)  # type: ignore[no-untyped-call]
    futures = [client.submit(chunk_task, shared, index, pure=False) for index in range(count)]
    index_of = {future.key: index for index, future in enumerate(futures)}
    totals = Totals()
    waiting: dict[int, Totals] = {}
    merged = 0
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            part: Totals = future.result()
            waiting[index_of[future.key]] = part
            if on_chunk is not None:
                on_chunk(part.persons)
            while merged in waiting:
                totals.merge(waiting.pop(merged))
                merged += 1
    except CancelledError as error:  # the client lost its scheduler mid-run, and Dask gave up reconnecting
        raise ClusterUnavailable(getattr(client.scheduler, "address", ""), malformed=False) from error
    finally:
        client.cancel([*futures, shared])  # type: ignore[no-untyped-call]
    return totals
