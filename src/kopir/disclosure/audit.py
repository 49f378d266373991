"""The attacker's view of a protected table, by linear programming: can a hidden cell be pinned down?

For each hidden cell we minimise and maximise it subject to every additivity equation of the table
(margin = sum of members along every line), the shown cells fixed at their values, and the bounds a
reader knows from the statuses: a primary count lies in 1..threshold-1, a complementary one is a
count that was not small (>= threshold), and any hidden cell is >= 0. A cell whose range is narrower
than one unit is as good as published. The equations only link hidden cells that share a line, so
each connected group of hidden cells is solved on its own (small problems, even on a national table).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from kopir.disclosure.tables import Line, Place

Bounds = tuple[float, float | None]


@dataclass(frozen=True)
class Range:
    """What a reader can learn of one hidden cell: its least and greatest possible values."""

    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def ranges(
    values: Mapping[Place, int],
    lines: Iterable[Line],
    bounds: Mapping[Place, Bounds],
    targets: Iterable[Place] | None = None,
) -> dict[Place, Range]:
    """For every hidden cell (the keys of ``bounds``; shown cells are ``values``) its feasible range,
    or, once it is known to be at least one unit wide, the part of it seen so far."""
    lines = [line for line in lines if any(place in bounds for place in line.places())]
    wanted = set(bounds if targets is None else targets)
    result: dict[Place, Range] = {}
    for group in _groups(bounds, lines):
        members = set(group)
        if not members & wanted:
            continue
        touching = [line for line in lines if any(place in members for place in line.places())]
        result.update(_solve(values, touching, bounds, group, wanted))
    return result


def _groups(bounds: Mapping[Place, Bounds], lines: list[Line]) -> list[list[Place]]:
    """Hidden cells joined by shared lines (union-find)."""
    parent = {place: place for place in bounds}

    def root(place: Place) -> Place:
        while parent[place] != place:
            parent[place] = parent[parent[place]]
            place = parent[place]
        return place

    for line in lines:
        hidden = [place for place in line.places() if place in bounds]
        for other in hidden[1:]:
            parent[root(other)] = root(hidden[0])
    groups: dict[Place, list[Place]] = {}
    for place in sorted(bounds):
        groups.setdefault(root(place), []).append(place)
    return list(groups.values())


def _solve(
    values: Mapping[Place, int],
    lines: list[Line],
    bounds: Mapping[Place, Bounds],
    group: list[Place],
    wanted: set[Place],
) -> dict[Place, Range]:
    index = {place: number for number, place in enumerate(group)}
    rows, constants = [], []
    for line in lines:
        row = np.zeros(len(group))
        constant = 0.0
        for place, sign in ((line.margin, 1.0), *((member, -1.0) for member in line.members)):
            if place in index:
                row[index[place]] += sign
            else:
                constant -= sign * values[place]
        rows.append(row)
        constants.append(constant)
    equalities = csr_array(np.array(rows)) if rows else None
    right = np.array(constants) if rows else None
    limits = [bounds[place] for place in group]
    # Every optimum is a feasible table: the values it gives the other cells widen what we have
    # seen of them, and a cell already seen at two values a unit apart needs no programme of its own.
    seen = _Seen(len(group))
    # a few tables pushed every way at once first: they spread most cells without a programme each
    rng = np.random.default_rng(len(group))
    for objective in (np.ones(len(group)), -np.ones(len(group)), *rng.choice((-1.0, 1.0), (2, len(group)))):
        seen.add(linprog(objective, A_eq=equalities, b_eq=right, bounds=limits, method="highs"))
    found: dict[Place, Range] = {}
    for place, number in index.items():
        if place not in wanted:
            continue
        if seen.high[number] - seen.low[number] >= 1:
            found[place] = Range(float(seen.low[number]), float(seen.high[number]))
            continue
        objective = np.zeros(len(group))
        objective[number] = 1.0
        low = linprog(objective, A_eq=equalities, b_eq=right, bounds=limits, method="highs")
        high = linprog(-objective, A_eq=equalities, b_eq=right, bounds=limits, method="highs")
        seen.add(low)
        seen.add(high)
        found[place] = Range(_value(low, float("-inf")), _value(high, float("-inf"), negate=True))
    return found


class _Seen:
    """The least and greatest value each cell has taken in the feasible tables found so far."""

    def __init__(self, size: int) -> None:
        self.low = np.full(size, np.inf)
        self.high = np.full(size, -np.inf)

    def add(self, outcome: object) -> None:
        if getattr(outcome, "status", 2) == 0:
            point = getattr(outcome, "x")  # noqa: B009 - scipy's result is untyped here
            np.minimum(self.low, point, out=self.low)
            np.maximum(self.high, point, out=self.high)


def _value(outcome: object, otherwise: float, *, negate: bool = False) -> float:
    """The optimum; an unbounded maximum is +inf (status 3), an infeasible problem gives ``otherwise``."""
    status = getattr(outcome, "status", 2)
    if status == 3:  # unbounded: the cell can be as large as you like
        return float("inf")
    if status != 0:
        return otherwise
    value = float(getattr(outcome, "fun", 0.0))
    return -value if negate else value
