"""What every indicator group of the engine reads: the records, what is derived from them, the year.

Shared by `kopir.statistics.engine` and `kopir.statistics.careers`; pure, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from kopir.statistics.columns import MANAGERIAL_LEVELS, Flags, Ints, Records, day
from kopir.statistics.derived import Derived
from kopir.statistics.tables import Geography, Rows

SPECIALIST = MANAGERIAL_LEVELS.index("specialist")


@dataclass(frozen=True)
class Context:
    records: Records
    derived: Derived
    geo: Geography
    year: int
    as_of: int

    @property
    def period(self) -> str:
        return str(self.year)

    def first(self, year: int | None = None) -> int:
        return day(date(self.year if year is None else year, 1, 1))

    def last(self, year: int | None = None) -> int:
        return day(date(self.year if year is None else year, 12, 31))

    def in_year(self, days: Ints, year: int | None = None) -> Flags:
        return (days >= self.first(year)) & (days <= self.last(year))

    def employee_rows(self, universe: Flags) -> Rows:
        employees = self.records.employees
        return Rows(employees.body, employees.sex, universe)

    def episode_rows(self, universe: Flags) -> Rows:
        employees, of = self.records.employees, self.records.episodes.employee
        return Rows(employees.body[of], employees.sex[of], universe)


def labels_of(values: list[str]) -> tuple[tuple[str, ...], Ints]:
    """A breakdown's values (sorted, "-" for an empty one) and each row's index into them."""
    shown = np.array([v or "-" for v in values], dtype=str)
    labels, index = np.unique(shown, return_inverse=True)
    return tuple(str(v) for v in labels), np.asarray(index, dtype=np.int64)
