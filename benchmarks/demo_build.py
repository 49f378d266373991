"""How long ``kopir demo`` takes to build 10,000 and 100,000 employees, and how many rows a second.

Prints figures; never passes or fails. Run: ``.venv/bin/python benchmarks/demo_build.py``
(options: ``--sizes 10000 100000 --seed 2026 --today 2026-03-01``).

Each size is built in a fresh process against a fresh SQLite file in a temporary
``KOPIR_VAR_DIR`` (``kopir.web.settings.dev``), after ``migrate``, so no run warms another's
caches or database. The time covers `build_demo` only (one transaction, all tables); rows/s
counts every row it wrote (bodies, positions, employees, children, episodes, segments,
returns, separations, follow-ups, pay records, appointments, users).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def _one(employees: int, seed: int, today: date) -> None:
    """In a child process: build once and print the figures as JSON."""
    import django  # noqa: PLC0415 - the parent process never sets Django up
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from kopir.cases.demo import build_demo  # noqa: PLC0415

    began = time.perf_counter()
    summary = build_demo(seed=seed, employees=employees, today=today)
    seconds = time.perf_counter() - began
    rows = (
        summary.bodies
        + summary.positions
        + summary.employees
        + summary.children
        + summary.episodes
        + summary.segments
        + summary.returns
        + summary.separations
        + summary.follow_ups
        + summary.pay_records
        + summary.appointments
        + len(summary.users)
    )
    database = Path(os.environ["KOPIR_VAR_DIR"]) / "kopir.sqlite3"
    print(
        json.dumps(
            {
                "employees": employees,
                "seconds": seconds,
                "rows": rows,
                "episodes": summary.episodes,
                "pay_records": summary.pay_records,
                "database_mb": database.stat().st_size / 1e6,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 3, 1))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.one, args.seed, args.today)
        return
    print(f"{'employees':>10} {'seconds':>8} {'rows':>10} {'rows/s':>8} {'employees/s':>11} {'episodes':>9} {'MB':>6}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="kopir-demo-bench-") as var_dir:
            env = os.environ | {"KOPIR_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "kopir.web.settings.dev"}
            command = [sys.executable, __file__, "--one", str(size), "--seed", str(args.seed)]
            command += ["--today", args.today.isoformat()]
            result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
            figures = json.loads(result.stdout.strip().splitlines()[-1])
        seconds = figures["seconds"]
        print(
            f"{size:>10,} {seconds:>8.1f} {figures['rows']:>10,} {figures['rows'] / seconds:>8,.0f} "
            f"{size / seconds:>11,.0f} {figures['episodes']:>9,} {figures['database_mb']:>6.0f}"
        )


if __name__ == "__main__":
    main()
