"""How long a cold ``kopir calc`` takes, beside a bare Python start (``python -c 'import json'``).

Prints figures; never passes or fails on time. Run: ``.venv/bin/python benchmarks/cold_start.py``.

Each run starts a new process, from the start to the exit, the contract's example on the command
line. The two commands run in turn (kopir, python, kopir, python, ...) and the ratio is taken pair
by pair, so a machine that speeds up or slows down during the call moves both alike; the median
ratio is the figure (issue 14: at most 10). Python's bytecode caches are allowed (an installed
Kopir has them): the variable PYTHONDONTWRITEBYTECODE is removed, and a first, uncounted run of
each command writes them. ``farm-bench --vs`` measures the same from outside where it is installed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).parent.parent
EXAMPLE = REPO / "examples" / "contract-example.json"


def _seconds(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)  # noqa: S603
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15, help="Pairs of runs.")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    kopir = [sys.executable, "-m", "kopir.cli", "calc", str(EXAMPLE)]
    bare = [sys.executable, "-c", "import json"]
    _seconds(kopir, env), _seconds(bare, env)  # write the bytecode caches; not counted
    pairs = [(_seconds(kopir, env), _seconds(bare, env)) for _ in range(args.runs)]
    kopir_times, bare_times = [k for k, _ in pairs], [b for _, b in pairs]
    ratios = sorted(k / b for k, b in pairs)
    print(f"{args.runs} pairs of cold starts (medians, min-max)")
    print(
        f"kopir calc (contract example): {statistics.median(kopir_times) * 1000:6.0f} ms "
        f"({min(kopir_times) * 1000:.0f}-{max(kopir_times) * 1000:.0f})"
    )
    print(
        f"python -c 'import json':       {statistics.median(bare_times) * 1000:6.0f} ms "
        f"({min(bare_times) * 1000:.0f}-{max(bare_times) * 1000:.0f})"
    )
    print(f"ratio, pair by pair:           {statistics.median(ratios):6.1f} ({ratios[0]:.1f}-{ratios[-1]:.1f})")


if __name__ == "__main__":
    main()
