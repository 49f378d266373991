"""A range beside each cost: the reform run again on other draws of the population and of the calibration.

A cost from the synthetic population carries two kinds of error that a single run hides: the
sampling noise of `size` persons drawn from one seed, and the calibration, which holds each
published figure only within its tolerance (``data/population-<year>.yaml``). Each draw here is an
ordinary `simulate` run with its own seed AND its own assumptions: every calibrated quantity moved
by a relative amount drawn uniformly within its tolerance (`perturbed`). The range is the 5th to
95th percentile of the draws' net change in cost, total, by year and by payment.

Percentiles of draws rather than a standard error: the change in cost is not normal when a lever
cuts in (a cap, a take-up share), and percentiles need no such assumption. They are taken at the
Weibull plotting positions (k / (R + 1)), at which the range between them covers one more draw of
the same process with the stated probability whatever the number of draws R; so a 90% range needs
at least 19 draws (below that the 5th percentile would fall under the smallest draw).

What the range does not cover is written in docs/methodology/microsimulation.md (§7): the
assumptions no published figure holds (marked [L] in the data file), the two figures shown but not
held, the law's parameters, behaviour the model does not have, and the size of future cohorts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from kopir.cluster import cluster_client
from kopir.microsim.population import Assumptions, Floats, load_data
from kopir.microsim.reforms import Reform
from kopir.microsim.results import changes_by, cost_rows
from kopir.microsim.simulate import Totals, simulate
from kopir.rules.law import Law
from kopir.rules.population.reading import mrp_scale_amounts

LEVEL = 0.9
DEFAULT_DRAWS = 20
MAXIMUM_DRAWS = 1000


def fewest_draws(level: float = LEVEL) -> int:
    """The fewest draws whose percentiles at the Weibull positions stay inside the draws: 19 for 90%."""
    return int(np.ceil(2 / (1 - level) - 1 - 1e-9))


@dataclass(frozen=True)
class Band:
    """The low and high end of a range, national tenge."""

    low: float
    high: float

    def document(self) -> dict[str, float]:
        return {"low": self.low, "high": self.high}


@dataclass(frozen=True)
class CostRange:
    """The range of the net change in cost over the draws: total, by year and by payment."""

    level: float
    draws: int
    total: Band
    by_year: Mapping[int, Band]
    by_payment: Mapping[str, Band]
    draw_totals: tuple[float, ...]  # each draw's total change, national tenge, in the draws' order

    def document(self) -> dict[str, Any]:
        """The report's ``uncertainty`` key (the costing page reads this shape; decision 0032)."""
        return {
            "level": self.level,
            "draws": self.draws,
            "cost": {
                "total": self.total.document(),
                "by_year": {str(year): band.document() for year, band in sorted(self.by_year.items())},
                "by_payment": {payment: band.document() for payment, band in self.by_payment.items()},
            },
        }


# Perturbations: each tested target with a tolerance moves the assumption it calibrates.


def _scaled(shares: Floats, chosen: np.ndarray[Any, np.dtype[np.bool_]], factor: float) -> Floats:
    """Shares with the chosen ones times `factor` and the others rescaled so that all still sum to 1."""
    moved = np.where(chosen, shares * factor, shares)
    rest = 1 - moved[chosen].sum()
    others = shares[~chosen].sum()
    result: Floats = np.where(chosen, moved, shares * rest / others)
    return result


def _birth_allowances(a: Assumptions, law: Law) -> Floats:
    """The birth allowance of a single birth at each of the assumptions' birth orders, mid-year (tiyn)."""
    mid_year = np.array([np.datetime64(dt.date(a.year, 7, 1), "D")])
    highest = int(a.birth_orders.max())
    table = mrp_scale_amounts(
        law, "state_budget.birth_allowance.coefficient_mrp", mid_year, highest, "rounding.state_allowances"
    )
    amounts: Floats = table[0, a.birth_orders].astype(np.float64)
    return amounts


def _birth_order_mix(a: Assumptions, law: Law, move: float) -> Assumptions:
    """The birth-order mix that moves the average birth allowance by `move` (relative).

    The allowance is larger from a birth order on (the law's scale), so the average per recipient
    pins down the share of those orders (the data file derives the 4th-and-later share from it). The
    orders above the average gain or lose share together; each group keeps its inner proportions.
    """
    amounts = _birth_allowances(a, law)
    shares = a.birth_order_shares / a.birth_order_shares.sum()
    average = float(shares @ amounts)
    high = amounts > average
    share_high = float(shares[high].sum())
    if not 0 < share_high < 1:  # one amount for every order drawn: the mix moves no average
        return a
    mean_high = float(shares[high] @ amounts[high] / shares[high].sum())
    mean_low = float(shares[~high] @ amounts[~high] / shares[~high].sum())
    target = np.clip(share_high + move * average / (mean_high - mean_low), 0.0, 1.0)
    return dataclasses.replace(a, birth_order_shares=_scaled(shares, high, target / share_high))


def _region(code: str) -> Callable[[Assumptions, Law, float], Assumptions]:
    def moved(a: Assumptions, law: Law, move: float) -> Assumptions:
        chosen = np.array([region == code for region in a.regions])
        shares = a.region_shares / a.region_shares.sum()
        return dataclasses.replace(a, region_shares=_scaled(shares, chosen, 1 + move))

    return moved


def _multiples(a: Assumptions, law: Law, move: float) -> Assumptions:
    shares = a.children_shares / a.children_shares.sum()
    return dataclasses.replace(a, children_shares=_scaled(shares, a.children >= 2, 1 + move))


