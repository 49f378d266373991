"""Microsimulation benchmark: a reform costed over 20,000,000 persons in one process and on Dask.

First the whole run as `kopir simulate` does it (baseline and reform for every person, chunk by
chunk, reduced to sums): in this process, then as tasks on a local Dask cluster of two worker
processes; it prints the seconds, the ratio, whether both give the same figures to the tiyn, and
the peak resident memory of each (Linux's VmHWM, reset before each run: for the cluster the client
process and the sum of the workers' peaks, read in each worker).

Then, on 1,000,000 persons held in memory at once, persons per second and peak memory (tracemalloc:
numpy's arrays included) for Kopir's population path, and the same model written for OpenFisca
(benchmarks/openfisca_model.py) on the same persons, with the ratio of times and whether each
person's total agrees to the tiyn. OpenFisca is in an optional dependency group: ``uv sync --extra
benchmark`` first; without it the OpenFisca half is skipped with a note.

    .venv/bin/python benchmarks/microsimulation.py [--size 20000000] [--in-memory 1000000] [--seed 1]
    .venv/bin/python benchmarks/microsimulation.py --size 1000000          a quick run
"""

from __future__ import annotations

import argparse
import re
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from kopir.cluster import cluster_client
from kopir.microsim.memory import columns_memory_kept
from kopir.microsim.population import Population, assumptions, synthesize, with_so_base
from kopir.microsim.reforms import Reform, load
from kopir.microsim.simulate import Totals, simulate
from kopir.rules import default_law
from kopir.rules.law import Law
from kopir.rules.population import run
from kopir.rules.population.schedule import months_since_epoch

REFORM = "childcare-50-percent"


def _measure(work: Callable[[], Any]) -> tuple[Any, float, float]:
    """The result, the seconds and the peak traced memory in MB."""
    tracemalloc.start()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, seconds, peak


def peak_resident_mb() -> float:
    """This process's peak resident memory since the last reset (VmHWM), in MB."""
    with Path("/proc/self/status").open(encoding="ascii") as status:
        return int(re.search(r"VmHWM:\s+(\d+) kB", status.read()).group(1)) / 1024  # type: ignore[union-attr]


def peak_reset() -> None:
    """Start this process's peak resident memory again from what it holds now (Linux, clear_refs 5)."""
    with Path("/proc/self/clear_refs").open("w", encoding="ascii") as clear_refs:
        clear_refs.write("5")


def _national_bn(totals: Totals, side: str) -> float:
    return sum(sum(years.values()) for years in getattr(totals, side).values()) / 100 * totals.weight / 1e9


def _streamed(reform: Reform, law: Law, size: int, chunk: int, seed: int) -> None:
    """The whole run, baseline and reform, in this process and on a local cluster of two workers."""
    a = assumptions()
    print(f"{size:,} persons, baseline and reform `{REFORM}`, {chunk:,} a chunk:")
    peak_reset()
    started = time.perf_counter()
    here = simulate(reform, law, a, size=size, seed=seed, chunk=chunk)
    one_seconds = time.perf_counter() - started
    one_peak = peak_resident_mb()
    print(
        f"  one process   : {one_seconds:7.2f} s, {size / one_seconds:>10,.0f} persons/s, peak {one_peak:,.0f} MB; "
        f"baseline {_national_bn(here, 'baseline'):,.2f} bn tenge, reform {_national_bn(here, 'reform'):,.2f} bn"
    )
    peak_reset()
    started = time.perf_counter()
    with cluster_client(workers=2) as client:
        start_seconds = time.perf_counter() - started
        client.run(peak_reset)
        started = time.perf_counter()
        there = simulate(reform, law, a, size=size, seed=seed, chunk=chunk, client=client)
        run_seconds = time.perf_counter() - started
        worker_peaks = sorted(client.run(peak_resident_mb).values())
    client_peak = peak_resident_mb()
    print(
        f"  Dask, 2 workers: {run_seconds:7.2f} s, {size / run_seconds:>10,.0f} persons/s "
        f"(+ {start_seconds:.2f} s to start the cluster), peak {client_peak:,.0f} MB client + "
        f"{sum(worker_peaks):,.0f} MB workers ({' + '.join(f'{peak:,.0f}' for peak in worker_peaks)})"
    )
    print(
        f"  ratio one process / Dask: {one_seconds / run_seconds:.2f} on the run, "
        f"{one_seconds / (start_seconds + run_seconds):.2f} with the start; "
        f"the same figures to the tiyn: {'yes' if there == here else 'NO'}"
    )


