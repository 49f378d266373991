"""Reforms the parameters cannot say: new payments, each a named formula with its parameters.

Each formula is a frozen dataclass whose fields are its parameters (with their bounds in the
field metadata, so `reforms.py` can check a file strictly) and a `pay` method that returns what
it pays on a chunk of the population. Take-up is decided by each person's `propensity`, drawn
once with the population, so a reform takes up the same persons in every run with the seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from kopir.microsim.population import Ints, Population
from kopir.rules.i18n import N_
from kopir.rules.population import PopulationResult
from kopir.rules.population.childcare import add_by_year
from kopir.rules.population.schedule import months_since_epoch


def bounded(low: float, high: float, doc: str) -> Any:
    """A formula parameter between `low` and `high`, with what it means (a message of the rules' catalogue:
    a reform file's problem names it in the language of ``kopir simulate --lang``)."""
    return field(metadata={"low": low, "high": high, "doc": doc})


@dataclass(frozen=True)
class Payment:
    """What a formula pays on one chunk: per person (tiyn), by calendar year, and other figures."""

    per_person: Ints
    by_year: dict[int, int]
    to_households: bool = True  # False: it goes to employers, and makes no person a winner
    figures: dict[str, int] = field(default_factory=dict)  # summable extras, in tiyn


def _monthly(result: PopulationResult, monthly: Ints, ages: range) -> tuple[Ints, dict[int, int]]:
    """A monthly amount paid at each child's age in months in `ages` (0 is the birth month)."""
    birth_month = months_since_epoch(result.birth)
    by_year: dict[int, int] = {}
    paid = np.flatnonzero(monthly)
    for age in ages:
        add_by_year(by_year, birth_month[paid] + age, monthly[paid])
    return monthly * len(ages), by_year


@dataclass(frozen=True)
class PhasedReturn:
    """A part-time return with a partial payment (Norway's graded benefit, Germany's ElterngeldPlus).

    Insured mothers who take it up work `hours_share` of full time from the child's month
    `from_month` to `until_month` and receive `replacement_rate` of the earnings they give up
    (their SO base x (1 - hours_share)), capped at `cap_mzp` minimum wages a month. Returning to
    work before 1.5 brings the early-return rule into play for the childcare payment, so the
    formula also moves their return date (`returns`).
    """

    NAME: ClassVar[str] = "phased_return"
    take_up: float = bounded(0, 1, N_("share of insured mothers who take it up"))
    from_month: int = bounded(0, 36, N_("child's age in months when it starts"))
    until_month: int = bounded(1, 48, N_("child's age in months when it ends (exclusive)"))
    hours_share: float = bounded(0.1, 0.9, N_("share of full-time hours worked"))
    replacement_rate: float = bounded(0, 1, N_("share of the earnings given up that is paid"))
    cap_mzp: float = bounded(0, 20, N_("monthly cap in minimum wages"))

    def takers(self, population: Population) -> np.ndarray[Any, np.dtype[np.bool_]]:
        return population.persons.insured & (population.propensity < self.take_up)

    def returns(self, population: Population, birth: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """Return dates with the takers back at work from their first part-time month."""
        start = (birth.astype("datetime64[M]") + self.from_month).astype("datetime64[D]")
        current = population.persons.return_to_work
        takers = self.takers(population)
        if current is None:
            return np.where(takers, start, np.datetime64("NaT")).astype("datetime64[D]")
        earlier = np.isnat(current) | (start < current)
        return np.where(takers & earlier, start, current).astype("datetime64[D]")

    def pay(self, population: Population, result: PopulationResult, mzp_tiyn: int) -> Payment:
        given_up = population.persons.average_so_base * (1 - self.hours_share)
        monthly = np.minimum(np.round(given_up * self.replacement_rate), self.cap_mzp * mzp_tiyn)
        monthly = np.where(self.takers(population), monthly, 0).astype(np.int64)
        return Payment(*_monthly(result, monthly, range(self.from_month, self.until_month)))


@dataclass(frozen=True)
class EmployerFund:
    """A fund that reimburses employers' top-ups of the maternity payment (Germany's U2 levy).

    Employers of `topping_up_share` of insured mothers top the GFSS payment up to the full wage
    for the leave (Labour Code art. 99(4) allows it); the fund pays back `reimbursement_rate` of
    it and raises a levy on the payroll of `payroll_tenge` a year. The figure `levy_rate_ppm` is
    the levy that covers the year's reimbursements, in parts per million of the payroll.
    """

    NAME: ClassVar[str] = "employer_fund"
    topping_up_share: float = bounded(0, 1, N_("share of insured mothers whose employer tops up"))
    reimbursement_rate: float = bounded(0, 1, N_("share of the top-up the fund pays back"))
    payroll_tenge: float = bounded(1e9, 1e16, N_("national payroll subject to the levy, tenge a year"))

    def pay(self, population: Population, result: PopulationResult, mzp_tiyn: int) -> Payment:
        del mzp_tiyn
        full = population.gross_wage * result.leave_days // 30
        topping = population.persons.insured & (population.propensity < self.topping_up_share)
        top_up = np.where(topping & result.maternity.eligible, np.maximum(full - result.maternity.gross, 0), 0)
        reimbursed = np.round(top_up * self.reimbursement_rate).astype(np.int64)
        by_year: dict[int, int] = {}
        add_by_year(by_year, months_since_epoch(population.persons.leave_start), reimbursed)
        return Payment(reimbursed, by_year, to_households=False, figures={"top_ups": int(top_up.sum())})


@dataclass(frozen=True)
class NurserySubsidy:
    """A monthly subsidy of a nursery place, with deadweight.

    Families of `take_up` of the children use a subsidised place from month `from_month` to
    `until_month` of the child's age; `deadweight` of them would have used (and paid for) the place
    anyway, so that part of the cost buys no new place. The figure `deadweight_cost` is that part.
    """

    NAME: ClassVar[str] = "nursery_subsidy"
    monthly_tenge: float = bounded(0, 1_000_000, N_("subsidy per child and month, tenge"))
    take_up: float = bounded(0, 1, N_("share of children in a subsidised place"))
    from_month: int = bounded(0, 72, N_("child's age in months when it starts"))
    until_month: int = bounded(1, 84, N_("child's age in months when it ends (exclusive)"))
    deadweight: float = bounded(0, 1, N_("share of subsidised places that would have been used anyway"))

    def pay(self, population: Population, result: PopulationResult, mzp_tiyn: int) -> Payment:
        del mzp_tiyn
        takers = population.propensity < self.take_up
        monthly = np.where(takers, round(self.monthly_tenge * 100) * population.persons.children, 0).astype(np.int64)
        total, by_year = _monthly(result, monthly, range(self.from_month, self.until_month))
        deadweight = round(int(total.sum()) * self.deadweight)
        return Payment(total, by_year, figures={"deadweight_cost": deadweight})


Formula = PhasedReturn | EmployerFund | NurserySubsidy
FORMULAS: dict[str, type[PhasedReturn] | type[EmployerFund] | type[NurserySubsidy]] = {
    cls.NAME: cls for cls in (PhasedReturn, EmployerFund, NurserySubsidy)
}