LEVERS: dict[str, Callable[[Assumptions, Law, float], Assumptions]] = {
    "wage.mean_gross_tenge": lambda a, law, move: dataclasses.replace(a, wage_mean_tiyn=a.wage_mean_tiyn * (1 + move)),
    # recipients = uninsured births x 18 / 12 months: the uninsured share carries the recipients' tolerance
    "childcare_allowance.recipients": lambda a, law, move: dataclasses.replace(a, uninsured=a.uninsured * (1 + move)),
    "birth_allowance.average_per_recipient_tenge": _birth_order_mix,
    "twins_share": _multiples,
}
# Tested targets that move no assumption of their own, and why.
FOLLOWERS = {
    "births": "tolerance zero: the cohort's size is the published count",
    "childcare_allowance.average_monthly_tenge": (
        "set by the birth-order mix and the law's scale; the birth allowance's tighter lever moves it"
    ),
}


def lever(target_id: str) -> Callable[[Assumptions, Law, float], Assumptions] | None:
    """The perturbation of a target's assumption, or None if it has none (`FOLLOWERS`)."""
    if target_id.startswith("region_share."):
        return _region(target_id.removeprefix("region_share."))
    return LEVERS.get(target_id)


def perturbed(
    a: Assumptions, law: Law, rng: np.random.Generator, targets: list[dict[str, Any]] | None = None
) -> Assumptions:
    """The assumptions with every calibrated quantity moved within its tolerance (uniform, independent).

    `targets` are the data file's (read from it if not given).
    """
    for target in targets if targets is not None else load_data(a.year)["targets"]:
        move_of = lever(target["id"])
        tolerance = float(target["tolerance"])
        if move_of is None or not target.get("tested", True) or tolerance == 0:
            continue
        a = move_of(a, law, float(rng.uniform(-tolerance, tolerance)))
    return a


# The draws and their percentiles.


@dataclass(frozen=True)
class _Changes:
    """One draw's net change in cost (national tenge): total, by year and by payment."""

    total: float
    by_year: dict[int, float]
    by_payment: dict[str, float]


def _changes(rows: list[dict[str, Any]]) -> _Changes:
    by_year = changes_by(rows, "year")
    return _Changes(sum(by_year.values()), by_year, changes_by(rows, "payment"))


def band_of(values: list[float], level: float) -> Band:
    """The `level` range of the values: their percentiles at the Weibull positions k / (R + 1)."""
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail], method="weibull")
    return Band(float(low), float(high))


def draw_seeds(seed: int, draws: int) -> list[np.random.SeedSequence]:
    """Each draw's seed sequence: from the run's seed, apart from the seeds of the run's own chunks."""
    return np.random.SeedSequence([seed, 1]).spawn(draws)  # [seed, 1]: never the chunks' SeedSequence(seed)


def cost_range(
    reform: Reform,
    law: Law,
    a: Assumptions,
    *,
    size: int,
    seed: int,
    draws: int = DEFAULT_DRAWS,
    level: float = LEVEL,
    **run_options: Any,
) -> CostRange:
    """The `level` range of the reform's net change in cost over `draws` runs of `size` persons.

    Each draw is `simulate(...)` at the run's size (so the range holds the sampling noise of a run
    of this size) with its own seed and perturbed assumptions; `run_options` (the chunk, a progress
    callback, workers or a cluster) go to every draw unchanged.
    """
    if draws < fewest_draws(level):
        raise ValueError(f"a {level:.0%} range needs at least {fewest_draws(level)} draws, not {draws}")
    changes = []
    targets = load_data(a.year)["targets"]
    for sequence in draw_seeds(seed, draws):
        rng = np.random.default_rng(sequence)
        drawn = perturbed(a, law, rng, targets)
        population_seed = int(rng.integers(2**63))
        totals = simulate(reform=reform, law=law, a=drawn, size=size, seed=population_seed, **run_options)
        changes.append(_changes(cost_rows(totals)))
    years = sorted({year for change in changes for year in change.by_year})
    payments = list(dict.fromkeys(payment for change in changes for payment in change.by_payment))
    return CostRange(
        level=level,
        draws=draws,
        total=band_of([c.total for c in changes], level),
        by_year={year: band_of([c.by_year.get(year, 0.0) for c in changes], level) for year in years},
        by_payment={payment: band_of([c.by_payment.get(payment, 0.0) for c in changes], level) for payment in payments},
        draw_totals=tuple(c.total for c in changes),
    )


def simulate_with_range(
    reform: Reform,
    law: Law,
    a: Assumptions,
    *,
    size: int,
    seed: int,
    draws: int,
    workers: int = 1,
    scheduler: str | None = None,
    **options: Any,
) -> tuple[Totals, CostRange | None]:
    """The run and, with `draws`, its range: on one cluster for all of them when a cluster is asked for.

    A cluster client costs seconds to start (a local cluster) or a connection (an operator's);
    made once, the run and every draw share it.
    """
    if scheduler is None and workers <= 1:
        totals = simulate(reform, law, a, size=size, seed=seed, **options)
        return totals, cost_range(reform, law, a, size=size, seed=seed, draws=draws, **options) if draws else None
    with cluster_client(scheduler=scheduler, workers=workers) as client:
        totals = simulate(reform, law, a, size=size, seed=seed, client=client, **options)
        spread = (
            cost_range(reform, law, a, size=size, seed=seed, draws=draws, client=client, **options) if draws else None
        )
        return totals, spread
