"""The persons of the population path: one numpy column per fact the law needs."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np

from kopir.rules.population.reading import Bools, Days, Ints


@dataclass(frozen=True)
class Persons:
    """One row per person; money in tiyn, dates as numpy days.

    `return_to_work` is NaT for a person who does not return before the child is 1.5; left out,
    nobody returns early.

    The income comes in one of a request's three forms, the same for everyone: the average SO
    base (`average_so_base`, every month of the window covered); or, when given, a monthly gross
    salary (`gross_salary`); or the SO base month by month (`monthly_so_base[person, k]` is the
    base of the k-th month from `monthly_from`, a month outside the columns has none).

    `self_employed` marks the persons on the special tax regime for the self-employed: with a
    gross salary, that amount is their income under the regime and their SO base (decision 0020);
    left out, nobody is.
    """

    insured: Bools
    nuclear_test_zone: Bools
    leave_start: Days
    children: Ints
    complicated_birth: Bools
    previous_children: Ints
    average_so_base: Ints
    return_to_work: Days | None = None
    gross_salary: Ints | None = None
    monthly_so_base: Ints | None = None
    monthly_from: np.datetime64 | None = None
    self_employed: Bools | None = None

    def __len__(self) -> int:
        return len(self.insured)

    def rows(self, start: int, stop: int) -> Persons:
        """Persons start..stop (a chunk of a larger run): every column cut, the rest kept."""
        cut = slice(start, stop)
        columns: dict[str, Any] = {
            f.name: value[cut] for f in fields(self) if isinstance(value := getattr(self, f.name), np.ndarray)
        }
        return replace(self, **columns)