def _kopir(population: Population, law: Law) -> Any:
    return run(population.persons, law).total_net()


def _openfisca_columns(population: Population, law: Law) -> dict[str, Any]:
    persons = population.persons
    result = run(persons, law)
    back = persons.return_to_work
    if back is None:
        back = np.full(len(persons), np.datetime64("NaT"), dtype="datetime64[D]")
    return_month = np.where(np.isnat(back), 10**6, months_since_epoch(np.where(np.isnat(back), result.birth, back)))
    return {
        "insured": persons.insured,
        "nuclear_test_zone": persons.nuclear_test_zone,
        "complicated_birth": persons.complicated_birth,
        "children": persons.children.astype(np.int32),
        "previous_children": persons.previous_children.astype(np.int32),
        "average_so_base": persons.average_so_base / 100,
        "birth_month": months_since_epoch(result.birth).astype(np.int32),
        "leave_month": months_since_epoch(persons.leave_start).astype(np.int32),
        "return_month": return_month.astype(np.int32),
    }


def _openfisca(population: Population, law: Law, size: int, kopir: dict[str, tuple[Any, float]]) -> None:
    try:
        import openfisca_model as model  # noqa: PLC0415 - optional
    except ImportError as error:
        print(f"OpenFisca: skipped ({error}); install it with `uv sync --extra benchmark`")
        return
    from openfisca_core.variables import config  # noqa: PLC0415 - optional

    columns = _openfisca_columns(population, law)
    first = date(population.year - 1, 10, 1)
    last = date(population.year + 2, 12, 1)
    # OpenFisca's float is float32; the second pass sets it to float64 to show that the model is the
    # same and the differences come from the precision alone.
    for dtype in (np.float32, np.float64):
        config.VALUE_TYPES[float]["dtype"] = dtype
        base_system = model.system(law)
        systems = {"baseline": base_system, "reform": model.ChildcareAtHalf(base_system)}
        for name, tbs in systems.items():
            totals, seconds, peak = _measure(lambda tbs=tbs: model.total_net(tbs, columns, first, last))
            ours, our_seconds = kopir[name]
            theirs = np.round(totals * 100).astype(np.int64)
            difference = np.abs(theirs - ours)
            print(
                f"OpenFisca {name:8} ({np.dtype(dtype).name}): {seconds:6.2f} s, {size / seconds:>10,.0f} persons/s, "
                f"peak {peak:5.0f} MB; time ratio to Kopir {seconds / our_seconds:.1f}; agree to the tiyn: "
                f"{(theirs == ours).mean():.2%} of persons, largest difference {difference.max() / 100:,.2f} tenge, "
                f"sums differ by {(int(theirs.sum()) - int(ours.sum())) / 100:,.2f} tenge"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000_000, help="persons of the whole run, chunk by chunk")
    parser.add_argument("--chunk", type=int, default=250_000)
    parser.add_argument("--in-memory", type=int, default=1_000_000, help="persons held at once (at most --size)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    columns_memory_kept()  # as `kopir simulate` and a Dask worker's task do (decision 0043)
    law = default_law()
    reform = load(REFORM, law)
    _streamed(reform, law, args.size, args.chunk, args.seed)
    reform_law = reform.law(law)
    size = min(args.in_memory, args.size)
    population, seconds, _ = _measure(lambda: with_so_base(synthesize(assumptions(), size, seed=args.seed), law))
    print(f"population: {size:,} persons drawn in {seconds:.2f} s")
    kopir: dict[str, tuple[Any, float]] = {}
    for name, side_law in (("baseline", law), ("reform", reform_law)):
        totals, seconds, peak = _measure(lambda side_law=side_law: _kopir(population, side_law))
        kopir[name] = (totals, seconds)
        print(
            f"Kopir     {name:8}: {seconds:6.2f} s, {size / seconds:>10,.0f} persons/s, peak {peak:5.0f} MB; "
            f"total {int(totals.sum()) / 100 * population.weight / 1e9:,.2f} bn tenge (national)"
        )
    _openfisca(population, law, size, kopir)


if __name__ == "__main__":
    main()
