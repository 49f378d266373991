"""The 90% range covers the true cost of a known nation in at least 85 of 100 seeded trials.

The truth: the assumptions of the data file, and one nation drawn from them with every birth of
the year once (weight 1), so its cost is computed exactly, not estimated. Each trial is an analyst
who knows that nation only through its published figures: her assumptions are the truth's with
every calibrated quantity off by up to its tolerance (`perturbed`, her own seed), and she runs 2,000
persons with a range of 20 draws. At this size the sampling noise (about 3.7 billion tenge) is larger
than the calibration's spread (about 2.5), so this test fails when the draws lose their own seeds
(all on one seed: 72 of 100 covered); that the calibration's part is needed shows at the costing
page's sizes, in benchmarks/range_coverage.py (decision 0032 has the counts).
"""

from __future__ import annotations

import numpy as np
import pytest

from kopir.microsim.population import assumptions
from kopir.microsim.reforms import load
from kopir.microsim.results import cost_rows
from kopir.microsim.simulate import simulate
from kopir.microsim.uncertainty import cost_range, perturbed
from kopir.rules import default_law

TRIALS, DRAWS, SIZE = 100, 20, 2000
REFORM = "childcare-2-years"  # its cost rests on the wages, the uninsured share and the birth orders


@pytest.mark.microsimulation
def test_the_range_covers_the_true_cost_in_at_least_85_of_100_trials() -> None:
    law, truth = default_law(), assumptions()
    reform = load(REFORM, law)
    nation = simulate(reform=reform, law=law, a=truth, size=truth.births, seed=2026, chunk=250_000)
    assert nation.weight == 1
    true_change = sum(row["change"] for row in cost_rows(nation))
    covered = 0
    for trial in range(TRIALS):
        analyst = perturbed(truth, law, np.random.default_rng([trial, 7]))
        spread = cost_range(reform, law, analyst, size=SIZE, seed=trial, draws=DRAWS, chunk=SIZE)
        assert spread.total.low < spread.total.high
        covered += spread.total.low <= true_change <= spread.total.high
    assert covered >= 85  # the bar
