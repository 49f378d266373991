"""Roll-up of small bodies: a body with fewer leave episodes than the minimum frame is published
inside its parent (ministry or akimat), and a parent still too small inside its own parent.

Roll-up stays within a region: the cells of a body sit in its region's lines, so moving them to a
parent in another region would leave the region total minus its published bodies equal to the
small body's figures. A body with no parent in its region goes into the region's ``other`` unit,
an ordinary cell of the body line (if it is small it is suppressed like any other). Counts and the
counts behind rates add up; means and medians of pay cannot be added, so they are dropped for every
unit that absorbed another body (the engine can recompute them per unit from `reporting_units`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from kopir.statistics.cells import ALL, Cell

OTHER = "other"


@dataclass(frozen=True)
class BodyNode:
    """One state body of the hierarchy: its parent's code (None at the top) and its region."""

    parent: str | None
    region: str


def reporting_units(bodies: Mapping[str, BodyNode], frames: Mapping[str, int], min_frame: int) -> dict[str, str]:
    """Each body's reporting unit: itself, the nearest ancestor in its region that is big enough
    with everything rolled into it, or ``other``."""
    pooled = {code: frames.get(code, 0) for code in bodies}
    pooled[OTHER] = 0
    unit = {code: code for code in bodies}
    for code in sorted(bodies, key=lambda code: (-_depth(bodies, code), code)):
        if pooled[code] >= min_frame:
            continue
        parent = bodies[code].parent
        in_region = parent is not None and parent in bodies and bodies[parent].region == bodies[code].region
        target = parent if in_region and parent is not None else OTHER
        for member, current in unit.items():
            if current == code:
                unit[member] = target
        pooled[target] += pooled[code]
        pooled[code] = 0
    return unit


def _depth(bodies: Mapping[str, BodyNode], code: str) -> int:
    depth, seen = 0, {code}
    parent = bodies[code].parent
    while parent is not None and parent in bodies and parent not in seen:
        seen.add(parent)
        depth, parent = depth + 1, bodies[parent].parent
    return depth


def frames_of(cells: Iterable[Cell], indicator: str) -> dict[str, dict[str, int]]:
    """Episodes per body and period, from the frame indicator's cells (all sexes, no breakdown)."""
    frames: dict[str, dict[str, int]] = defaultdict(dict)
    for cell in cells:
        if cell.indicator == indicator and cell.body != ALL and cell.sex == ALL and not cell.breakdown:
            count = int(cell.value or 0)
            frames[cell.period][cell.body] = max(count, frames[cell.period].get(cell.body, 0))
    return frames


def roll_up(cells: list[Cell], bodies: Mapping[str, BodyNode], *, min_frame: int, frame_indicator: str) -> list[Cell]:
    """The cells with every small body merged into its reporting unit (per period)."""
    frames = frames_of(cells, frame_indicator)
    units = {period: reporting_units(bodies, frames.get(period, {}), min_frame) for period in {c.period for c in cells}}
    grown = {period: {unit for body, unit in mapping.items() if unit != body} for period, mapping in units.items()}
    merged: dict[tuple[str, ...], Cell] = {}
    for cell in cells:
        unit = units[cell.period].get(cell.body, cell.body) if cell.body != ALL else ALL
        if cell.kind == "money" and (unit != cell.body or unit in grown[cell.period]):
            continue
        moved = replace(cell, body=unit)
        merged[moved.key()] = _add(merged[moved.key()], moved) if moved.key() in merged else moved
    return [_with_rate(cell) for cell in merged.values()]


def _add(total: Cell, cell: Cell) -> Cell:
    def plus(a: int | Decimal | None, b: int | Decimal | None) -> int | None:
        return None if a is None or b is None else int(a) + int(b)

    if total.kind == "rate":
        return replace(
            total,
            numerator=plus(total.numerator, cell.numerator),
            denominator=plus(total.denominator, cell.denominator),
        )
    return replace(total, value=plus(total.value, cell.value))


def _with_rate(cell: Cell) -> Cell:
    if cell.kind != "rate" or cell.numerator is None or not cell.denominator:
        return cell
    return replace(cell, value=Decimal(cell.numerator) * 100 / Decimal(cell.denominator))
