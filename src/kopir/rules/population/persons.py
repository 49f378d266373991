"""The persons of the population path: one numpy column per fact the law needs."""

from __future__ import annotations

from dataclasses import dataclass

from kopir.rules.population.reading import Bools, Days, Ints


@dataclass(frozen=True)
class Persons:
    """One row per person; money in tiyn, dates as numpy days.

    `return_to_work` is NaT for a person who does not return before the child is 1.5; left out,
    nobody returns early.
    """

    insured: Bools
    nuclear_test_zone: Bools
    leave_start: Days
    children: Ints
    complicated_birth: Bools
    previous_children: Ints
    average_so_base: Ints
    return_to_work: Days | None = None

    def __len__(self) -> int:
        return len(self.insured)
