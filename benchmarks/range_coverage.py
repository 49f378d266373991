"""How often the cost's 90% range covers a known true cost, and how often weaker ranges would.

The truth is a nation drawn once from the data file's assumptions with every birth of the year
(weight 1), its cost computed exactly. Each trial is an analyst calibrated to that nation within
the tolerances (`perturbed`, her own seed) who runs `--size` persons; four ranges are counted:

- the method (`cost_range`: each draw its own seed and its own calibration, Weibull percentiles);
- the same draws with numpy's default (linear) percentiles;
- seeds only: every draw at her own calibration, so the range holds only the sampling noise;
- calibration only: every draw on one seed, so it holds only the calibration's spread.

Prints each coverage out of the trials, and the seconds per trial of the method.

    .venv/bin/python benchmarks/range_coverage.py [--trials 100] [--draws 20] [--size 2000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from kopir.microsim.population import Assumptions, assumptions
from kopir.microsim.reforms import Reform, load
from kopir.microsim.results import cost_rows
from kopir.microsim.simulate import simulate
from kopir.microsim.uncertainty import band_of, cost_range, draw_seeds, perturbed
from kopir.rules import default_law
from kopir.rules.law import Law


def _change(reform: Reform, law: Law, a: Assumptions, size: int, seed: int) -> float:
    return sum(row["change"] for row in cost_rows(simulate(reform=reform, law=law, a=a, size=size, seed=seed)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--reform", default="childcare-2-years")
    options = parser.parse_args()
    law, truth = default_law(), assumptions()
    reform = load(options.reform, law)
    true_change = _change(reform, law, truth, truth.births, 2026)
    print(f"true change of the nation ({truth.births:,} births): {true_change / 1e9:,.2f} bn tenge")
    counts = dict.fromkeys(("method", "linear percentiles", "seeds only", "calibration only"), 0)
    seconds = 0.0
    for trial in range(options.trials):
        analyst = perturbed(truth, law, np.random.default_rng([trial, 7]))
        started = time.perf_counter()
        spread = cost_range(reform, law, analyst, size=options.size, seed=trial, draws=options.draws)
        seconds += time.perf_counter() - started
        linear = np.percentile(spread.draw_totals, [5, 95])
        sequences = draw_seeds(trial, options.draws)
        seeds_only = [_change(reform, law, analyst, options.size, int(s.generate_state(1)[0])) for s in sequences]
        calibration_only = [
            _change(reform, law, perturbed(analyst, law, np.random.default_rng(s)), options.size, trial)
            for s in sequences
        ]
        for name, (low, high) in {
            "method": (spread.total.low, spread.total.high),
            "linear percentiles": (linear[0], linear[1]),
            "seeds only": (band_of(seeds_only, 0.9).low, band_of(seeds_only, 0.9).high),
            "calibration only": (band_of(calibration_only, 0.9).low, band_of(calibration_only, 0.9).high),
        }.items():
            counts[name] += low <= true_change <= high
    for name, count in counts.items():
        print(f"{name:20} covers the truth in {count} of {options.trials} trials")
    print(f"method: {seconds / options.trials:.2f} s a trial ({options.draws} draws of {options.size:,} persons)")


if __name__ == "__main__":
    main()
