"""A synthetic national population of births, drawn from a seed and calibrated to public figures.

Kazakhstan publishes no microdata of births and payments, so the population is drawn from the
published marginals (births by region, birth order, the insured share, the wage distribution)
kept with their sources in ``data/population-<year>.yaml``; `calibration.py` then checks the
figures it must reproduce. Every person has equal weight: national births / persons drawn, so a
run of any size speaks in national totals.

The population is drawn in chunks, each from its own child of the seed (`SeedSequence.spawn`),
so a chunk can be drawn, computed and dropped without the others: 20 million persons fit in the
memory of one chunk (see docs/methodology/microsimulation.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from kopir.rules.law import Law
from kopir.rules.law_files import default_law
from kopir.rules.population import Persons
from kopir.strict_yaml import load_strict

DATA = Path(__file__).parent / "data"
DEFAULT_YEAR = 2025
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
DECILES = 10
UNINSURED_DECILE = 0  # the income decile of persons without insured income


@dataclass(frozen=True)
class Assumptions:
    """What the population is drawn from (the `assumptions` block of the data file)."""

    year: int
    births: int
    regions: tuple[str, ...]
    region_shares: Floats
    nuclear_zone_share: Floats  # per region
    birth_orders: Ints
    birth_order_shares: Floats
    children: Ints
    children_shares: Floats
    complicated_birth: float
    uninsured: float
    wage_mean_tiyn: float
    wage_sigma: float
    so_base_share: float
    early_return: tuple[float, int, int]  # share of insured mothers, from and until the child's age in days
    so_base_bounds: tuple[int, int]  # the law's floor and ceiling of the SO base mid-year, tiyn

    @cached_property
    def wage_mu(self) -> float:
        """The log-normal's mu for the stated mean: mean = exp(mu + sigma² / 2)."""
        return float(np.log(self.wage_mean_tiyn) - self.wage_sigma**2 / 2)

    def decile_bounds(self) -> Floats:
        """The wage deciles of insured mothers, exact from the distribution (so chunks agree)."""
        from statistics import NormalDist  # noqa: PLC0415 - only here

        normal = NormalDist(self.wage_mu, self.wage_sigma)
        return np.exp([normal.inv_cdf(q / DECILES) for q in range(1, DECILES)])


def load_data(year: int = DEFAULT_YEAR) -> dict[str, Any]:
    document: dict[str, Any] = load_strict((DATA / f"population-{year}.yaml").read_text(encoding="utf-8"))
    return document


def _region_shares(raw: Mapping[str, Any]) -> tuple[tuple[str, ...], Floats]:
    sourced = {code: entry["births_8m"] / raw["births_8m_total"] for code, entry in raw["sourced"].items()}
    rest = 1 - sum(sourced.values())
    estimated_total = sum(raw["estimated"].values())
    shares = {**sourced, **{code: rest * v / estimated_total for code, v in raw["estimated"].items()}}
    codes = tuple(sorted(shares))
    return codes, np.array([shares[c] for c in codes])


def assumptions(year: int = DEFAULT_YEAR, *, law: Law | None = None) -> Assumptions:
    """The drawing assumptions of a year's data file, with the SO base bounds of `law` (today's by default)."""
    document = load_data(year)
    raw = document["assumptions"]
    codes, shares = _region_shares(raw["regions"])
    zone = np.array([raw["nuclear_test_zone"].get(code, 0.0) for code in codes])
    orders, children = raw["birth_order"], raw["children"]
    return Assumptions(
        year=document["year"],
        births=document["births"]["value"],
        regions=codes,
        region_shares=shares,
        nuclear_zone_share=zone,
        birth_orders=np.array(sorted(orders), dtype=np.int64),
        birth_order_shares=np.array([orders[k] for k in sorted(orders)]),
        children=np.array(sorted(children), dtype=np.int64),
        children_shares=np.array([children[k] for k in sorted(children)]),
        complicated_birth=raw["complicated_birth"],
        uninsured=raw["uninsured"],
        wage_mean_tiyn=raw["wage"]["mean_tenge"] * 100,
        wage_sigma=raw["wage"]["sigma"],
        so_base_share=raw["so_base_share_of_gross"],
        early_return=(raw["early_return"]["share"], raw["early_return"]["from_day"], raw["early_return"]["until_day"]),
        so_base_bounds=so_base_bounds(law or default_law(), document["year"]),
    )


@dataclass(frozen=True)
class Population:
    """Persons for the rules, and what the results are broken down by."""

    persons: Persons
    region: Ints  # index into `regions`
    birth_order: Ints  # of the first child of the birth
    income_decile: Ints  # 1..10 among insured mothers; 0 uninsured
    gross_wage: Ints  # tiyn a month, 0 if uninsured
    propensity: Floats  # uniform in [0, 1): who takes up a reform's offer first (reforms' take-up)
    regions: tuple[str, ...]
    weight: float  # national persons per person drawn
    year: int  # of the births
    so_base_share: float  # of the gross wage

    def __len__(self) -> int:
        return len(self.region)

    def part(self, start: int, stop: int) -> Population:
        """Persons start..stop, as a population of the same weight (a partition of a larger run)."""
        cut = slice(start, stop)
        persons = self.persons.rows(start, stop)
        columns = ("region", "birth_order", "income_decile", "gross_wage", "propensity")
        return dataclasses.replace(self, persons=persons, **{name: getattr(self, name)[cut] for name in columns})


