"""Calibration: the public figures the synthetic population must reproduce, and what it achieves.

The targets and their sources are in the population data file; each achieved value is measured
on the drawn persons, most of them through the same rules that compute one woman's payment (the
average birth allowance, the average state childcare allowance), so the check covers the
population and the law together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kopir.microsim.population import DEFAULT_YEAR, Population, load_data
from kopir.rules.law import Law
from kopir.rules.population import PopulationResult, run

CHILDCARE_MONTHS = 18  # each uninsured birth draws the allowance for 18 months


@dataclass(frozen=True)
class Row:
    """One target beside its achieved value."""

    id: str
    target: float
    achieved: float
    tolerance: float
    tested: bool
    source: str
    reason: str = ""

    @property
    def error(self) -> float:
        return abs(self.achieved - self.target) / self.target if self.target else abs(self.achieved)

    @property
    def met(self) -> bool:
        return self.error <= self.tolerance + 1e-12


def _measures(population: Population, result: PopulationResult) -> dict[str, Callable[[], float]]:
    persons = population.persons
    insured, uninsured = persons.insured, ~persons.insured
    eligible = result.maternity.eligible
    measures: dict[str, Callable[[], float]] = {
        "births": lambda: population.weight * len(population),
        "birth_allowance.average_per_recipient_tenge": lambda: float(result.birth_allowance.mean()) / 100,
        "childcare_allowance.average_monthly_tenge": lambda: float(
            result.childcare.allowance_first_month[uninsured].mean() / 100
        ),
        "childcare_allowance.recipients": lambda: float(uninsured.sum() * population.weight * CHILDCARE_MONTHS / 12),
        "wage.mean_gross_tenge": lambda: float(population.gross_wage[insured].mean()) / 100,
        "twins_share": lambda: float((persons.children >= 2).mean()),
        "maternity.recipients": lambda: float(eligible.sum() * population.weight),
        "maternity.average_tenge": lambda: float(result.maternity.gross[eligible].mean()) / 100,
    }
    for index, code in enumerate(population.regions):
        measures[f"region_share.{code}"] = lambda index=index: float(  # type: ignore[misc]
            np.mean(population.region == index)
        )
    return measures


def calibration(population: Population, law: Law, year: int = DEFAULT_YEAR) -> list[Row]:
    """Every target of the year's data file with the value the population achieves."""
    measures = _measures(population, run(population.persons, law))
    return [
        Row(
            id=target["id"],
            target=float(target["value"]),
            achieved=measures[target["id"]](),
            tolerance=float(target["tolerance"]),
            tested=bool(target.get("tested", True)),
            source=target["source"],
            reason=" ".join(str(target.get("reason", "")).split()),
        )
        for target in load_data(year)["targets"]
    ]


def format_calibration(rows: list[Row]) -> str:
    """Targets and achieved values side by side, as a text table."""
    lines = [f"{'target':46} {'public figure':>14} {'achieved':>14} {'error':>7} {'tolerance':>9}  status"]
    for row in rows:
        status = ("met" if row.met else "NOT MET") if row.tested else "shown only"
        lines.append(
            f"{row.id:46} {row.target:>14,.4f} {row.achieved:>14,.4f} {row.error:>7.1%} {row.tolerance:>9.0%}  {status}"
        )
    lines += ["", "Sources:"] + [f"  {row.id}: {row.source}" for row in rows]
    lines += [f"  {row.id} is shown only: {row.reason}" for row in rows if not row.tested]
    return "\n".join(lines)
