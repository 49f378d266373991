"""Reading one figure out of a list of cells."""

from __future__ import annotations

from decimal import Decimal

from kopir.statistics.cells import ALL, Cell


def cell(
    cells: list[Cell], indicator: str, *, sex: str = ALL, region: str = ALL, body: str = ALL, breakdown: str = ""
) -> Cell | None:
    found = [
        c
        for c in cells
        if (c.indicator, c.sex, c.region, c.body, c.breakdown) == (indicator, sex, region, body, breakdown)
    ]
    assert len(found) <= 1, found
    return found[0] if found else None


def value(cells: list[Cell], indicator: str, **where: str) -> int | Decimal | None:
    found = cell(cells, indicator, **where)
    return None if found is None else found.value


def ratio(cells: list[Cell], indicator: str, **where: str) -> tuple[int | None, int | None]:
    found = cell(cells, indicator, **where)
    assert found is not None, (indicator, where)
    return found.numerator, found.denominator
