"""The synthetic population: reproducible from its seed, and calibrated to the public figures."""

from __future__ import annotations

import numpy as np
import pytest

from kopir.microsim.calibration import calibration, format_calibration
from kopir.microsim.population import assumptions, chunks, synthesize
from kopir.rules import default_law

SIZE = 100_000


@pytest.fixture(scope="module")
def rows() -> list:
    return calibration(synthesize(assumptions(), SIZE, seed=7), default_law())


def test_every_tested_target_is_met_within_its_tolerance(rows: list) -> None:
    missed = [f"{r.id}: {r.achieved:,.4f} vs {r.target:,.4f}" for r in rows if r.tested and not r.met]
    assert missed == []
    assert sum(r.tested for r in rows) >= 10


def test_the_table_shows_each_target_beside_its_achieved_value_and_source(rows: list) -> None:
    table = format_calibration(rows)
    line = next(line for line in table.splitlines() if line.startswith("birth_allowance.average_per_recipient"))
    assert "180,769.0000" in line
    assert "met" in line
    assert "61.1 bn tenge to 338k recipients" in table
    assert "maternity.recipients is shown only" in table


def test_a_seed_gives_the_same_persons_and_another_seed_others() -> None:
    a, b, c = (synthesize(assumptions(), 1000, seed=s) for s in (3, 3, 4))
    assert (a.persons.average_so_base == b.persons.average_so_base).all()
    assert (a.persons.leave_start == b.persons.leave_start).all()
    assert not (a.persons.average_so_base == c.persons.average_so_base).all()


def test_chunks_add_up_to_the_size_and_weigh_the_national_births() -> None:
    parts = list(chunks(assumptions(), 2500, seed=1, chunk=1000))
    assert [len(p) for p in parts] == [1000, 1000, 500]
    assert sum(p.weight * len(p) for p in parts) == pytest.approx(387_900)


def test_income_deciles_split_the_insured_into_tenths_and_the_uninsured_apart() -> None:
    population = synthesize(assumptions(), 50_000, seed=2)
    insured = population.persons.insured
    assert (population.income_decile[~insured] == 0).all()
    shares = np.bincount(population.income_decile[insured], minlength=11)[1:] / insured.sum()
    assert np.allclose(shares, 0.1, atol=0.01)
    # a higher decile earns more
    means = [population.gross_wage[insured & (population.income_decile == d)].mean() for d in range(1, 11)]
    assert means == sorted(means)