def _draw(a: Assumptions, size: int, rng: np.random.Generator, weight: float) -> Population:
    region = rng.choice(len(a.regions), size=size, p=a.region_shares / a.region_shares.sum())
    zone = rng.random(size) < a.nuclear_zone_share[region]
    order = rng.choice(a.birth_orders, size=size, p=a.birth_order_shares / a.birth_order_shares.sum())
    children = rng.choice(a.children, size=size, p=a.children_shares / a.children_shares.sum())
    first_day = np.datetime64(f"{a.year}-01-01", "D")
    days_in_year = int((np.datetime64(f"{a.year + 1}-01-01", "D") - first_day) / np.timedelta64(1, "D"))
    birth = first_day + rng.integers(0, days_in_year, size=size).astype("timedelta64[D]")
    before = np.where(zone, 91, 70).astype("timedelta64[D]")  # the leave starts these days before the birth
    insured = rng.random(size) >= a.uninsured
    wage = np.where(insured, rng.lognormal(a.wage_mu, a.wage_sigma, size=size), 0.0)
    so_base = np.clip(np.round(wage * a.so_base_share), *a.so_base_bounds)
    share, earliest, latest = a.early_return
    returns = insured & (rng.random(size) < share)
    back = birth + rng.integers(earliest, latest, size=size).astype("timedelta64[D]")
    decile = np.where(insured, np.searchsorted(a.decile_bounds(), wage, side="right") + 1, UNINSURED_DECILE)
    persons = Persons(
        insured=insured,
        nuclear_test_zone=zone,
        leave_start=birth - before,
        children=children.astype(np.int64),
        complicated_birth=rng.random(size) < a.complicated_birth,
        previous_children=(order - 1).astype(np.int64),
        average_so_base=np.where(insured, so_base, 0).astype(np.int64),
        return_to_work=np.where(returns, back, np.datetime64("NaT")).astype("datetime64[D]"),
    )
    return Population(
        persons=persons,
        region=region.astype(np.int64),
        birth_order=order.astype(np.int64),
        income_decile=decile.astype(np.int64),
        gross_wage=np.round(wage).astype(np.int64),
        propensity=rng.random(size),
        regions=a.regions,
        weight=weight,
        year=a.year,
        so_base_share=a.so_base_share,
    )


def so_base_bounds(law: Law, year: int) -> tuple[int, int]:
    """The SO base's floor and ceiling on 1 July of `year`, in tiyn (dated parameters, MZP multiples)."""
    mid_year = dt.date(year, 7, 1)

    def mzp_multiple(path: str) -> int:
        return int(law.at(path, mid_year).number() * law.at("general.mzp", mid_year).number() * 100)

    return mzp_multiple("contributions.so_base_floor_mzp"), mzp_multiple("contributions.so_base_ceiling_mzp")


def with_so_base(population: Population, law: Law) -> Population:
    """The persons' average SO base from their wage under `law`'s floor and ceiling (mid-year).

    The base is income less the pension contribution, between 1 and 7 MZP today; a reform of the
    ceiling changes it, as it would once contributions at the new ceiling fill the 24-month window.
    """
    base = np.clip(np.round(population.gross_wage * population.so_base_share), *so_base_bounds(law, population.year))
    insured = population.persons.insured
    persons = dataclasses.replace(population.persons, average_so_base=np.where(insured, base, 0).astype(np.int64))
    return dataclasses.replace(population, persons=persons)


def chunks(a: Assumptions, size: int, *, seed: int = 0, chunk: int = 1_000_000) -> Iterator[Population]:
    """The population of `size` persons, `chunk` at a time; the same seed and chunk give the same persons."""
    for index in range(chunk_count(size, chunk)):
        yield chunk_at(a, size, index, seed=seed, chunk=chunk)


def chunk_count(size: int, chunk: int) -> int:
    return -(-size // chunk)


def chunk_at(a: Assumptions, size: int, index: int, *, seed: int = 0, chunk: int = 1_000_000) -> Population:
    """Chunk `index` of `chunks(...)` alone: each chunk has its own seed, so a worker can draw its own."""
    child = np.random.SeedSequence(seed).spawn(chunk_count(size, chunk))[index]
    this = min(chunk, size - index * chunk)
    return _draw(a, this, np.random.default_rng(child), a.births / size)


def synthesize(a: Assumptions, size: int, *, seed: int = 0) -> Population:
    """The whole population at once (one chunk)."""
    return next(chunks(a, size, seed=seed, chunk=max(size, 1)))
