"""The attacker's view of a protected table, by linear programming (HiGHS): can a hidden cell be pinned down?

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

import highspy
import numpy as np
from highspy import _core

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
    every = list(lines)
    lines_at = lines_by_place(every, bounds)  # built once: numbers into `every`
    hidden_lines = [every[number] for number in sorted({number for found in lines_at.values() for number in found})]
    wanted = set(bounds if targets is None else targets)
    result: dict[Place, Range] = {}
    for group in _groups(bounds, hidden_lines):
        if wanted.isdisjoint(group):
            continue
        touching = [every[number] for number in sorted({number for place in group for number in lines_at[place]})]
        result.update(_solve(values, touching, bounds, group, wanted))
    return result


def lines_by_place(lines: Iterable[Line], places: Iterable[Place]) -> dict[Place, list[int]]:
    """For each of ``places``, the numbers (in ``lines``) of the lines it sits on.

    A national table has tens of thousands of lines: looking a cell's lines up here, rather than
    scanning every line for every cell, keeps the audit's bookkeeping small beside its programmes.
    """
    found: dict[Place, list[int]] = {place: [] for place in places}
    for number, line in enumerate(lines):
        for place in line.places():
            if place in found:
                found[place].append(number)
    return found


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
    model = _model(values, lines, bounds, group, index)
    size = len(group)
    # Every optimum is a feasible table: the values it gives the other cells widen what we have
    # seen of them, and a cell already seen at two values a unit apart needs no programme of its own.
    seen = _Seen(size)
    # a few tables pushed every way at once first: they spread most cells without a programme each
    rng = np.random.default_rng(size)
    for costs in (np.ones(size), *rng.choice((-1.0, 1.0), (3, size))):
        seen.add(_optimum(model, costs, highspy.ObjSense.kMinimize)[1])
    found: dict[Place, Range] = {}
    for place, number in index.items():
        if place not in wanted:
            continue
        if seen.high[number] - seen.low[number] >= 1:
            found[place] = Range(float(seen.low[number]), float(seen.high[number]))
            continue
        costs = np.zeros(size)
        costs[number] = 1.0
        low, low_point = _optimum(model, costs, highspy.ObjSense.kMinimize)
        seen.add(low_point)
        if low is not None and seen.high[number] - low >= 1:
            # a feasible table already gives it a value a unit above its least one: wide enough, no maximum needed
            found[place] = Range(low, float(seen.high[number]))
            continue
        high, high_point = _optimum(model, costs, highspy.ObjSense.kMaximize)
        seen.add(high_point)
        found[place] = Range(low if low is not None else float("-inf"), high if high is not None else float("-inf"))
    return found


def _model(
    values: Mapping[Place, int],
    lines: list[Line],
    bounds: Mapping[Place, Bounds],
    group: list[Place],
    index: Mapping[Place, int],
) -> _core._Highs:
    """One HiGHS model per group: re-solved with a new objective each time, warm from the last basis."""
    # The bare solver: the public `highspy.Highs` wrapper sets up Python callbacks (not needed here)
    # that print a banner on standard output, which would end up in `kopir stats release`'s output.
    model = _core._Highs()  # noqa: SLF001 - see above; highspy is pinned below 2
    model.setOptionValue("output_flag", False)
    lower = np.array([bounds[place][0] for place in group], dtype=float)
    upper = np.array([highspy.kHighsInf if bounds[place][1] is None else bounds[place][1] for place in group])
    model.addVars(len(group), lower, upper)
    for line in lines:
        row: dict[int, float] = {}
        constant = 0.0
        for place, sign in ((line.margin, 1.0), *((member, -1.0) for member in line.members)):
            if place in index:
                row[index[place]] = row.get(index[place], 0.0) + sign
            else:
                constant -= sign * values[place]
        if row:
            columns = np.array(list(row), dtype=np.int32)
            model.addRow(constant, constant, len(columns), columns, np.array(list(row.values())))
    return model


def _optimum(model: _core._Highs, costs: np.ndarray, sense: highspy.ObjSense) -> tuple[float | None, np.ndarray | None]:
    """The optimal value and point; +inf for an unbounded maximum, None when there is no optimum."""
    model.changeObjectiveSense(sense)
    model.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), costs)
    model.run()
    status = model.getModelStatus()
    if status == highspy.HighsModelStatus.kUnbounded:
        return float("inf"), None
    if status != highspy.HighsModelStatus.kOptimal:
        return None, None
    return float(model.getInfo().objective_function_value), np.array(model.getSolution().col_value)


class _Seen:
    """The least and greatest value each cell has taken in the feasible tables found so far."""

    def __init__(self, size: int) -> None:
        self.low = np.full(size, np.inf)
        self.high = np.full(size, -np.inf)

    def add(self, point: np.ndarray | None) -> None:
        if point is not None:
            np.minimum(self.low, point, out=self.low)
            np.maximum(self.high, point, out=self.high)
