"""How long one calculation takes, in process, beside a fixed yardstick and beside OpenFisca.

Prints figures; never passes or fails on time. Run: ``.venv/bin/python benchmarks/calculation.py``.

The machine may be busy, so absolute times move; ratios measured in one run do not move much.
Each round times every contender in turn (three calls untimed, then five timed), and the medians
and p90s are taken over all rounds, so all of them see the same load:

- yardstick: a fixed piece of pure-Python work (integer arithmetic and dict updates, no library),
  the unit the issue's goals are written in (issue 14: a full calculation in at most 0.2 yardsticks);
- full calculation: the contract's example, checked, computed and rendered in English (`calculate`);
- the same in Russian, and its three stages (check and parse, compute, render), each timed on the
  fresh result of the stage before it;
- OpenFisca, one person: the same example as a one-person simulation of ``benchmarks/openfisca_model.py``
  (the four payments over every month from the leave to the last childcare month), the tax-benefit
  system built once; only when openfisca-core is installed (``uv sync --extra benchmark``).

Then 10,000 varied requests (income forms, dates, twins, uninsured), timed as a whole.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kopir.rules import calculate, default_law
from kopir.rules.calculation import compute
from kopir.rules.parse import parse_request
from kopir.rules.response import render_response

EXAMPLE = json.loads((Path(__file__).parent.parent / "examples" / "contract-example.json").read_text())
WARMUP = 3  # untimed calls at the start of each block: one is not enough after OpenFisca (measured)
BLOCK = 5
YARDSTICK_STEPS = 10_000  # fixed: changing it changes every ratio this script prints


def yardstick() -> int:
    """A fixed amount of pure-Python work: integer arithmetic and dict updates (about 1.4 ms here)."""
    table: dict[int, int] = {}
    total = 0
    for step in range(YARDSTICK_STEPS):
        total += (step * 7919) // 13 % 1000
        table[step % 97] = table.get(step % 97, 0) + total
    return total + len(table)


def _openfisca_person() -> Callable[[], Any] | None:
    """OpenFisca's single-person run of the example, or None when openfisca-core is not installed."""
    try:
        import numpy as np  # noqa: PLC0415 - optional comparison

        import openfisca_model as model  # noqa: PLC0415
    except ImportError as error:
        print(f"OpenFisca: skipped ({error}); install it with `uv sync --extra benchmark`")
        return None

    def month(day: date) -> int:
        return (day.year - 1970) * 12 + day.month - 1

    birth, leave = date(2025, 7, 8), date(2025, 5, 1)
    columns = {
        "insured": np.array([True]),
        "nuclear_test_zone": np.array([False]),
        "complicated_birth": np.array([False]),
        "children": np.array([1], dtype=np.int32),
        "previous_children": np.array([0], dtype=np.int32),
        "average_so_base": np.array([300_000.0]),
        "birth_month": np.array([month(birth)], dtype=np.int32),
        "leave_month": np.array([month(leave)], dtype=np.int32),
        "return_month": np.array([model.NEVER], dtype=np.int32),
    }
    system = model.system(default_law())
    last = date(2027, 1, 1)  # the 18th month of childcare
    return lambda: model.total_net(system, columns, leave, last)


def _rounds(contenders: dict[str, Callable[[], Any]], rounds: int) -> dict[str, list[float]]:
    """Each round runs every contender in a block: `WARMUP` calls untimed, then `BLOCK` calls, each timed.

    In blocks, because a call right after another contender (OpenFisca above all) finds the CPU's
    caches full of that one's code and data and takes up to twice as long; a service answering
    calculations back to back runs warm.
    """
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            for _ in range(WARMUP):
                run()
            for _ in range(BLOCK):
                began = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - began)
    return times


def _varied(rng: random.Random) -> dict[str, Any]:
    start = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 1000))
    income: dict[str, Any] = rng.choice(
        [
            {"average_so_base": rng.randrange(0, 900_000)},
            {"gross_salary": rng.randrange(50_000, 1_500_000)},
            {
                "monthly": [
                    {"month": f"{start.year - 1}-{m:02d}", "so_base": rng.randrange(85_000, 595_000)}
                    for m in range(1, 13)
                ]
            },
        ]
    )
    return {
        "claimant": {
            "employment": rng.choice(["employee", "individual_entrepreneur", "uninsured"]),
            "nuclear_test_zone": rng.random() < 0.1,
        },
        "event": {
            "type": "birth",
            "leave_start": start.isoformat(),
            "children": rng.choice([1, 1, 1, 2]),
            "complicated_birth": rng.random() < 0.2,
        },
        "previous_children": rng.randrange(0, 5),
        "income": income,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=400, help="Rounds (each times every contender 5 times).")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() after warming up, as a service may.")
    parser.add_argument("--batch", type=int, default=10_000, help="Varied requests timed as a whole (0: none).")
    args = parser.parse_args()
    law = default_law()  # read the parameter files once, as a running service would
    today = date.today()  # noqa: DTZ011 - a date, not a time
    stages: dict[str, list[float]] = {"  check and parse": [], "  compute": [], "  render (en)": []}

    def staged() -> None:
        """The full calculation again, each stage timed on its own fresh result."""
        began = time.perf_counter()
        request = parse_request(EXAMPLE, today=today)
        parsed = time.perf_counter()
        calc = compute(request, law)
        computed = time.perf_counter()
        render_response(calc, "en")
        rendered = time.perf_counter()
        stages["  check and parse"].append(parsed - began)
        stages["  compute"].append(computed - parsed)
        stages["  render (en)"].append(rendered - computed)

    contenders: dict[str, Callable[[], Any]] = {
        "full calculation": lambda: calculate(EXAMPLE),
        "full calculation (ru)": lambda: calculate(EXAMPLE, lang="ru"),
        "staged": staged,
        "yardstick": yardstick,
    }
    openfisca = _openfisca_person()
    if openfisca is not None:
        contenders["OpenFisca, one person"] = openfisca
    _rounds(contenders, 20)  # warm caches (catalogues, calendar, compiled validator)
    if args.freeze:
        gc.collect()
        gc.freeze()  # what a service does after start-up: the garbage collector stops walking the loaded code
    for measured in stages.values():
        measured.clear()
    times = _rounds(contenders, args.rounds)
    del times["staged"]
    times |= stages
    unit = statistics.median(times["yardstick"])
    heading = f"contract example, {args.rounds} rounds of {BLOCK} calls"
    print(f"{heading}; ratios are to the yardstick's median ({unit * 1e6:,.0f} µs)")
    print(f"{'':24}{'median':>10}{'p90':>10}{'yardsticks':>12}")
    for name, measured in times.items():
        measured.sort()
        median, p90 = statistics.median(measured), measured[int(len(measured) * 0.9)]
        print(f"{name:24}{median * 1e6:>8,.0f}µs{p90 * 1e6:>8,.0f}µs{median / unit:>12.3f}")
    if openfisca is not None:
        ratio = statistics.median(times["OpenFisca, one person"]) / statistics.median(times["full calculation"])
        print(f"OpenFisca's one-person run takes {ratio:.1f} times Kopir's full calculation (medians)")
    if args.batch:
        rng = random.Random(20261123)
        requests = [_varied(rng) for _ in range(args.batch)]
        began = time.perf_counter()
        for document in requests:
            calculate(document)
        elapsed = time.perf_counter() - began
        print(
            f"{args.batch:,} varied calculations: {elapsed:.2f} s ({args.batch / elapsed:,.0f} per second, "
            f"{elapsed / args.batch * 1e6:,.0f} µs each)"
        )


if __name__ == "__main__":
    main()
