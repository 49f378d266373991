"""How long one full calculation takes, in process: request checked, computed, rendered.

Prints figures; never passes or fails on time. Run: ``.venv/bin/python benchmarks/calculation.py``.

- one calculation: the median (and p90) of single calls of the contract's example;
- 10,000 calculations: a batch of varied requests (income forms, dates, twins, uninsured),
  timed as a whole, so the figure includes everything a caller would pay for.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kopir.rules import calculate, default_law

EXAMPLE = json.loads((Path(__file__).parent.parent / "examples" / "contract-example.json").read_text())


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
    default_law()  # read the parameter files once, as a running service would
    calculate(EXAMPLE)  # warm caches (catalogues, calendar)
    singles = []
    for _ in range(2000):
        began = time.perf_counter()
        calculate(EXAMPLE)
        singles.append(time.perf_counter() - began)
    singles.sort()
    print(
        f"one calculation (contract example), median of {len(singles)}: "
        f"{statistics.median(singles) * 1000:.3f} ms (p90 {singles[int(len(singles) * 0.9)] * 1000:.3f} ms)"
    )
    rng = random.Random(20261123)
    requests = [_varied(rng) for _ in range(10_000)]
    began = time.perf_counter()
    for request in requests:
        calculate(request)
    elapsed = time.perf_counter() - began
    print(
        f"10,000 varied calculations: {elapsed:.2f} s ({10_000 / elapsed:,.0f} per second, "
        f"{elapsed / 10_000 * 1000:.3f} ms each)"
    )


if __name__ == "__main__":
    main()
