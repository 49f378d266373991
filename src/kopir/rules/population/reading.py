"""Reading the law for a column of days: once per distinct day, then gathered to every person.

A national population has a million persons but only a few hundred distinct birth days and a
few dozen distinct months, and the law changes a few times a year. So each parameter is read
on the distinct days only (`DayGroups`), and a person's value is picked from that short column
by index; a value that is the same on every distinct day stays a one-element array, which numpy
broadcasts without a gather at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from kopir.rules import kernel
from kopir.rules.errors import RulesNotKnown
from kopir.rules.law import Parameter
from kopir.rules.money import Rounding

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Days = npt.NDArray[np.datetime64]
Index = npt.NDArray[np.intp]


class Parameters(Protocol):
    """What reading a column asks of a law: its parameters by path (a `Law`, or a view noting what is read)."""

    def __getitem__(self, path: str) -> Parameter: ...


# A dense table over the range of days is O(n); beyond this span (sparse days) sorting is cheaper.
DENSE_SPAN_PER_PERSON = 4


def day_numbers(days: Days) -> Ints:
    """Days as int64 day numbers: they search and subtract twice as fast as datetime64 values."""
    return days.astype("datetime64[D]").view(np.int64)


@dataclass(frozen=True)
class DayGroups:
    """Each person's day as an index into the sorted distinct days."""

    distinct: Days
    inverse: Index

    @classmethod
    def of(cls, days: Days) -> DayGroups:
        numbers = day_numbers(days)
        if len(numbers) == 0:
            return cls(numbers.view("datetime64[D]"), np.zeros(0, dtype=np.intp))
        low = int(numbers.min())
        span = int(numbers.max()) - low + 1
        if span > DENSE_SPAN_PER_PERSON * len(numbers) + 4096:
            distinct, inverse = np.unique(numbers, return_inverse=True)
            return cls(distinct.view("datetime64[D]"), inverse.astype(np.intp))
        offsets = numbers - low
        present = np.zeros(span, dtype=np.bool_)
        present[offsets] = True
        position = np.cumsum(present, dtype=np.intp) - 1
        distinct = (np.flatnonzero(present) + low).astype(np.int64)
        return cls(distinct.view("datetime64[D]"), position[offsets])

    def spread(self, values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """Per-distinct-day values for every person (one element if they are all the same)."""
        if len(values) == 0 or (values == values[0]).all():
            return values[:1]
        return values[self.inverse]


def entry_index(parameter: Parameter, days: Days) -> Ints:
    """Which dated value of the parameter is in force on each day; before the first value is an error."""
    starts = np.array([np.datetime64(v.since, "D") for v in parameter.values])
    index = np.searchsorted(starts.view(np.int64), day_numbers(days), side="right") - 1
    if (index < 0).any():
        first = parameter.values[0].since
        raise RulesNotKnown(parameter.path, date.fromisoformat(str(days[index.argmin()])), first)
    return index.astype(np.int64)


def fraction_at(law: Parameters, path: str, days: Days) -> tuple[Ints, Ints, Bools]:
    """A numeric parameter on each day as an exact fraction (numerators, denominators, in force)."""
    parameter = law[path]
    fractions = [
        Fraction(Decimal(v.value)) if v.value is not None else Fraction(0)  # type: ignore[arg-type]
        for v in parameter.values
    ]
    index = entry_index(parameter, days)
    numerators = np.array([f.numerator for f in fractions], dtype=np.int64)[index]
    denominators = np.array([f.denominator for f in fractions], dtype=np.int64)[index]
    in_force = np.array([v.value is not None for v in parameter.values])[index]
    return numerators, denominators, in_force


def whole_at(law: Parameters, path: str, days: Days) -> Ints:
    numerators, denominators, _ = fraction_at(law, path, days)
    return numerators // denominators


def switch_at(law: Parameters, path: str, days: Days) -> Bools:
    parameter = law[path]
    return np.array([v.value is True for v in parameter.values])[entry_index(parameter, days)]


def rounding_at(law: Parameters, path: str, days: Days) -> Rounding:
    """The rounding rule for all these days (one rule across them, as the law has it today)."""
    parameter = law[path]
    entries = np.unique(entry_index(parameter, days)).tolist() if len(days) else [len(parameter.values) - 1]
    rules = {(parameter.values[i].value["mode"], parameter.values[i].value["unit"]) for i in entries}  # type: ignore[index]
    if len(rules) != 1:
        raise NotImplementedError(f"{path}: more than one rounding rule across these dates")
    mode, unit = rules.pop()
    return Rounding(mode=mode, unit=unit)  # type: ignore[arg-type]


def mzp_multiple_at(law: Parameters, path: str, days: Days) -> tuple[Ints, Bools]:
    """A limit in minimum wages, in tiyn (as `Trace.mzp_multiple`: truncated), and whether it is in force."""
    numerators, denominators, in_force = fraction_at(law, path, days)
    mzp = whole_at(law, "general.mzp", days)
    return (mzp * 100 * numerators) // denominators, in_force


def scale_table(law: Parameters, path: str, days: Days, highest_order: int) -> tuple[Ints, Ints]:
    """A scale by birth order as [day, order] fractions, orders 0..highest_order (0 is unused)."""
    parameter = law[path]
    entries = entry_index(parameter, days)
    numerators = np.zeros((len(parameter.values), highest_order + 1), dtype=np.int64)
    denominators = np.ones_like(numerators)
    for index, dated in enumerate(parameter.values):
        brackets = sorted(dated.value.items())  # type: ignore[union-attr]
        for order in range(1, highest_order + 1):
            value = next((v for lowest, v in reversed(brackets) if lowest <= order), 0)
            fraction = Fraction(value)
            numerators[index, order] = fraction.numerator
            denominators[index, order] = fraction.denominator
    return numerators[entries], denominators[entries]


def mrp_scale_amounts(law: Parameters, path: str, days: Days, highest_order: int, rounding_path: str) -> Ints:
    """An MRP-multiple scale by birth order in tiyn, as a [day, order] table."""
    numerators, denominators = scale_table(law, path, days, highest_order)
    mrp = whole_at(law, "general.mrp", days)[:, None] * 100
    rounding = rounding_at(law, rounding_path, days)
    amounts: Ints = kernel.mrp_amount(mrp, kernel.Fractions(numerators, denominators), rounding)
    return amounts
