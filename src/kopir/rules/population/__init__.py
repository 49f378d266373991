"""The population path: the law's kernels over numpy columns of persons, exact to the tiyn.

The microsimulation (issue 6) costs the payments of a whole country, so the formulas run on
columns, not one person at a time. They are the same formulas as the single-person calculation:
each payment's kernel in `kopir.rules.kernel` (decision 0019). This package only groups persons,
reads the parameter files once per distinct day (`reading.DayGroups`) and hands the columns to the
kernels; a childcare schedule's whole months go in runs of one law (`month_law.runs`), not one pass
per month. A property test holds every person equal to `kopir.rules.calculate` to the tiyn.

Covered: the leave days, the birth allowance, the GFSS maternity payment, the GFSS childcare
payment and the state childcare allowance (early return to work, the pro-rating and window
switches included), for births, with the income in any of a request's three forms.
"""

from __future__ import annotations

from kopir.rules.law import Law
from kopir.rules.population.childcare import ChildcareColumns, childcare
from kopir.rules.population.lump_sums import MaternityColumns, birth_allowance, leave_days, maternity
from kopir.rules.population.persons import Persons
from kopir.rules.population.reading import Days, Ints

__all__ = [
    "ChildcareColumns",
    "MaternityColumns",
    "Persons",
    "PopulationResult",
    "birth_allowance",
    "birth_days",
    "childcare",
    "leave_days",
    "maternity",
    "run",
    "total_net",
]


def birth_days(persons: Persons, law: Law) -> tuple[Ints, Ints, Days]:
    """Leave days before and after the birth, and the birth day (the leave start + the days before)."""
    before, after = leave_days(persons, law)
    return before, after, persons.leave_start + before.astype("timedelta64[D]")


class PopulationResult:
    """Every payment of every person (tiyn), computed once."""

    def __init__(self, persons: Persons, law: Law) -> None:
        before, after, birth = birth_days(persons, law)
        self.leave_days = before + after
        self.birth = birth
        self.birth_allowance = birth_allowance(persons, law, birth)
        self.maternity = maternity(persons, law, self.leave_days)
        self.childcare = childcare(persons, law, birth)

    def total_net(self) -> Ints:
        return self.birth_allowance + self.maternity.net + self.childcare.gfss_total + self.childcare.allowance_total


def run(persons: Persons, law: Law) -> PopulationResult:
    return PopulationResult(persons, law)


def total_net(persons: Persons, law: Law) -> Ints:
    """Everything each person receives (tiyn): lump sums and every scheduled month, as `total_net`."""
    return run(persons, law).total_net()
