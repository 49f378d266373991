"""Random and hand-built tables with consistent margins, and an attacker's linear programme.

The attacker is written here from the table's own structure (which cells are totals of which),
independently of `kopir.disclosure.tables` and `kopir.disclosure.audit`, so the property tests
check the library against a second reading of the contract, not against itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import product

import highspy
import numpy as np
from hypothesis import strategies as st

from kopir.statistics.cells import ALL, Cell

Point = tuple[str, str, str, str]  # sex, region, body, breakdown


@dataclass(frozen=True)
class Shape:
    sexes: tuple[str, ...]
    bodies: dict[str, str]  # body -> region
    categories: tuple[str, ...]  # breakdown values ("" alone when the table has no breakdown)

    def finest(self) -> list[Point]:
        return [
            (sex, region, body, category)
            for sex, (body, region), category in product(self.sexes, sorted(self.bodies.items()), self.categories)
        ]


def ancestors(point: Point) -> set[Point]:
    """The point and every margin above it (each dimension kept or replaced by its total)."""
    sex, region, body, category = point
    return set(product((sex, ALL), (region, ALL), (body, ALL), (category, "")))


def with_margins(finest: Mapping[Point, int]) -> dict[Point, int]:
    table: dict[Point, int] = {}
    for point, value in finest.items():
        for above in ancestors(point):
            table[above] = table.get(above, 0) + value
    return table


def equations(points: Iterable[Point]) -> list[tuple[Point, list[Point]]]:
    """Every total and its parts along one dimension: a point with a total in dimension d equals
    the sum of the table's points that differ from it only by a real value in d."""
    present = set(points)
    found = []
    for total in present:
        for dimension in range(4):
            empty = "" if dimension == 3 else ALL
            if total[dimension] != empty:
                continue
            parts = [
                point
                for point in present
                if point[dimension] != empty and all(point[d] == total[d] for d in range(4) if d != dimension)
            ]
            # breakdowns are ``name=value``: each name's values add up to the total on their own
            by_name: dict[str, list[Point]] = {}
            for part in parts:
                by_name.setdefault(part[3].split("=", 1)[0] if dimension == 3 else "", []).append(part)
            found += [(total, named) for named in by_name.values()]
    return found


def feasible_ranges(
    shown: Mapping[Point, int], hidden: Mapping[Point, tuple[float, float | None]]
) -> dict[Point, tuple[float, float]]:
    """Least and greatest value of every hidden point given every equation, the shown values and the bounds
    (the equations are written once for the whole table)."""
    order = sorted(hidden)
    index = {point: number for number, point in enumerate(order)}
    rows, right = [], []
    for total, parts in equations([*shown, *hidden]):
        row = np.zeros(len(order))
        constant = 0.0
        for point, sign in ((total, 1.0), *((part, -1.0) for part in parts)):
            if point in index:
                row[index[point]] += sign
            else:
                constant -= sign * shown[point]
        if row.any():
            rows.append(row)
            right.append(constant)
    # one HiGHS model for the table, solved again for each objective from the last basis (warm): the same
    # optima as a fresh `scipy.optimize.linprog` for each, without rebuilding and presolving the problem each time
    model = highspy.Highs()
    model.setOptionValue("output_flag", False)
    size = len(order)
    model.addVars(
        size, np.array([hidden[point][0] for point in order]), np.array([_upper(hidden[point][1]) for point in order])
    )
    for row, constant in zip(rows, right, strict=True):
        columns = np.flatnonzero(row).astype(np.int32)
        model.addRow(constant, constant, len(columns), columns, row[columns])
    found = {}
    for target in order:
        model.changeColsCost(
            size, np.arange(size, dtype=np.int32), np.where(np.arange(size) == index[target], 1.0, 0.0)
        )
        low = _optimum(model, highspy.ObjSense.kMinimize)
        high = _optimum(model, highspy.ObjSense.kMaximize)
        assert low is not None, f"no table fits what was shown ({target})"
        found[target] = (low, float("inf") if high is None else high)
    return found


def _upper(bound: float | None) -> float:
    return highspy.kHighsInf if bound is None else bound


def _optimum(model: highspy.Highs, sense: highspy.ObjSense) -> float | None:
    """The objective's optimum, or None when it is unbounded in that direction."""
    model.changeObjectiveSense(sense)
    model.run()
    status = model.getModelStatus()
    if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return None
    assert status == highspy.HighsModelStatus.kOptimal, model.modelStatusToString(status)
    return float(model.getInfo().objective_function_value)


@st.composite
def shapes(draw: st.DrawFn) -> Shape:
    sexes = ("F", "M") if draw(st.booleans()) else ("F",)
    regions = [f"KZ-{10 + number}" for number in range(draw(st.integers(1, 3)))]
    bodies = {}
    for region in regions:
        for number in range(draw(st.integers(1, 3))):
            bodies[f"{region}-B{number}"] = region
    size = draw(st.integers(0, 3))
    categories = tuple(f"category=C{number}" for number in range(size)) if size > 1 else ("",)
    return Shape(sexes, bodies, categories)


SMALL_HEAVY = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(0, 40))


@st.composite
def count_tables(draw: st.DrawFn) -> dict[Point, int]:
    shape = draw(shapes())
    return with_margins({point: draw(SMALL_HEAVY) for point in shape.finest()})


@st.composite
def rate_tables(draw: st.DrawFn) -> tuple[dict[Point, int], dict[Point, int]]:
    shape = draw(shapes())
    denominators = {point: draw(st.one_of(st.integers(0, 12), st.integers(0, 60))) for point in shape.finest()}
    numerators = {point: draw(st.integers(0, value)) for point, value in denominators.items()}
    return with_margins(numerators), with_margins(denominators)


def count_cells(table: Mapping[Point, int], indicator: str = "returned", period: str = "2025") -> list[Cell]:
    return [
        Cell(indicator, period, sex=sex, region=region, body=body, breakdown=category, value=value)
        for (sex, region, body, category), value in sorted(table.items())
    ]


def rate_cells(
    numerators: Mapping[Point, int], denominators: Mapping[Point, int], indicator: str = "return_rate"
) -> list[Cell]:
    cells = []
    for point in sorted(denominators):
        sex, region, body, category = point
        numerator, denominator = numerators[point], denominators[point]
        value = Decimal(numerator) * 100 / denominator if denominator else None
        cells.append(Cell(indicator, "2025", sex, region, body, category, "rate", value, numerator, denominator))
    return cells


def point_of(cell: Cell) -> Point:
    return (cell.sex, cell.region, cell.body, cell.breakdown)
